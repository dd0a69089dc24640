package dev.holdfast.healthcheck.spec;

import java.util.HexFormat;
import java.util.Objects;

/**
 * Bytes written in keepalived's hex notation (UDP_CHECK payload and require_reply): pairs of hex digits, spaces
 * between groups allowed, a lone digit before a space is one byte, and in reply patterns an X stands for any
 * nibble.
 *
 * @param data bytes as lower-case hex, wildcard nibbles as 0
 * @param mask the same length; an f nibble marks a wildcard
 */
public record HexPattern(String data, String mask) {
    public HexPattern {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(mask, "mask");
        if (data.length() != mask.length() || data.length() % 2 != 0) {
            throw new IllegalArgumentException("data and mask must be whole bytes of equal length");
        }
        HexFormat.of().parseHex(data);
        HexFormat.of().parseHex(mask);
    }

    /** Parses keepalived's notation (read_hex_str); {@code wildcards} allows X nibbles. */
    public static HexPattern parse(String text, boolean wildcards) {
        StringBuilder data = new StringBuilder();
        StringBuilder mask = new StringBuilder();
        int i = 0;
        while (true) {
            while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                i++;
            }
            if (i >= text.length()) {
                break;
            }
            char high = text.charAt(i++);
            boolean pair = i < text.length() && text.charAt(i) != ' ';
            char low = pair ? text.charAt(i++) : high;
            if (!pair) {
                high = '0';
            }
            for (char c : new char[] {high, low}) {
                if (wildcards && c == 'X') {
                    data.append('0');
                    mask.append('f');
                } else if (HexFormat.isHexDigit(c)) {
                    data.append(Character.toLowerCase(c));
                    mask.append('0');
                } else {
                    throw new IllegalArgumentException("invalid hex string: " + text);
                }
            }
        }
        if (data.length() == 0) {
            throw new IllegalArgumentException("empty hex string");
        }
        return new HexPattern(data.toString(), mask.toString());
    }

    public byte[] bytes() {
        return HexFormat.of().parseHex(data);
    }

    /** Length in bytes. */
    public int length() {
        return data.length() / 2;
    }

    /**
     * keepalived's check_udp_reply comparison: only the first min(reply, pattern) bytes are compared, wildcard
     * nibbles match anything.
     */
    public boolean matches(byte[] reply) {
        byte[] expected = bytes();
        byte[] wildcard = HexFormat.of().parseHex(mask);
        int n = Math.min(reply.length, expected.length);
        for (int i = 0; i < n; i++) {
            if (((reply[i] ^ expected[i]) & ~wildcard[i] & 0xff) != 0) {
                return false;
            }
        }
        return true;
    }
}
