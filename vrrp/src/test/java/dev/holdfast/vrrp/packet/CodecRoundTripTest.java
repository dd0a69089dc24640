package dev.holdfast.vrrp.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever the encoder writes, the decoder reads back unchanged. */
class CodecRoundTripTest {
    private static final Inet4Address SRC4 = (Inet4Address) KeepalivedCaptureTest.ip("10.1.1.1");
    private static final Inet4Address GROUP4 = (Inet4Address) KeepalivedCaptureTest.ip("224.0.0.18");
    private static final Inet6Address SRC6 = (Inet6Address) KeepalivedCaptureTest.ip("fe80::1");
    private static final Inet6Address GROUP6 = (Inet6Address) KeepalivedCaptureTest.ip("ff02::12");

    @Property(tries = 500)
    void v2RoundTrips(@ForAll("v2Adverts") Advert advert, @ForAll("v2Auth") Authentication auth) {
        Advert a = new Advert(advert.version(), advert.family(), advert.vrid(), advert.priority(), advert.interval(),
                auth.type(), advert.addresses());
        byte[] bytes = AdvertEncoder.ipv4(a, auth, ChecksumMode.PSEUDO_HEADER,
                new Ipv4Envelope(SRC4, GROUP4, 255, 1234, 77));
        DecodeResult r = new AdvertDecoder(DecodeRules.multicast(VrrpVersion.V2, IpFamily.IPV4)
                .withAuthentication(auth)).decodeIpv4(bytes);
        assertThat(r).isInstanceOfSatisfying(DecodeResult.Decoded.class, d -> assertThat(d.advert().advert()).isEqualTo(a));
    }

    @Property(tries = 500)
    void v3Ipv4RoundTrips(@ForAll("v3Ipv4Adverts") Advert advert, @ForAll ChecksumMode mode) {
        byte[] bytes = AdvertEncoder.ipv4(advert, Authentication.NONE, mode, new Ipv4Envelope(SRC4, GROUP4, 255, 1, 0));
        DecodeResult r = new AdvertDecoder(DecodeRules.multicast(VrrpVersion.V3, IpFamily.IPV4).withChecksumMode(mode))
                .decodeIpv4(bytes);
        assertThat(r).isInstanceOfSatisfying(DecodeResult.Decoded.class, d -> assertThat(d.advert().advert()).isEqualTo(advert));
    }

    @Property(tries = 500)
    void v3Ipv6RoundTrips(@ForAll("v3Ipv6Adverts") Advert advert) {
        byte[] bytes = AdvertEncoder.vrrp(advert, Authentication.NONE, ChecksumMode.PSEUDO_HEADER, SRC6, GROUP6);
        DecodeResult r = new AdvertDecoder(DecodeRules.multicast(VrrpVersion.V3, IpFamily.IPV6))
                .decodeIpv6(bytes, new Ipv6Envelope(SRC6, GROUP6, 255));
        assertThat(r).isInstanceOfSatisfying(DecodeResult.Decoded.class, d -> assertThat(d.advert().advert()).isEqualTo(advert));
    }

    @Provide
    Arbitrary<Advert> v2Adverts() {
        return Combinators.combine(Arbitraries.integers().between(1, 255), Arbitraries.integers().between(0, 255),
                        Arbitraries.integers().between(1, 255), addresses(4, 20))
                .as((vrid, prio, interval, vips) ->
                        new Advert(VrrpVersion.V2, IpFamily.IPV4, vrid, prio, interval, AuthType.NONE, vips));
    }

    @Provide
    Arbitrary<Advert> v3Ipv4Adverts() {
        return Combinators.combine(Arbitraries.integers().between(1, 255), Arbitraries.integers().between(0, 255),
                        Arbitraries.integers().between(1, 4095), addresses(4, 20))
                .as((vrid, prio, interval, vips) ->
                        new Advert(VrrpVersion.V3, IpFamily.IPV4, vrid, prio, interval, AuthType.NONE, vips));
    }

    @Provide
    Arbitrary<Advert> v3Ipv6Adverts() {
        return Combinators.combine(Arbitraries.integers().between(1, 255), Arbitraries.integers().between(0, 255),
                        Arbitraries.integers().between(1, 4095), addresses(16, 10))
                .as((vrid, prio, interval, vips) ->
                        new Advert(VrrpVersion.V3, IpFamily.IPV6, vrid, prio, interval, AuthType.NONE, vips));
    }

    @Provide
    Arbitrary<Authentication> v2Auth() {
        Arbitrary<String> pw = Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12);
        return Arbitraries.oneOf(Arbitraries.just(Authentication.NONE), pw.map(Authentication::pass),
                pw.map(Authentication::ah));
    }

    private static Arbitrary<List<InetAddress>> addresses(int length, int max) {
        return Arbitraries.bytes().array(byte[].class).ofSize(length).list().ofMaxSize(max).map(raws -> {
            List<InetAddress> out = new ArrayList<>();
            for (byte[] raw : raws) {
                try {
                    out.add(length == 4 ? InetAddress.getByAddress(raw) : Inet6Address.getByAddress(null, raw, -1));
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            }
            return out;
        });
    }
}
