package dev.holdfast.healthcheck.spec;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Prints addresses the way inet_ntop(3) does, so log and FIFO lines match keepalived's byte for byte:
 * Java's getHostAddress() would print "0:0:0:0:0:0:0:1" where keepalived prints "::1".
 */
public final class TextualAddress {
    private TextualAddress() {
    }

    public static String of(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        byte[] b = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && groups[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        if (bestLength < 2) {
            bestStart = -1;
        }
        // glibc's inet_ntop keeps IPv4-compatible and IPv4-mapped addresses readable as dotted quads
        if (bestStart == 0 && (bestLength == 6 || bestLength == 7 && groups[7] != 1
                || bestLength == 5 && groups[5] == 0xffff)) {
            String quad = (b[12] & 0xff) + "." + (b[13] & 0xff) + "." + (b[14] & 0xff) + "." + (b[15] & 0xff);
            return bestLength == 5 ? "::ffff:" + quad : "::" + quad;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    /** "[10.0.0.1]:tcp:80", keepalived's inet_sockaddrtotrio. */
    public static String trio(InetAddress address, Protocol protocol, int port) {
        return "[" + of(address) + "]:" + protocol.label() + ":" + port;
    }
}
