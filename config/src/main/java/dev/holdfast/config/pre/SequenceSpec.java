package dev.holdfast.config.pre;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * {@code ~SEQ(var, start, step, end)}, {@code ~SEQx(...)} and {@code ~LST(var, v1, v2)} /
 * {@code ~LST({a,b}, {1,2}, {3,4})}: the variable bindings they produce, in order, and the rest of the line.
 */
final class SequenceSpec {
    private static final int MAX_ITERATIONS = 1_000_000;

    record Parsed(List<List<String[]>> bindings, String rest, String error) {
        static Parsed fail(String message) {
            return new Parsed(List.of(), "", message);
        }
    }

    private SequenceSpec() {
    }

    static Parsed parse(String text, UnaryOperator<String> substitute) {
        return text.startsWith("~SEQ") ? seq(text, substitute) : lst(text);
    }

    private static Parsed seq(String text, UnaryOperator<String> substitute) {
        int i = 4;
        boolean hex = i < text.length() && text.charAt(i) == 'x';
        if (hex) {
            i++;
        }
        i = skip(text, i);
        if (i >= text.length() || text.charAt(i) != '(') {
            return Parsed.fail("invalid ~SEQ: expected '(' after ~SEQ in '" + text + "'");
        }
        int close = text.indexOf(')', i);
        if (close < 0) {
            return Parsed.fail("~SEQ is missing its closing ')' in '" + text + "'");
        }
        String inside = text.substring(i + 1, close);
        int comma = inside.indexOf(',');
        if (comma < 0) {
            return Parsed.fail("invalid ~SEQ: expected ~SEQ(var, [start,] [step,] end) in '" + text + "'");
        }
        String var = inside.substring(0, comma).strip();
        if (var.isEmpty() || var.startsWith("{")) {
            return Parsed.fail("invalid ~SEQ: missing variable name in '" + text + "'");
        }
        String[] nums = substitute.apply(inside.substring(comma + 1)).split(",", -1);
        long[] v = new long[nums.length];
        if (nums.length > 3) {
            return Parsed.fail("invalid ~SEQ: at most start, step and end in '" + text + "'");
        }
        for (int k = 0; k < nums.length; k++) {
            Long n = parseC(nums[k].strip());
            if (n == null) {
                return Parsed.fail("invalid ~SEQ: '" + nums[k].strip() + "' is not a number in '" + text + "'");
            }
            v[k] = n;
        }
        long start;
        long step;
        long end;
        if (v.length == 1) {
            end = v[0];
            step = end < 1 ? -1 : 1;
            start = end < 0 ? -1 : 1;
        } else if (v.length == 2) {
            start = v[0];
            end = v[1];
            step = start <= end ? 1 : -1;
        } else {
            start = v[0];
            step = v[1];
            end = v[2];
            if (step == 0 || (start < end && step < 0) || (start > end && step > 0)) {
                return Parsed.fail("invalid ~SEQ values: step " + step + " never gets from " + start + " to " + end);
            }
        }
        if (hex && (start < 0 || end < 0)) {
            return Parsed.fail("~SEQx is only valid for positive numbers in '" + text + "'");
        }
        List<List<String[]>> bindings = new ArrayList<>();
        for (long n = start; step > 0 ? n <= end : n >= end; n += step) {
            if (bindings.size() >= MAX_ITERATIONS) {
                return Parsed.fail("~SEQ produces more than " + MAX_ITERATIONS + " lines");
            }
            bindings.add(List.<String[]>of(new String[] {var, hex ? Long.toHexString(n) : Long.toString(n)}));
        }
        return new Parsed(bindings, text.substring(close + 1).strip(), null);
    }

    private static Long parseC(String s) {
        try {
            boolean neg = s.startsWith("-");
            String t = neg || s.startsWith("+") ? s.substring(1) : s;
            long r;
            if (t.startsWith("0x") || t.startsWith("0X")) {
                r = Long.parseLong(t.substring(2), 16);
            } else if (t.length() > 1 && t.startsWith("0")) {
                r = Long.parseLong(t.substring(1), 8);
            } else {
                r = Long.parseLong(t);
            }
            return neg ? -r : r;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int skip(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static Parsed lst(String text) {
        int i = skip(text, 4);
        if (i >= text.length() || text.charAt(i) != '(') {
            return Parsed.fail("invalid ~LST: expected '(' after ~LST in '" + text + "'");
        }
        i = skip(text, i + 1);
        List<String> vars = new ArrayList<>();
        boolean grouped = i < text.length() && text.charAt(i) == '{';
        if (grouped) {
            int close = text.indexOf('}', i);
            if (close < 0) {
                return Parsed.fail("invalid ~LST: unclosed '{' in '" + text + "'");
            }
            for (String v : text.substring(i + 1, close).split(",")) {
                vars.add(v.strip());
            }
            i = skip(text, close + 1);
        } else {
            int comma = text.indexOf(',', i);
            if (comma < 0) {
                return Parsed.fail("invalid ~LST: expected ~LST(var, value, ...) in '" + text + "'");
            }
            vars.add(text.substring(i, comma).strip());
            i = comma;
        }
        if (vars.isEmpty() || vars.stream().anyMatch(String::isEmpty)) {
            return Parsed.fail("invalid ~LST: empty variable name in '" + text + "'");
        }
        if (i >= text.length() || text.charAt(i) != ',') {
            return Parsed.fail("invalid ~LST: expected ',' after the variables in '" + text + "'");
        }
        i = skip(text, i + 1);
        List<List<String[]>> bindings = new ArrayList<>();
        while (true) {
            List<String> values = new ArrayList<>();
            if (i < text.length() && text.charAt(i) == '{') {
                int close = text.indexOf('}', i);
                if (close < 0) {
                    return Parsed.fail("invalid ~LST: unclosed '{' in values of '" + text + "'");
                }
                for (String v : text.substring(i + 1, close).split(",", -1)) {
                    values.add(v.strip());
                }
                i = skip(text, close + 1);
            } else {
                int k = i;
                while (k < text.length() && ",) \t".indexOf(text.charAt(k)) < 0) {
                    k++;
                }
                values.add(text.substring(i, k));
                i = skip(text, k);
            }
            if (values.size() > vars.size()) {
                return Parsed.fail("~LST specification has too many values in '" + text + "'");
            }
            List<String[]> b = new ArrayList<>();
            for (int k = 0; k < vars.size(); k++) {
                b.add(new String[] {vars.get(k), k < values.size() ? values.get(k) : ""});
            }
            bindings.add(b);
            if (i >= text.length()) {
                return Parsed.fail("~LST is missing its closing ')' in '" + text + "'");
            }
            if (text.charAt(i) == ')') {
                break;
            }
            if (text.charAt(i) != ',') {
                return Parsed.fail("invalid ~LST: unexpected '" + text.charAt(i) + "' in '" + text + "'");
            }
            i = skip(text, i + 1);
        }
        return new Parsed(bindings, text.substring(i + 1).strip(), null);
    }
}
