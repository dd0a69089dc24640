package dev.holdfast.vrrp.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any bytes, any rules: a result, never an exception. */
class DecoderTotalityTest {

    @Property(tries = 5_000)
    void ipv4NeverThrows(@ForAll("packets") byte[] bytes, @ForAll("rules4") DecodeRules rules) {
        DecodeResult r = new AdvertDecoder(rules).decodeIpv4(bytes);
        assertThat(r).isNotNull();
    }

    @Property(tries = 5_000)
    void ipv6NeverThrows(@ForAll("packets") byte[] bytes, @ForAll boolean unicast) {
        AdvertDecoder d = new AdvertDecoder(DecodeRules.multicast(VrrpVersion.V3, IpFamily.IPV6).withUnicast(unicast));
        assertThat(d.decodeIpv6Datagram(bytes)).isNotNull();
        assertThat(d.decodeIpv6(bytes, new Ipv6Envelope((Inet6Address) KeepalivedCaptureTest.ip("fe80::1"),
                (Inet6Address) KeepalivedCaptureTest.ip("ff02::12"), 255))).isNotNull();
        assertThat(d.decodeIpv6(bytes, null)).isNotNull();
        assertThat(d.decodeIpv4(bytes)).isNotNull();
    }

    @Provide
    Arbitrary<byte[]> packets() {
        // a VRRP-ish prefix makes the deeper checks reachable from random bytes
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
        return Arbitraries.oneOf(raw, raw.map(b -> {
            if (b.length > 21) {
                b[0] = 0x45;
                b[9] = (byte) (b[1] % 2 == 0 ? 112 : 51);
                b[20] = (byte) (b[2] % 2 == 0 ? 0x21 : 0x31);
            }
            return b;
        }));
    }

    @Provide
    Arbitrary<DecodeRules> rules4() {
        return Arbitraries.of(
                DecodeRules.multicast(VrrpVersion.V2, IpFamily.IPV4),
                DecodeRules.multicast(VrrpVersion.V2, IpFamily.IPV4).withAuthentication(Authentication.pass("pw")),
                DecodeRules.multicast(VrrpVersion.V2, IpFamily.IPV4).withAuthentication(Authentication.ah("pw")),
                DecodeRules.multicast(VrrpVersion.V2, IpFamily.IPV4).withAuthentication(Authentication.ah("pw"))
                        .withUnicast(true),
                DecodeRules.multicast(VrrpVersion.V3, IpFamily.IPV4),
                DecodeRules.multicast(VrrpVersion.V3, IpFamily.IPV4).withChecksumMode(ChecksumMode.V2_STYLE),
                DecodeRules.multicast(VrrpVersion.V3, IpFamily.IPV4).withUnicast(true),
                DecodeRules.multicast(VrrpVersion.V3, IpFamily.IPV6));
    }
}
