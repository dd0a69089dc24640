package dev.holdfast.config.syntax;

import dev.holdfast.config.diag.Position;
import dev.holdfast.config.pre.LogicalLine;
import java.util.ArrayList;
import java.util.List;

/** Splits a logical line into words: blanks separate, double quotes group, braces stand alone outside quotes. */
public final class Tokenizer {
    private Tokenizer() {
    }

    public static List<Token> tokens(LogicalLine line) {
        String s = line.text();
        Position base = line.position();
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t') {
                i++;
                continue;
            }
            Position at = base.atColumn(base.column() + i);
            if (c == '{' || c == '}') {
                out.add(new Token(c == '{' ? "{" : "}", false, at));
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
                out.add(new Token(sb.toString(), true, at));
                i = Math.min(n, j + 1);
                continue;
            }
            int j = i;
            while (j < n) {
                char d = s.charAt(j);
                if (d == ' ' || d == '\t' || d == '{' || d == '}') {
                    break;
                }
                if (d == '"') {
                    int close = s.indexOf('"', j + 1);
                    j = close < 0 ? n : close + 1;
                    continue;
                }
                j++;
            }
            out.add(new Token(s.substring(i, j), false, at));
            i = j;
        }
        return out;
    }
}
