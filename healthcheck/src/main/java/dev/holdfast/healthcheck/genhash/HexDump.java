package dev.holdfast.healthcheck.genhash;

/**
 * The hex dump genhash --verbose prints: 16 bytes a line, a decimal offset, two groups of eight split by "- ",
 * then the bytes as text with anything unprintable shown as '.'.
 */
final class HexDump {
    private static final int PER_LINE = 16;

    private HexDump() {
    }

    static String of(byte[] data) {
        return of(data, 0, data.length);
    }

    static String of(byte[] data, int from, int length) {
        StringBuilder out = new StringBuilder();
        for (int line = 0; line < length; line += PER_LINE) {
            int n = Math.min(PER_LINE, length - line);
            out.append(String.format("%04d  ", line));
            for (int i = 0; i < PER_LINE; i++) {
                if (i == PER_LINE / 2) {
                    out.append("- ");
                }
                out.append(i < n ? String.format("%02x ", data[from + line + i] & 0xff) : "   ");
            }
            out.append("  ");
            for (int i = 0; i < PER_LINE; i++) {
                int b = i < n ? data[from + line + i] & 0xff : ' ';
                out.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
            }
            out.append('\n');
        }
        return out.toString();
    }
}
