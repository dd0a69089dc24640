package dev.holdfast.config.pre;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/** Expands an include pattern: csh-style braces, then glob wildcards, relative to the including file's directory. */
final class IncludeResolver {
    private IncludeResolver() {
    }

    /** One brace alternative and the files it matched (sorted, as glob(3) returns them). */
    record Expansion(String pattern, boolean wildcard, List<Path> matches) {
    }

    static List<Expansion> resolve(Path baseDir, String pattern) {
        List<Expansion> out = new ArrayList<>();
        for (String alt : expandBraces(pattern, 0)) {
            boolean wildcard = hasGlob(alt);
            List<Path> matches = new ArrayList<>();
            try {
                Path p = Path.of(alt);
                Path abs = p.isAbsolute() ? p : baseDir.resolve(p);
                if (!wildcard) {
                    if (Files.exists(abs)) {
                        matches.add(abs.normalize());
                    }
                } else {
                    glob(abs.normalize(), matches);
                    matches.sort(null);
                }
            } catch (RuntimeException e) {
                // an invalid path or pattern matches nothing; the caller reports the empty match
                matches.clear();
            }
            out.add(new Expansion(alt, wildcard, matches));
        }
        return out;
    }

    static List<String> expandBraces(String s, int depth) {
        List<String> result = new ArrayList<>();
        int open = -1;
        int level = 0;
        int close = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{') {
                if (level == 0) {
                    open = i;
                }
                level++;
            } else if (c == '}' && level > 0) {
                level--;
                if (level == 0) {
                    close = i;
                    break;
                }
            }
        }
        if (open < 0 || close < 0 || depth > 16) {
            result.add(s);
            return result;
        }
        String pre = s.substring(0, open);
        String post = s.substring(close + 1);
        List<String> alts = new ArrayList<>();
        int lvl = 0;
        int from = open + 1;
        for (int i = open + 1; i < close; i++) {
            char c = s.charAt(i);
            if (c == '{') {
                lvl++;
            } else if (c == '}') {
                lvl--;
            } else if (c == ',' && lvl == 0) {
                alts.add(s.substring(from, i));
                from = i + 1;
            }
        }
        alts.add(s.substring(from, close));
        for (String a : alts) {
            for (String e : expandBraces(pre + a + post, depth + 1)) {
                if (result.size() < 4096) {
                    result.add(e);
                }
            }
        }
        return result;
    }

    private static boolean hasGlob(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
    }

    private static void glob(Path pattern, List<Path> out) {
        Path root = pattern.getRoot() == null ? Path.of(".") : pattern.getRoot();
        List<Path> current = new ArrayList<>();
        current.add(root);
        for (Path seg : pattern) {
            String name = seg.toString();
            List<Path> next = new ArrayList<>();
            for (Path dir : current) {
                if (!hasGlob(name)) {
                    Path c = dir.resolve(name);
                    if (Files.exists(c)) {
                        next.add(c);
                    }
                    continue;
                }
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                    PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + name.replace("{", "\\{"));
                    for (Path e : ds) {
                        String fn = e.getFileName().toString();
                        if (fn.startsWith(".") && !name.startsWith(".")) {
                            continue;
                        }
                        if (m.matches(e.getFileName())) {
                            next.add(e);
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // an unreadable directory simply matches nothing, as with glob(3)
                }
            }
            current = next;
            if (current.size() > 10_000) {
                break;
            }
        }
        out.addAll(current);
    }
}
