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

    /** Content-Length from the head, or -1 when absent or unreadable. */
    static long contentLength(String head) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-Length")) {
                try {
                    return Long.parseLong(line.substring(colon + 1).trim());
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }
}
