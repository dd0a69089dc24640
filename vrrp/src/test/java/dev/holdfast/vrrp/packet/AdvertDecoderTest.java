package dev.holdfast.vrrp.packet;

import static dev.holdfast.vrrp.packet.KeepalivedCaptureTest.ip;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per rejection reason, each on an otherwise valid packet. */
class AdvertDecoderTest {
    private static final Inet4Address SRC = (Inet4Address) ip("192.168.1.2");
    private static final Inet4Address GROUP = (Inet4Address) ip("224.0.0.18");
    private static final List<InetAddress> VIPS = List.of(ip("192.168.1.100"), ip("192.168.1.101"));
    private static final DecodeRules V2 = DecodeRules.multicast(VrrpVersion.V2, IpFamily.IPV4);
    private static final DecodeRules V3 = DecodeRules.multicast(VrrpVersion.V3, IpFamily.IPV4);
    private static final Advert V2_ADVERT = new Advert(VrrpVersion.V2, IpFamily.IPV4, 7, 100, 1, AuthType.NONE, VIPS);
    private static final Advert V3_ADVERT = new Advert(VrrpVersion.V3, IpFamily.IPV4, 7, 100, 100, AuthType.NONE, VIPS);

    private static byte[] v2(Authentication auth) {
        Advert a = new Advert(VrrpVersion.V2, IpFamily.IPV4, 7, 100, 1, auth.type(), VIPS);
        return AdvertEncoder.ipv4(a, auth, ChecksumMode.PSEUDO_HEADER, new Ipv4Envelope(SRC, GROUP, 255, 1, 9));
    }

    private static byte[] v3() {
        return AdvertEncoder.ipv4(V3_ADVERT, Authentication.NONE, ChecksumMode.PSEUDO_HEADER,
                new Ipv4Envelope(SRC, GROUP, 255, 1, 0));
    }

    /** Re-computes the v2 VRRP checksum after a field was changed, so a later check is reached. */
    private static byte[] fixV2Checksum(byte[] d, int vrrpOffset) {
        d[vrrpOffset + 6] = 0;
        d[vrrpOffset + 7] = 0;
        int sum = new InternetChecksum().add(d, vrrpOffset, d.length - vrrpOffset).value();
        d[vrrpOffset + 6] = (byte) (sum >> 8);
        d[vrrpOffset + 7] = (byte) sum;
        return d;
    }

    private static DecodeError error(DecodeResult r) {
        assertThat(r).isInstanceOf(DecodeResult.Rejected.class);
        return ((DecodeResult.Rejected) r).error();
    }

    @Test
    void validPacketsDecode() {
        assertThat(new AdvertDecoder(V2).decodeIpv4(v2(Authentication.NONE)))
                .isEqualTo(new DecodeResult.Decoded(new ReceivedAdvert(V2_ADVERT, SRC, GROUP, 255,
                        java.util.OptionalLong.empty())));
        assertThat(new AdvertDecoder(V3).decodeIpv4(v3())).isInstanceOf(DecodeResult.Decoded.class);
    }

    @Test
    void truncatedAndTooLong() {
        byte[] d = v2(Authentication.NONE);
        AdvertDecoder dec = new AdvertDecoder(V2);
        assertThat(error(dec.decodeIpv4(new byte[0]))).isEqualTo(DecodeError.TRUNCATED);
        assertThat(error(dec.decodeIpv4(null))).isEqualTo(DecodeError.TRUNCATED);
        assertThat(error(dec.decodeIpv4(Arrays.copyOf(d, 27)))).isEqualTo(DecodeError.TRUNCATED);
        assertThat(error(dec.decodeIpv4(Arrays.copyOf(d, d.length - 1)))).isEqualTo(DecodeError.TRUNCATED);
        byte[] longer = Arrays.copyOf(d, 60);
        assertThat(error(dec.decodeIpv4(longer))).isEqualTo(DecodeError.TOO_LONG);
        // the address count claims more addresses than are there
        byte[] moreAddresses = d.clone();
        moreAddresses[23] = 3;
        assertThat(error(dec.decodeIpv4(moreAddresses))).isEqualTo(DecodeError.TRUNCATED);
    }

    @Test
    void ethernetPaddingIsAccepted() {
        byte[] oneVip = AdvertEncoder.ipv4(new Advert(VrrpVersion.V3, IpFamily.IPV4, 7, 100, 100, AuthType.NONE,
                List.of(ip("192.168.1.100"))), Authentication.NONE, ChecksumMode.PSEUDO_HEADER,
                new Ipv4Envelope(SRC, GROUP, 255, 1, 0));
        assertThat(oneVip).hasSize(32);
        assertThat(new AdvertDecoder(V3).decodeIpv4(Arrays.copyOf(oneVip, 46)))
                .isInstanceOf(DecodeResult.Decoded.class);
    }

    @Test
    void badIpHeaderAndProtocol() {
        AdvertDecoder dec = new AdvertDecoder(V2);
        byte[] d = v2(Authentication.NONE);
        byte[] v6 = d.clone();
        v6[0] = 0x65;
        assertThat(error(dec.decodeIpv4(v6))).isEqualTo(DecodeError.BAD_IP_HEADER);
        byte[] shortIhl = d.clone();
        shortIhl[0] = 0x44;
        assertThat(error(dec.decodeIpv4(shortIhl))).isEqualTo(DecodeError.BAD_IP_HEADER);
        byte[] udp = d.clone();
        udp[9] = 17;
        assertThat(error(dec.decodeIpv4(udp))).isEqualTo(DecodeError.BAD_PROTOCOL);
        assertThat(error(new AdvertDecoder(DecodeRules.multicast(VrrpVersion.V3, IpFamily.IPV6)).decodeIpv4(d)))
                .isEqualTo(DecodeError.BAD_IP_HEADER);
    }

    @Test
    void ttlMustBe255ForMulticastOnly() {
        byte[] d = v2(Authentication.NONE);
        d[8] = 64;
        assertThat(error(new AdvertDecoder(V2).decodeIpv4(d))).isEqualTo(DecodeError.BAD_TTL);
        Advert a = V2_ADVERT;
        byte[] unicast = AdvertEncoder.ipv4(a, Authentication.NONE, ChecksumMode.PSEUDO_HEADER,
                new Ipv4Envelope(SRC, (Inet4Address) ip("192.168.1.3"), 64, 1, 0));
        assertThat(new AdvertDecoder(V2.withUnicast(true)).decodeIpv4(unicast)).isInstanceOf(DecodeResult.Decoded.class);
    }

    @Test
    void versionMustMatch() {
        assertThat(error(new AdvertDecoder(V3).decodeIpv4(v2(Authentication.NONE)))).isEqualTo(DecodeError.BAD_VERSION);
        assertThat(error(new AdvertDecoder(V2).decodeIpv4(v3()))).isIn(DecodeError.TRUNCATED, DecodeError.BAD_VERSION);
        byte[] v4 = v3();
        v4[20] = 0x41;
        assertThat(error(new AdvertDecoder(V3).decodeIpv4(v4))).isEqualTo(DecodeError.BAD_VERSION);
    }

    @Test
    void typeMustBeAdvertisement() {
        byte[] d = v2(Authentication.NONE);
        d[20] = 0x22;
        assertThat(error(new AdvertDecoder(V2).decodeIpv4(fixV2Checksum(d, 20)))).isEqualTo(DecodeError.BAD_TYPE);
    }

    @Test
    void checksumIsVerified() {
        byte[] d = v2(Authentication.NONE);
        d[22] ^= 1; // priority
        assertThat(error(new AdvertDecoder(V2).decodeIpv4(d))).isEqualTo(DecodeError.BAD_CHECKSUM);
        byte[] three = v3();
        three[12] ^= 1; // the pseudo-header's source address
        assertThat(error(new AdvertDecoder(V3).decodeIpv4(three))).isEqualTo(DecodeError.BAD_CHECKSUM);
    }

    @Test
    void ipTotalLengthMustMatch() {
        byte[] d = v2(Authentication.NONE);
        d[3] += 4;
        assertThat(error(new AdvertDecoder(V2).decodeIpv4(d))).isEqualTo(DecodeError.BAD_LENGTH);
    }

    @Test
    void multicastAndUnicastDoNotMix() {
        assertThat(error(new AdvertDecoder(V2.withUnicast(true)).decodeIpv4(v2(Authentication.NONE))))
                .isEqualTo(DecodeError.CAST_MISMATCH);
    }

    @Test
    void authTypesAreChecked() {
        byte[] d = v2(Authentication.NONE);
        d[24] = 7;
        assertThat(error(new AdvertDecoder(V2).decodeIpv4(fixV2Checksum(d, 20)))).isEqualTo(DecodeError.BAD_AUTH_TYPE);
        assertThat(error(new AdvertDecoder(V2.withAuthentication(Authentication.pass("x")))
                .decodeIpv4(v2(Authentication.NONE)))).isEqualTo(DecodeError.AUTH_MISMATCH);
        assertThat(error(new AdvertDecoder(V2).decodeIpv4(v2(Authentication.pass("x")))))
                .isEqualTo(DecodeError.AUTH_MISMATCH);
        assertThat(error(new AdvertDecoder(V2).decodeIpv4(v2(Authentication.ah("x")))))
                .isEqualTo(DecodeError.AUTH_MISMATCH);
        assertThat(error(new AdvertDecoder(V2.withAuthentication(Authentication.ah("x")))
                .decodeIpv4(v2(Authentication.NONE)))).isEqualTo(DecodeError.AUTH_MISMATCH);
    }

    @Test
    void passwordIsComparedOnItsFirstEightBytes() {
        byte[] d = v2(Authentication.pass("password123"));
        AdvertDecoder sameFirst8 = new AdvertDecoder(V2.withAuthentication(Authentication.pass("password-other")));
        assertThat(sameFirst8.decodeIpv4(d)).isInstanceOf(DecodeResult.Decoded.class);
        AdvertDecoder other = new AdvertDecoder(V2.withAuthentication(Authentication.pass("passw0rd")));
        assertThat(error(other.decodeIpv4(d))).isEqualTo(DecodeError.AUTH_FAILURE);
    }

    @Test
    void ahIcvCoversTheIpHeaderButNotItsMutableFields() {
        DecodeRules rules = V2.withAuthentication(Authentication.ah("secret"));
        byte[] d = v2(Authentication.ah("secret"));
        assertThat(new AdvertDecoder(rules).decodeIpv4(d)).isInstanceOfSatisfying(DecodeResult.Decoded.class,
                ok -> assertThat(ok.advert().ahSequence()).hasValue(9));
        assertThat(error(new AdvertDecoder(V2.withAuthentication(Authentication.ah("wrong"))).decodeIpv4(d)))
                .isEqualTo(DecodeError.AUTH_FAILURE);

        byte[] tos = d.clone();
        tos[1] = 0x10; // TOS is zeroed for the ICV
        assertThat(new AdvertDecoder(rules).decodeIpv4(tos)).isInstanceOf(DecodeResult.Decoded.class);

        byte[] id = d.clone();
        id[5] ^= 1; // the identification is not
        assertThat(error(new AdvertDecoder(rules).decodeIpv4(id))).isEqualTo(DecodeError.AUTH_FAILURE);

        byte[] seq = d.clone();
        seq[20 + 11] ^= 1;
        assertThat(error(new AdvertDecoder(rules).decodeIpv4(seq))).isEqualTo(DecodeError.AUTH_FAILURE);

        byte[] notVrrp = d.clone();
        notVrrp[20] = 6;
        assertThat(error(new AdvertDecoder(rules).decodeIpv4(notVrrp))).isEqualTo(DecodeError.AH_NOT_VRRP);
    }

    @Test
    void ahSpiMustBeTheSourceAddress() {
        DecodeRules rules = V2.withAuthentication(Authentication.ah("secret"));
        byte[] d = v2(Authentication.ah("secret"));
        d[20 + 7] ^= 1; // SPI
        byte[] icv = IpsecAh.icv(d, 20, d.length, false, Authentication.ah("secret").key());
        System.arraycopy(icv, 0, d, 32, 12);
        assertThat(error(new AdvertDecoder(rules).decodeIpv4(d))).isEqualTo(DecodeError.AH_BAD_SPI);
    }

    @Test
    void unicastAhZeroesTheTtlInTheIcv() {
        DecodeRules rules = V2.withAuthentication(Authentication.ah("secret")).withUnicast(true);
        byte[] d = AdvertEncoder.ipv4(new Advert(VrrpVersion.V2, IpFamily.IPV4, 7, 100, 1, AuthType.AH, VIPS),
                Authentication.ah("secret"), ChecksumMode.PSEUDO_HEADER,
                new Ipv4Envelope(SRC, (Inet4Address) ip("192.168.1.3"), 255, 1, 1));
        d[8] = 61; // routed: TTL decremented on the way
        assertThat(new AdvertDecoder(rules).decodeIpv4(d)).isInstanceOf(DecodeResult.Decoded.class);
    }

    @Test
    void v3ReservedIntervalBitsAreIgnored() {
        byte[] d = v3();
        d[24] |= (byte) 0xF0;
        d[26] = 0;
        d[27] = 0;
        int sum = VrrpChecksum.compute(VrrpVersion.V3, ChecksumMode.PSEUDO_HEADER, SRC, GROUP, d, 20, d.length - 20);
        d[26] = (byte) (sum >> 8);
        d[27] = (byte) sum;
        DecodeResult r = new AdvertDecoder(V3).decodeIpv4(d);
        assertThat(r).isInstanceOfSatisfying(DecodeResult.Decoded.class,
                ok -> assertThat(ok.advert().advert().interval()).isEqualTo(100));
    }

    @Test
    void ipv6ChecksHopLimitChecksumAndLength() {
        Inet6Address src = (Inet6Address) ip("fe80::1");
        Inet6Address group = (Inet6Address) ip("ff02::12");
        Advert a = new Advert(VrrpVersion.V3, IpFamily.IPV6, 9, 100, 100, AuthType.NONE,
                List.of(ip("fe80::9"), ip("2001:db8::9")));
        byte[] vrrp = AdvertEncoder.vrrp(a, Authentication.NONE, ChecksumMode.PSEUDO_HEADER, src, group);
        AdvertDecoder dec = new AdvertDecoder(DecodeRules.multicast(VrrpVersion.V3, IpFamily.IPV6));
        assertThat(dec.decodeIpv6(vrrp, new Ipv6Envelope(src, group, 255)))
                .isInstanceOfSatisfying(DecodeResult.Decoded.class, ok -> assertThat(ok.advert().advert()).isEqualTo(a));
        assertThat(dec.decodeIpv6(vrrp, new Ipv6Envelope(src, group, -1))).isInstanceOf(DecodeResult.Decoded.class);
        assertThat(error(dec.decodeIpv6(vrrp, new Ipv6Envelope(src, group, 1)))).isEqualTo(DecodeError.BAD_TTL);
        assertThat(error(dec.decodeIpv6(vrrp, new Ipv6Envelope((Inet6Address) ip("fe80::2"), group, 255))))
                .isEqualTo(DecodeError.BAD_CHECKSUM);
        assertThat(error(dec.decodeIpv6(Arrays.copyOf(vrrp, 30), new Ipv6Envelope(src, group, 255))))
                .isEqualTo(DecodeError.TRUNCATED);
        assertThat(error(dec.decodeIpv6(Arrays.copyOf(vrrp, 60), new Ipv6Envelope(src, group, 255))))
                .isEqualTo(DecodeError.TOO_LONG);
        assertThat(error(dec.decodeIpv6(vrrp, new Ipv6Envelope(src, (Inet6Address) ip("fe80::2"), 255))))
                .isIn(DecodeError.BAD_CHECKSUM, DecodeError.CAST_MISMATCH);
    }

    @Test
    void ipv4MappedIpv6VipStaysIpv6() {
        Inet6Address src = (Inet6Address) ip("fe80::1");
        Inet6Address group = (Inet6Address) ip("ff02::12");
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xFF;
        mapped[11] = (byte) 0xFF;
        mapped[12] = 10;
        byte[] vrrp = new byte[24];
        vrrp[0] = 0x31;
        vrrp[1] = 1;
        vrrp[2] = 100;
        vrrp[3] = 1;
        vrrp[5] = 100;
        System.arraycopy(mapped, 0, vrrp, 8, 16);
        int sum = VrrpChecksum.compute(VrrpVersion.V3, ChecksumMode.PSEUDO_HEADER, src, group, vrrp, 0, 24);
        vrrp[6] = (byte) (sum >> 8);
        vrrp[7] = (byte) sum;
        DecodeResult r = new AdvertDecoder(DecodeRules.multicast(VrrpVersion.V3, IpFamily.IPV6))
                .decodeIpv6(vrrp, new Ipv6Envelope(src, group, 255));
        assertThat(r).isInstanceOfSatisfying(DecodeResult.Decoded.class,
                ok -> assertThat(ok.advert().advert().addresses().get(0)).isInstanceOf(Inet6Address.class));
    }

    @Test
    void rejectCountsAddUp() {
        RejectCounts counts = new RejectCounts();
        AdvertDecoder dec = new AdvertDecoder(V2);
        assertThat(counts.countIfRejected(dec.decodeIpv4(new byte[3]))).isTrue();
        assertThat(counts.countIfRejected(dec.decodeIpv4(v2(Authentication.NONE)))).isFalse();
        counts.count(DecodeError.BAD_TTL);
        assertThat(counts.total()).isEqualTo(2);
        assertThat(counts.snapshot()).containsOnlyKeys(DecodeError.TRUNCATED, DecodeError.BAD_TTL);
    }
}
