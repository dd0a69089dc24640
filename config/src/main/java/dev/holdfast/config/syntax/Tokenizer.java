package dev.holdfast.config.syntax;

import dev.holdfast.config.diag.Position;
import dev.holdfast.config.pre.LogicalLine;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a logical line into words: blanks separate, double quotes group, braces stand alone outside quotes. A
 * tokenizer remembers the unquoted words it has seen (a large configuration repeats a few hundred words hundreds of
 * thousands of times) and hands out the same String again instead of a new one; one per reading thread.
 */
public final class Tokenizer {
    private static final int WORDS = 1024;
    private final String[] words = new String[WORDS];

    /** Splits {@code line} with a tokenizer of its own (tests, one-off lines). */
    public static List<Token> tokens(LogicalLine line) {
        return new Tokenizer().split(line);
    }

    public List<Token> split(LogicalLine line) {
        String s = line.text();
        Position base = line.position();
        int column = base.column();
        List<Token> out = new ArrayList<>(4);
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t') {
                i++;
                continue;
            }
            if (c == '{' || c == '}') {
                out.add(new Token(c == '{' ? "{" : "}", false, base, column + i));
                i++;
                continue;
            }
            if (c == '"') {
                int j = i + 1;
                StringBuilder sb = new StringBuilder();
                while (j < n && s.charAt(j) != '"') {
                    if (s.charAt(j) == '\\' && j + 1 < n) {
                        sb.append(s.charAt(j)).append(s.charAt(j + 1));
                        j += 2;
                        continue;
                    }
                    sb.append(s.charAt(j));
                    j++;
                }
                out.add(new Token(sb.toString(), true, base, column + i));
                i = Math.min(n, j + 1);
                continue;
            }
            int j = i;
            int hash = 0;
            while (j < n) {
                char d = s.charAt(j);
                if (d == ' ' || d == '\t' || d == '{' || d == '}') {
                    break;
                }
                if (d == '"') {
                    int close = s.indexOf('"', j + 1);
                    j = close < 0 ? n : close + 1;
                    hash = -1;
                    continue;
                }
                if (hash >= 0) {
                    hash = (31 * hash + d) & 0x7fffffff;
                }
                j++;
            }
            out.add(new Token(hash < 0 ? s.substring(i, j) : word(s, i, j, hash), false, base, column + i));
            i = j;
        }
        return out;
    }

    /** {@code s[from, to)} as a String, the one handed out before when this word was seen already. */
    private String word(String s, int from, int to, int hash) {
        int slot = (hash ^ (hash >>> 16)) & (WORDS - 1);
        String known = words[slot];
        int length = to - from;
        if (known != null && known.length() == length && s.regionMatches(from, known, 0, length)) {
            return known;
        }
        String word = s.substring(from, to);
        words[slot] = word;
        return word;
    }
}
