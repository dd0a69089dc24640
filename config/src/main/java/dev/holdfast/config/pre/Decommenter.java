package dev.holdfast.config.pre;

/**
 * Strips comments ({@code #} or {@code !} outside double quotes), the escapes {@code \#} and {@code \!}, and leading
 * and trailing blanks, keeping a final {@code \} that continues a multi-line definition.
 */
final class Decommenter {
    private Decommenter() {
    }

    /** Result: the text, how many leading columns were dropped, and whether a quote was left open. */
    record Result(String text, int indent, boolean unterminatedQuote) {
    }

    static Result decomment(String line) {
        int start = 0;
        while (start < line.length() && isBlank(line.charAt(start))) {
            start++;
        }
        StringBuilder out = new StringBuilder(line.length() - start);
        boolean quote = false;
        boolean cont = false;
        for (int i = start; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quote = !quote;
                out.append(c);
            } else if (c == '\\') {
                if (i + 1 < line.length()) {
                    char n = line.charAt(i + 1);
                    if (!quote && (n == '#' || n == '!')) {
                        out.append(n);
                    } else {
                        out.append(c).append(n);
                    }
                    i++;
                } else {
                    cont = true;
                }
            } else if (!quote && (c == '#' || c == '!')) {
                break;
            } else {
                out.append(c);
            }
        }
        int end = out.length();
        while (end > 0 && isBlank(out.charAt(end - 1))) {
            end--;
        }
        out.setLength(end);
        if (cont) {
            out.append('\\');
        }
        return new Result(out.toString(), start, quote);
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
