package dev.holdfast.config.pre;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * The {@code $NAME} parameters in force while a file is read. Values are expanded when used, not when defined, as
 * keepalived does; the predefined {@code _PWD _INSTANCE _RANDOM _ENV _HASH _BANG} are computed on use.
 */
final class Definitions {
    /** Separates the lines of a multi-line definition's value. */
    static final char LINE_END = '\u0001';

    record Definition(String value, boolean multiline, Function<String[], String> fn, int minParams,
            int maxParams, boolean numbersOnly) {
        static Definition plain(String value, boolean multiline) {
            return new Definition(value, multiline, null, 0, 0, false);
        }
    }

    private final Map<String, Definition> defs = new HashMap<>();
    private String currentDir = ".";

    Definitions(String instance, Map<String, String> env, Random random) {
        defs.put("_PWD", new Definition(null, false, p -> currentDir, 0, 0, false));
        defs.put("_INSTANCE", new Definition(null, false, p -> instance, 0, 0, false));
        defs.put("_RANDOM", new Definition(null, false, p -> {
            long min = p.length > 0 ? parse(p[0]) : 0;
            long max = p.length > 1 ? parse(p[1]) : 32767;
            if (max < min) {
                return Long.toString(min);
            }
            return Long.toString(min + (long) (random.nextDouble() * (max - min + 1)));
        }, 0, 2, true));
        defs.put("_ENV", new Definition(null, false, p -> env.getOrDefault(p[0], ""), 1, 1, false));
        defs.put("_HASH", Definition.plain("#", false));
        defs.put("_BANG", Definition.plain("!", false));
    }

    private static long parse(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    void setCurrentDir(String dir) {
        currentDir = dir;
    }

    String currentDir() {
        return currentDir;
    }

    void define(String name, String value, boolean multiline) {
        defs.put(name, Definition.plain(value, multiline));
    }

    Definition get(String name) {
        return defs.get(name);
    }

    void appendLine(String name, String line, boolean more) {
        Definition d = defs.get(name);
        if (d == null) {
            return;
        }
        String v = d.value() + line + (more ? String.valueOf(LINE_END) : "");
        defs.put(name, Definition.plain(v, true));
    }
}
