package dev.holdfast.healthcheck.probe;

/**
 * The status code of a response head, read the way keepalived's extract_status_code reads it: the first space
 * (before any CR) must be followed by exactly three digits and another space, otherwise the code is 0.
 */
final class StatusLine {
    private StatusLine() {
    }

    static int code(byte[] head, int length) {
        int i = 0;
        while (i < length && head[i] != ' ' && head[i] != '\r') {
            i++;
        }
        if (i >= length || head[i] != ' ') {
            return 0;
        }
        i++;
        if (i + 3 >= length || head[i + 3] != ' ') {
            return 0;
        }
        int code = 0;
        for (int k = 0; k < 3; k++) {
            byte b = head[i + k];
            if (b < '0' || b > '9') {
                return 0;
            }
            code = code * 10 + (b - '0');
        }
        return code;
    }

    private static final byte[] CONTENT_LENGTH = "content-length".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /**
     * Content-Length from the head, or -1 when absent or unreadable: the first CRLF-separated line whose name (before
     * its first colon, blanks trimmed) is Content-Length in any case; its value, blanks trimmed, must be a number.
     */
    /**
     * The decimal in {@code bytes[from, to)} read as Long.parseLong reads it (a sign first allowed), without making a
     * String; -1 when it is not one.
     */
    private static long decimal(byte[] bytes, int from, int to) {
        boolean negative = from < to && bytes[from] == '-';
        if (from < to && (bytes[from] == '+' || bytes[from] == '-')) {
            from++;
        }
        if (from >= to) {
            return -1;
        }
        // accumulated negatively, as Long.parseLong does, so Long.MIN_VALUE fits
        long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
        long value = 0;
        for (int i = from; i < to; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9 || value < limit / 10) {
                return -1;
            }
            value *= 10;
            if (value < limit + digit) {
                return -1;
            }
            value -= digit;
        }
        return negative ? value : -value;
    }

    static long contentLength(byte[] head) {
        int n = head.length;
        int start = 0;
        while (start < n) {
            int end = start;
            while (end < n && !(head[end] == '\r' && end + 1 < n && head[end + 1] == '\n')) {
                end++;
            }
            int colon = start;
            while (colon < end && head[colon] != ':') {
                colon++;
            }
            if (colon > start && colon < end && isContentLength(head, start, colon)) {
                int a = colon + 1;
                int b = end;
                while (a < b && (head[a] & 0xff) <= ' ') {
                    a++;
                }
                while (b > a && (head[b - 1] & 0xff) <= ' ') {
                    b--;
                }
                return decimal(head, a, b);
            }
            start = end + 2;
        }
        return -1;
    }

    /** Whether head[from, to), blanks trimmed, is "Content-Length" in any case. */
    private static boolean isContentLength(byte[] head, int from, int to) {
        while (from < to && (head[from] & 0xff) <= ' ') {
            from++;
        }
        while (to > from && (head[to - 1] & 0xff) <= ' ') {
            to--;
        }
        if (to - from != CONTENT_LENGTH.length) {
            return false;
        }
        for (int i = 0; i < CONTENT_LENGTH.length; i++) {
            int c = head[from + i] & 0xff;
            if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != CONTENT_LENGTH[i]) {
                return false;
            }
        }
        return true;
    }
}
