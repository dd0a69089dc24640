package dev.holdfast.config.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 or IPv6 address literal (never resolved through DNS), in canonical text form. */
public record IpAddress(String text, boolean ipv6, byte[] bytes) {

    public static IpAddress parse(String s) {
        if (s == null || s.isEmpty() || s.length() > 64) {
            return null;
        }
        if (s.indexOf(':') < 0) {
            byte[] b = parseIpv4(s);
            return b == null ? null : new IpAddress((b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "."
                    + (b[3] & 0xff), false, b);
        }
        String literal = s;
        int pct = s.indexOf('%');
        String hostPart = pct >= 0 ? s.substring(0, pct) : s;
        if (!hostPart.matches("[0-9A-Fa-f:.]+")) {
            return null;
        }
        try {
            InetAddress a = InetAddress.getByName(hostPart.startsWith("[") ? literal : hostPart);
            byte[] b = a.getAddress();
            if (b.length != 16) {
                return null;
            }
            return new IpAddress(formatIpv6(b) + (pct >= 0 ? s.substring(pct) : ""), true, b);
        } catch (UnknownHostException | SecurityException | IllegalArgumentException e) {
            return null;
        }
    }

    static byte[] parseIpv4(String s) {
        byte[] b = new byte[4];
        int part = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c == '.') {
                if (digits == 0 || part > 3 || value > 255) {
                    return null;
                }
                b[part++] = (byte) value;
                value = 0;
                digits = 0;
            } else if (c >= '0' && c <= '9' && digits < 3) {
                value = value * 10 + (c - '0');
                digits++;
            } else {
                return null;
            }
        }
        return part == 4 ? b : null;
    }

    /**
     * The text of a 16-byte IPv6 address as glibc's inet_ntop writes it (so as ipvsadm and ip print it): the
     * longest run of two or more zero groups becomes "::" (the first on a tie), and IPv4-compatible and
     * IPv4-mapped addresses keep their dotted quad.
     */
    public static String formatIpv6(byte[] b) {
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) {
            w[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (w[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && w[j] == 0) {
                j++;
            }
            if (j - i > bestLen && j - i > 1) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestStart == 0 && (bestLen == 6 || bestLen == 7 && w[7] != 1 || bestLen == 5 && w[5] == 0xffff)) {
            String quad = (b[12] & 0xff) + "." + (b[13] & 0xff) + "." + (b[14] & 0xff) + "." + (b[15] & 0xff);
            return bestLen == 5 ? "::ffff:" + quad : "::" + quad;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(w[i]));
        }
        return sb.toString();
    }

    public int maxPrefix() {
        return ipv6 ? 128 : 32;
    }

    public boolean isLinkLocal6() {
        return ipv6 && (bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xc0) == 0x80;
    }

    @JsonValue
    @Override
    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpAddress a && a.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
