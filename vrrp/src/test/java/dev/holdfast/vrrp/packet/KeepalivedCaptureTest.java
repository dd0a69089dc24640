package dev.holdfast.vrrp.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Decodes adverts captured from keepalived 2.2.7 and re-encodes them byte for byte. */
class KeepalivedCaptureTest {
    private static final Inet4Address KA_V4 = (Inet4Address) ip("192.168.77.1");
    private static final Inet4Address GROUP_V4 = (Inet4Address) ip("224.0.0.18");
    private static final InetAddress KA_V6 = ip("fe80::ff:fe00:1");
    private static final InetAddress GROUP_V6 = ip("ff02::12");

    @Test
    void v2PasswordAdvertsDecodeAndReencode() {
        List<Capture> packets = Capture.load("v2-pass");
        assertThat(packets).hasSizeGreaterThanOrEqualTo(2);
        Authentication auth = Authentication.pass("secretpassword");
        for (Capture c : packets) {
            ReceivedAdvert r = decoded(c);
            assertThat(r.advert().version()).isEqualTo(VrrpVersion.V2);
            assertThat(r.advert().vrid()).isEqualTo(51);
            assertThat(r.advert().interval()).isEqualTo(1);
            assertThat(r.advert().authType()).isEqualTo(AuthType.PASS);
            assertThat(r.advert().addresses()).containsExactly(ip("192.168.77.100"), ip("192.168.77.101"));
            assertThat(r.source()).isEqualTo(KA_V4);
            assertThat(r.destination()).isEqualTo(GROUP_V4);
            assertThat(r.ttl()).isEqualTo(255);
            // only the first 8 bytes of "secretpassword" travel
            assertThat(new String(Arrays.copyOfRange(c.datagram(), c.datagram().length - 8, c.datagram().length)))
                    .isEqualTo("secretpa");
            assertThat(reencodeIpv4(c, r, auth)).isEqualTo(c.datagram());
        }
        assertThat(priorities(packets)).startsWith(150).endsWith(0);
    }

    @Test
    void v2AdvertsWithoutAuthenticationDecodeAndReencode() {
        List<Capture> packets = Capture.load("v2-none");
        for (Capture c : packets) {
            ReceivedAdvert r = decoded(c);
            assertThat(r.advert().vrid()).isEqualTo(52);
            assertThat(r.advert().authType()).isEqualTo(AuthType.NONE);
            assertThat(r.advert().addresses()).containsExactly(ip("192.168.77.110"));
            assertThat(reencodeIpv4(c, r, Authentication.NONE)).isEqualTo(c.datagram());
        }
        assertThat(priorities(packets)).startsWith(200).endsWith(0);
    }

    @Test
    void v2IpsecAhAdvertsDecodeAndReencode() {
        List<Capture> packets = Capture.load("v2-ah");
        long lastSequence = 0;
        for (Capture c : packets) {
            assertThat(c.datagram()[9]).isEqualTo((byte) 51);
            ReceivedAdvert r = decoded(c);
            assertThat(r.advert().vrid()).isEqualTo(53);
            assertThat(r.advert().authType()).isEqualTo(AuthType.AH);
            assertThat(r.advert().addresses()).containsExactly(ip("192.168.77.120"));
            assertThat(r.ahSequence()).isPresent();
            assertThat(r.ahSequence().getAsLong()).isGreaterThan(lastSequence);
            lastSequence = r.ahSequence().getAsLong();
            assertThat(reencodeIpv4(c, r, Authentication.ah("ahsecret"))).isEqualTo(c.datagram());
        }
        assertThat(priorities(packets)).startsWith(120).endsWith(0);
    }

    @Test
    void v3Ipv4AdvertsDecodeAndReencode() {
        List<Capture> packets = Capture.load("v3-ipv4");
        for (Capture c : packets) {
            ReceivedAdvert r = decoded(c);
            assertThat(r.advert().version()).isEqualTo(VrrpVersion.V3);
            assertThat(r.advert().vrid()).isEqualTo(61);
            assertThat(r.advert().interval()).isEqualTo(50); // advert_int 0.5 = 50 centiseconds
            assertThat(r.advert().addresses())
                    .containsExactly(ip("192.168.77.130"), ip("192.168.77.131"), ip("192.168.77.132"));
            assertThat(reencodeIpv4(c, r, Authentication.NONE)).isEqualTo(c.datagram());
        }
        assertThat(priorities(packets)).startsWith(100).endsWith(0);
    }

    @Test
    void v3Ipv6AdvertsDecodeAndReencode() {
        List<Capture> packets = Capture.load("v3-ipv6");
        for (Capture c : packets) {
            ReceivedAdvert r = decoded(c);
            assertThat(r.advert().family()).isEqualTo(IpFamily.IPV6);
            assertThat(r.advert().vrid()).isEqualTo(71);
            assertThat(r.advert().interval()).isEqualTo(50);
            assertThat(r.advert().addresses()).containsExactly(ip("fe80::71"), ip("2001:db8:77::100"));
            assertThat(r.source()).isEqualTo(KA_V6);
            assertThat(r.destination()).isEqualTo(GROUP_V6);
            assertThat(r.ttl()).isEqualTo(255);
            byte[] payload = Arrays.copyOfRange(c.datagram(), 40, c.datagram().length);
            assertThat(AdvertEncoder.vrrp(r.advert(), Authentication.NONE, ChecksumMode.PSEUDO_HEADER,
                    KA_V6, GROUP_V6)).isEqualTo(payload);
        }
        assertThat(priorities(packets)).startsWith(200).endsWith(0);
    }

    @Test
    void v3ChecksumAsV2IsNotTheRfcChecksum() {
        Capture c = Capture.load("v3-ipv4").get(0);
        AdvertDecoder asV2 = new AdvertDecoder(c.rules().withChecksumMode(ChecksumMode.V2_STYLE));
        assertThat(asV2.decodeIpv4(c.datagram())).isInstanceOfSatisfying(DecodeResult.Rejected.class,
                rej -> assertThat(rej.error()).isEqualTo(DecodeError.BAD_CHECKSUM));

        ReceivedAdvert r = decoded(c);
        byte[] v2Style = AdvertEncoder.ipv4(r.advert(), Authentication.NONE, ChecksumMode.V2_STYLE,
                new Ipv4Envelope(KA_V4, GROUP_V4, 255, 1, 0));
        assertThat(asV2.decodeIpv4(v2Style)).isInstanceOf(DecodeResult.Decoded.class);
        assertThat(new AdvertDecoder(c.rules()).decodeIpv4(v2Style))
                .isInstanceOfSatisfying(DecodeResult.Rejected.class,
                        rej -> assertThat(rej.error()).isEqualTo(DecodeError.BAD_CHECKSUM));
        // the checksum over the VRRP bytes alone: the same sum a VRRPv2 packet would carry
        int sum = new InternetChecksum().add(v2Style, 20, v2Style.length - 20).value();
        assertThat(sum).isZero();
    }

    @Test
    void outgoingAdvertsNumberPacketsAsKeepalivedDoes() {
        for (String file : Capture.FILES) {
            List<Capture> packets = Capture.load(file);
            ReceivedAdvert first = decoded(packets.get(0));
            Authentication auth = Capture.rulesFor(file).authentication();
            OutgoingAdverts out = new OutgoingAdverts(first.advert(), auth, ChecksumMode.PSEUDO_HEADER,
                    first.source(), first.destination(), 255);
            for (Capture c : packets) {
                byte[] expected = c.family() == IpFamily.IPV4 ? c.datagram()
                        : Arrays.copyOfRange(c.datagram(), 40, c.datagram().length);
                assertThat(out.next(decoded(c).advert().priority())).as("%s #%d", file, c.index())
                        .isEqualTo(expected);
            }
        }
    }

    private static byte[] reencodeIpv4(Capture c, ReceivedAdvert r, Authentication auth) {
        int id = ((c.datagram()[4] & 0xFF) << 8) | (c.datagram()[5] & 0xFF);
        Ipv4Envelope env = new Ipv4Envelope((Inet4Address) r.source(), (Inet4Address) r.destination(), r.ttl(),
                id, r.ahSequence().orElse(0));
        return AdvertEncoder.ipv4(r.advert(), auth, ChecksumMode.PSEUDO_HEADER, env);
    }

    private static ReceivedAdvert decoded(Capture c) {
        DecodeResult result = c.decode();
        assertThat(result).as("%s #%d", c.file(), c.index()).isInstanceOf(DecodeResult.Decoded.class);
        return ((DecodeResult.Decoded) result).advert();
    }

    private static List<Integer> priorities(List<Capture> packets) {
        return packets.stream().map(c -> decoded(c).advert().priority()).toList();
    }

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(s, e);
        }
    }
}
