package dev.holdfast.vrrp.packet;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * keepalived's IPSEC-AH for VRRPv2: the ICV is HMAC-MD5, keyed with the 8-byte auth_pass, over the IPv4
 * header (TOS, fragment field and header checksum zeroed, and TTL too when unicast), the AH header (ICV
 * zeroed) and the VRRP packet, truncated to 96 bits. It is the one place the IP header is authenticated.
 */
final class IpsecAh {
    private static final ThreadLocal<Mac> HMAC_MD5 = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacMD5");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK always provides HmacMD5", e);
        }
    });

    private IpsecAh() {
    }

    /**
     * The 12-byte ICV of an IPv4 datagram whose AH header starts at {@code ahOffset}.
     *
     * @param datagram IP header, AH header, VRRP packet; not modified
     */
    static byte[] icv(byte[] datagram, int ahOffset, int length, boolean unicast, byte[] key) {
        byte[] copy = Arrays.copyOf(datagram, length);
        copy[1] = 0; // TOS
        copy[6] = 0; // flags + fragment offset
        copy[7] = 0;
        copy[10] = 0; // header checksum
        copy[11] = 0;
        if (unicast) {
            copy[8] = 0; // TTL changes on the way to a routed unicast peer
        }
        Arrays.fill(copy, ahOffset + Wire.AH_ICV_OFFSET, ahOffset + Wire.AH_ICV_OFFSET + Wire.AH_ICV_LEN, (byte) 0);
        Mac mac = HMAC_MD5.get();
        try {
            mac.init(new SecretKeySpec(key, "HmacMD5"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("an 8-byte HMAC key is always valid", e);
        }
        return Arrays.copyOf(mac.doFinal(copy), Wire.AH_ICV_LEN);
    }

    static boolean verify(byte[] datagram, int ahOffset, int length, boolean unicast, byte[] key) {
        byte[] expected = icv(datagram, ahOffset, length, unicast, key);
        byte[] actual = Arrays.copyOfRange(datagram, ahOffset + Wire.AH_ICV_OFFSET,
                ahOffset + Wire.AH_ICV_OFFSET + Wire.AH_ICV_LEN);
        return MessageDigest.isEqual(expected, actual);
    }
}
