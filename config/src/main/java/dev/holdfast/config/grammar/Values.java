package dev.holdfast.config.grammar;

import dev.holdfast.config.diag.Diagnostic.Kind;
import dev.holdfast.config.diag.Diagnostics;
import dev.holdfast.config.diag.Position;
import dev.holdfast.config.model.IpAddress;
import dev.holdfast.config.syntax.Statement;
import dev.holdfast.config.syntax.Token;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads the arguments of one statement. Every reader reports a problem at the offending word, naming the keyword,
 * and returns null so the handler keeps the default.
 */
public final class Values {
    private final Statement st;
    private final Diagnostics diags;

    public Values(Statement st, Diagnostics diags) {
        this.st = st;
        this.diags = diags;
    }

    public Statement statement() {
        return st;
    }

    public Diagnostics diagnostics() {
        return diags;
    }

    public int count() {
        return st.args().size();
    }

    public String keyword() {
        return st.name();
    }

    public Position at(int i) {
        Token t = st.arg(i);
        return t == null ? st.position() : t.position();
    }

    public String joined() {
        return st.args().stream().map(Token::text).collect(Collectors.joining(" "));
    }

    public void error(int i, String message) {
        diags.error(at(i), Kind.VALUE, "'" + keyword() + "': " + message);
    }

    public void warning(int i, String message) {
        diags.warning(at(i), Kind.VALUE, "'" + keyword() + "': " + message);
    }

    /** True when argument i exists; otherwise reports it missing. */
    public boolean need(int i, String what) {
        if (i < count()) {
            return true;
        }
        diags.error(st.position(), Kind.VALUE, "'" + keyword() + "' needs " + what);
        return false;
    }

    /** Warns about arguments past the last one the keyword takes. */
    public void atMost(int n) {
        if (count() > n) {
            diags.warning(at(n), Kind.VALUE, "'" + keyword() + "' takes " + (n == 0 ? "no value" : "at most " + n
                    + " value" + (n == 1 ? "" : "s")) + "; '" + st.arg(n).text() + "' and after ignored");
        }
    }

    public String string(int i, String what) {
        return need(i, what) ? st.arg(i).text() : null;
    }

    public String optString(int i) {
        return i < count() ? st.arg(i).text() : null;
    }

    public Long integer(int i, long min, long max) {
        if (!need(i, "a number")) {
            return null;
        }
        String s = st.arg(i).text();
        Long v = parseLong(s);
        if (v == null) {
            error(i, "'" + s + "' is not a whole number");
            return null;
        }
        if (v < min || v > max) {
            error(i, s + " is out of range " + min + ".." + max);
            return null;
        }
        return v;
    }

    public Integer integer32(int i, long min, long max) {
        Long v = integer(i, min, max);
        return v == null ? null : v.intValue();
    }

    static Long parseLong(String s) {
        if (s.isEmpty() || s.length() > 20) {
            return null;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A time in seconds with up to six decimals, returned in microseconds. */
    public Long timer(int i, long minMicros, long maxMicros) {
        if (!need(i, "a time in seconds")) {
            return null;
        }
        String s = st.arg(i).text();
        Long v = parseMicros(s);
        if (v == null) {
            error(i, "'" + s + "' is not a time in seconds (e.g. 3 or 0.5)");
            return null;
        }
        if (v < minMicros || v > maxMicros) {
            error(i, s + " is out of range " + seconds(minMicros) + ".." + seconds(maxMicros) + " seconds");
            return null;
        }
        return v;
    }

    public static String seconds(long micros) {
        if (micros % 1_000_000 == 0) {
            return Long.toString(micros / 1_000_000);
        }
        return java.math.BigDecimal.valueOf(micros, 6).stripTrailingZeros().toPlainString();
    }

    /** Up to ten digits, optionally a '.' and more digits, or a '.' and at least one digit; null otherwise. */
    static Long parseMicros(String s) {
        int n = s.length();
        int i = 0;
        long whole = 0;
        while (i < n && isDigit(s.charAt(i))) {
            whole = whole * 10 + (s.charAt(i) - '0');
            i++;
        }
        int wholeDigits = i;
        if (wholeDigits > 10) {
            return null;
        }
        long frac = 0;
        int fracDigits = 0;
        if (i < n) {
            if (s.charAt(i) != '.') {
                return null;
            }
            i++;
            for (; i < n; i++) {
                char c = s.charAt(i);
                if (!isDigit(c)) {
                    return null;
                }
                if (fracDigits < 6) {
                    frac = frac * 10 + (c - '0');
                }
                fracDigits++;
            }
            if (wholeDigits == 0 && fracDigits == 0) {
                return null;
            }
        } else if (wholeDigits == 0) {
            return null;
        }
        for (int k = Math.min(fracDigits, 6); k < 6; k++) {
            frac *= 10;
        }
        return whole * 1_000_000 + frac;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** An optional BOOL: absent means true. */
    public Boolean optBool(int i) {
        if (i >= count()) {
            return Boolean.TRUE;
        }
        return bool(i);
    }

    public Boolean bool(int i) {
        if (!need(i, "on|off|true|false|yes|no")) {
            return null;
        }
        String s = st.arg(i).text();
        switch (s) {
            case "on": case "true": case "yes":
                return Boolean.TRUE;
            case "off": case "false": case "no":
                return Boolean.FALSE;
            default:
                error(i, "'" + s + "' is not one of on|off|true|false|yes|no");
                return null;
        }
    }

    /** An ordered map of choices: name, value, name, value, ... */
    @SuppressWarnings("unchecked")
    public static <E> Map<String, E> ordered(Object... nameValue) {
        Map<String, E> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < nameValue.length; i += 2) {
            m.put((String) nameValue[i], (E) nameValue[i + 1]);
        }
        return m;
    }

    public <E> E choice(int i, Map<String, E> choices, boolean caseSensitive) {
        if (!need(i, "one of " + String.join("|", choices.keySet()))) {
            return null;
        }
        String s = st.arg(i).text();
        for (Map.Entry<String, E> e : choices.entrySet()) {
            if (caseSensitive ? e.getKey().equals(s) : e.getKey().equalsIgnoreCase(s)) {
                return e.getValue();
            }
        }
        if (s.contains("|")) {
            error(i, "'" + s + "' lists alternatives (from a template?); choose one of "
                    + String.join("|", choices.keySet()));
            return null;
        }
        String near = Suggestions.nearest(s, choices.keySet());
        String hint = "";
        if (caseSensitive) {
            for (String k : choices.keySet()) {
                if (k.equalsIgnoreCase(s)) {
                    hint = " (keepalived is case-sensitive here: write '" + k + "')";
                }
            }
        }
        if (hint.isEmpty() && near != null) {
            hint = "; did you mean '" + near + "'?";
        }
        error(i, "'" + s + "' is not one of " + String.join("|", choices.keySet()) + hint);
        return null;
    }

    public IpAddress address(int i, String what) {
        if (!need(i, what)) {
            return null;
        }
        String s = st.arg(i).text();
        IpAddress a = IpAddress.parse(s);
        if (a == null) {
            error(i, "'" + s + "' is not an IPv4 or IPv6 address");
        }
        return a;
    }

    public Integer port(int i) {
        Long p = integer(i, 0, 65535);
        return p == null ? null : p.intValue();
    }
}
