package dev.holdfast.config.text;

import dev.holdfast.config.diag.Diagnostic.Kind;
import dev.holdfast.config.diag.Diagnostics;
import dev.holdfast.config.diag.Position;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Repairs characters that web pages and word processors put into configs, outside comments: exotic spaces become
 * spaces, typographic quotes become ASCII quotes, unquoted backquotes become spaces, and a full-width colon glued to
 * a word starts an explanation that is read as a comment. One warning per file and character, naming the first
 * place and how many lines carry it.
 */
public final class CopyPasteRepair {
    private final String file;
    private final Map<String, Occurrences> seen = new LinkedHashMap<>();

    private static final class Occurrences {
        final Position first;
        final String what;
        int lines;
        int lastLine;

        Occurrences(Position first, String what) {
            this.first = first;
            this.what = what;
        }
    }

    public CopyPasteRepair(String file) {
        this.file = file;
    }

    /** Returns the line as the operator meant it. */
    public String repair(SourceLine line) {
        String s = line.text();
        if (isPlainAscii(s)) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        boolean quoted = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int col = i + 1;
            i += Character.charCount(cp);
            if (cp == '\\' && i < s.length()) {
                out.append('\\').appendCodePoint(s.codePointAt(i));
                i += Character.charCount(s.codePointAt(i));
                continue;
            }
            if (!quoted && (cp == '#' || cp == '!')) {
                out.append(s, col - 1, s.length());
                break;
            }
            if (isDoubleQuote(cp)) {
                if (cp != '"') {
                    note(line, col, cp, "read as \"");
                }
                quoted = !quoted;
                out.append('"');
                continue;
            }
            if (isSingleQuote(cp)) {
                note(line, col, cp, "read as '");
                out.append('\'');
                continue;
            }
            if (isExoticSpace(cp)) {
                note(line, col, cp, "read as a space");
                out.append(' ');
                continue;
            }
            if (isInvisible(cp)) {
                note(line, col, cp, "removed");
                continue;
            }
            if (cp == '`' && !quoted) {
                note(line, col, cp, "(stray backquote from web formatting) read as a space");
                out.append(' ');
                continue;
            }
            if (cp == 0xFF1A && !quoted && out.length() > 0 && isWordChar(out.charAt(out.length() - 1))) {
                note(line, col, cp, "glued to a keyword: the explanation after it is read as a comment");
                break;
            }
            out.appendCodePoint(cp);
        }
        return out.toString();
    }

    /** Emits the warnings gathered over the file. */
    public void report(Diagnostics diags) {
        for (Occurrences o : seen.values()) {
            String more = o.lines > 1 ? " (on " + o.lines + " lines; first here)" : "";
            diags.warning(o.first, Kind.REPAIRED, o.what + more);
        }
    }

    private void note(SourceLine line, int col, int cp, String action) {
        String key = cp + action;
        Occurrences o = seen.get(key);
        if (o == null) {
            String name = Character.getName(cp);
            o = new Occurrences(Position.of(file, line.number(), col),
                    String.format("U+%04X %s %s", cp, name == null ? "" : name, action));
            seen.put(key, o);
        }
        if (o.lastLine != line.number()) {
            o.lines++;
            o.lastLine = line.number();
        }
    }

    private static boolean isPlainAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0x7e || c == '`') {
                return false;
            }
        }
        return true;
    }

    static boolean isExoticSpace(int cp) {
        return cp == 0x00A0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F
                || cp == 0x3000 || cp == 0x2028 || cp == 0x2029 || cp == 0x0085 || cp == 0x000B || cp == 0x000C
                || cp == '\r';
    }

    private static boolean isInvisible(int cp) {
        return cp == 0xFEFF || cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0x00AD;
    }

    private static boolean isDoubleQuote(int cp) {
        return cp == '"' || cp == 0x201C || cp == 0x201D || cp == 0x201E || cp == 0x201F || cp == 0x2033
                || cp == 0xFF02 || cp == 0x301D || cp == 0x301E || cp == 0x00AB || cp == 0x00BB;
    }

    private static boolean isSingleQuote(int cp) {
        return cp == 0x2018 || cp == 0x2019 || cp == 0x201A || cp == 0x201B || cp == 0x2032;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-';
    }
}
