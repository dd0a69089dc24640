package dev.holdfast.config.pre;

import dev.holdfast.config.diag.Diagnostic.Kind;
import dev.holdfast.config.diag.Diagnostics;
import dev.holdfast.config.diag.Position;
import dev.holdfast.config.diag.Severity;
import dev.holdfast.config.text.CopyPasteRepair;
import dev.holdfast.config.text.SourceDecoder;
import dev.holdfast.config.text.SourceLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Turns a configuration file (and what it includes) into logical lines, applying keepalived's line language in
 * keepalived's order: decomment, conditional, definition, sequence/list, substitution, include.
 */
public final class Preprocessor {
    /** Options that change what the line language produces. */
    public record Options(String configId, Map<String, String> environment, long randomSeed, boolean allConfig,
            long maxFileBytes) {
    }

    private static final int MAX_EXPANSION_DEPTH = 64;
    private static final int MAX_INCLUDE_DEPTH = 32;
    private static final long MAX_LINES = 5_000_000;

    private final Options options;
    private final Diagnostics diags;
    private final Definitions defs;
    private final java.util.function.Consumer<LogicalLine> sink;
    private final List<LogicalLine> collected = new ArrayList<>();
    private long emitted;
    private final Deque<Path> includeStack = new ArrayDeque<>();
    private final List<Path> filesRead = new ArrayList<>();
    private boolean outputLimitReported;
    private LineFilter filter = LineFilter.NONE;

    public Preprocessor(Options options, Diagnostics diags) {
        this(options, diags, null);
    }

    /** Hands each logical line to {@code sink} as it is produced instead of collecting them. */
    public Preprocessor(Options options, Diagnostics diags, java.util.function.Consumer<LogicalLine> sink) {
        this.options = options;
        this.diags = diags;
        this.sink = sink != null ? sink : collected::add;
        this.defs = new Definitions(options.configId(), options.environment(), new Random(options.randomSeed()));
    }

    /** Plain lines the consumer would ignore are dropped unmade (see {@link LineFilter}). */
    public Preprocessor filtering(LineFilter filter) {
        this.filter = filter;
        return this;
    }

    /** Reads the main file; a missing or unreadable main file is FATAL. */
    public List<LogicalLine> run(Path file) {
        String name = file.toString();
        if (!Files.exists(file) || Files.isDirectory(file)) {
            diags.report(Position.of(name, 1, 1), Severity.FATAL, Kind.FILE,
                    Files.exists(file) ? "is a directory, not a configuration file" : "configuration file not found");
            return collected;
        }
        readFile(file, name);
        return collected;
    }

    /** Reads configuration text given directly (tests, stdin); includes resolve against {@code baseDir}. */
    public List<LogicalLine> runText(String name, byte[] bytes, Path baseDir) {
        defs.setCurrentDir(baseDir.toString());
        processFile(name, bytes, baseDir);
        return collected;
    }

    public List<Path> filesRead() {
        return filesRead;
    }

    private void readFile(Path file, String display) {
        byte[] bytes;
        try {
            long size = Files.isRegularFile(file) ? Files.size(file) : 0;
            if (size > options.maxFileBytes()) {
                diags.error(Position.of(display, 1, 1), Kind.FILE,
                        "file is " + size + " bytes, larger than the limit of " + options.maxFileBytes() + "; skipped");
                return;
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException | OutOfMemoryError e) {
            diags.report(Position.of(display, 1, 1), includeStack.isEmpty() ? Severity.FATAL : Severity.ERROR,
                    Kind.FILE, "cannot read file: " + describe(e));
            return;
        }
        Path abs = file.toAbsolutePath().normalize();
        filesRead.add(abs);
        includeStack.push(abs);
        String savedDir = defs.currentDir();
        Path dir = abs.getParent() == null ? abs : abs.getParent();
        defs.setCurrentDir(dir.toString());
        try {
            processFile(display, bytes, dir);
        } finally {
            defs.setCurrentDir(savedDir);
            includeStack.pop();
        }
    }

    private static String describe(Throwable e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private void processFile(String display, byte[] bytes, Path dir) {
        CopyPasteRepair repair = new CopyPasteRepair(display);
        String collecting = null;
        String clean = SourceDecoder.cleanText(bytes);
        if (clean == null) {
            for (SourceLine raw : SourceDecoder.decode(display, bytes, diags)) {
                collecting = physicalLine(raw, display, repair, collecting, dir);
            }
            repair.report(diags);
            return;
        }
        int length = clean.length();
        // a clean text as long as its bytes is ASCII: the common lines are then scanned in the bytes themselves
        byte[] ascii = length == bytes.length ? bytes : null;
        int start = 0;
        int number = 0;
        while (start < length) {
            if (ascii != null && collecting == null && filter.active()) {
                int next = droppedLines(ascii, clean, start);
                number += droppedLines;
                start = next;
                if (start >= length) {
                    break;
                }
            }
            int nl = clean.indexOf('\n', start);
            int end = nl < 0 ? length : nl;
            number++;
            if (collecting != null || !plainLine(clean, ascii, start, end, number, display, dir)) {
                collecting = physicalLine(new SourceLine(number, clean.substring(start, end)), display, repair,
                        collecting, dir);
            }
            start = end + 1;
        }
        repair.report(diags);
    }

    /** What a byte of an ASCII line is to the scans below: one table lookup instead of a chain of comparisons. */
    private static final byte PLAIN = 0;
    private static final byte BLANK = 1;
    private static final byte COMMENT = 2;
    private static final byte OPEN = 3;
    private static final byte CLOSE = 4;
    /** the line language ($ @ ~): never dropped unmade, but read by the common path */
    private static final byte LANGUAGE = 5;
    /** a quote, backslash or backquote, a control character, DEL or a byte past ASCII: the full path reads it */
    private static final byte AWKWARD = 6;
    private static final byte NEWLINE = 7;
    private static final byte[] CLASS = new byte[256];

    static {
        for (int c = 0; c < 256; c++) {
            CLASS[c] = c < ' ' || c >= 0x7f ? AWKWARD : PLAIN;
        }
        mark(" \t", BLANK);
        mark("\n", NEWLINE);
        mark("#!", COMMENT);
        mark("{", OPEN);
        mark("}", CLOSE);
        mark("$@~", LANGUAGE);
        mark("\"\\`", AWKWARD);
    }

    private static void mark(String bytes, byte kind) {
        for (int i = 0; i < bytes.length(); i++) {
            CLASS[bytes.charAt(i)] = kind;
        }
    }

    /** How many lines the last {@link #droppedLines} call went past. */
    private int droppedLines;

    /**
     * From the line starting at {@code at} in an ASCII file, goes past every line the filter drops (see
     * {@link LineFilter}), in one scan of the bytes; returns the start of the first line it does not drop (or the
     * end), having counted the lines in {@link #droppedLines}. Blank and comment-only lines are dropped too, and so
     * are lines whose braces open and close blocks inside the skipped one (the filter is told how many stay open);
     * the line whose '}' ends the skipped block is left for the reader.
     */
    private int droppedLines(byte[] b, String text, int at) {
        int n = b.length;
        int lines = 0;
        while (at < n) {
            int p = at;
            while (p < n && CLASS[b[p] & 0xff] == BLANK) {
                p++;
            }
            // the first token: a word up to a blank, a brace or a comment
            int word = p;
            boolean plain = true;
            byte k = PLAIN;
            while (p < n && (k = CLASS[b[p] & 0xff]) == PLAIN) {
                p++;
            }
            int wordEnd = p;
            int open = filter.openBraces();
            while (p < n) {
                k = CLASS[b[p] & 0xff];
                if (k <= BLANK) {
                    p++;
                } else if (k == NEWLINE) {
                    break;
                } else if (k == COMMENT) {
                    while (p < n && b[p] != '\n') {
                        p++;
                    }
                    break;
                } else if (k == OPEN) {
                    open++;
                    p++;
                } else if (k == CLOSE && --open > 0) {
                    p++;
                } else {
                    // the line language, an awkward byte, or the '}' that ends the skipped block
                    plain = false;
                    break;
                }
            }
            if (!plain || (wordEnd > word && (startsInclude(b, word, wordEnd) || !filter.drops(text, word, wordEnd)))) {
                break;
            }
            filter.braces(open - filter.openBraces());
            lines++;
            at = p + 1;
        }
        droppedLines = lines;
        return Math.min(at, n);
    }

    /** A character of the line language, a quote, an escape or a brace: a line with one is never dropped unmade. */
    private static boolean special(int c) {
        return c == '"' || c == '\\' || c == '`' || c == '$' || c == '@' || c == '~' || c == '{' || c == '}';
    }

    private static boolean startsInclude(byte[] b, int from, int to) {
        if (to - from < 7) {
            return false;
        }
        return b[from] == 'i' && b[from + 1] == 'n' && b[from + 2] == 'c' && b[from + 3] == 'l' && b[from + 4] == 'u'
                && b[from + 5] == 'd' && b[from + 6] == 'e';
    }

    private boolean dropsWord(String text, int from, int to) {
        for (int k = from; k < to; k++) {
            if (special(text.charAt(k))) {
                return false;
            }
        }
        return !text.startsWith("include", from) && filter.drops(text, from, to);
    }

    /**
     * The common line, read without copying it first: plain ASCII with no quote, backslash or backquote before
     * its comment, so that neither the copy-paste repair nor the decommenter would change anything but the
     * blanks and the comment. Returns false, having done nothing, for any other line.
     */
    private boolean plainLine(String text, byte[] ascii, int start, int end, int number, String display, Path dir) {
        int from = start;
        int cut = end;
        // whether the line language or a block boundary could be involved: then the line is never dropped unmade
        boolean special = false;
        if (ascii != null) {
            while (from < end && CLASS[ascii[from] & 0xff] == BLANK) {
                from++;
            }
            for (int k = from; k < end; k++) {
                byte c = CLASS[ascii[k] & 0xff];
                if (c <= BLANK) {
                    continue;
                }
                if (c == COMMENT) {
                    cut = k;
                    break;
                }
                if (c == AWKWARD) {
                    return false;
                }
                special = true;
            }
        } else {
            while (from < end && Decommenter.isBlank(text.charAt(from))) {
                from++;
            }
            for (int k = from; k < end; k++) {
                char c = text.charAt(k);
                if (c == '#' || c == '!') {
                    cut = k;
                    break;
                }
                if (c == '"' || c == '\\' || c == '`' || c > 0x7e) {
                    return false;
                }
                special |= c == '$' || c == '@' || c == '~' || c == '{' || c == '}';
            }
        }
        while (cut > from && Decommenter.isBlank(text.charAt(cut - 1))) {
            cut--;
        }
        if (cut > from && !special && filter.active() && dropsWord(text, from, firstWordEnd(text, from, cut))) {
            return true;
        }
        if (cut > from) {
            // Without a backslash no definition continues on the next line, so nothing is collected.
            // a lone brace (a good part of every file) is the same string every time
            String line = cut - from == 1 && text.charAt(from) == '}' ? "}" : text.substring(from, cut);
            process(line, Position.of(display, number, from - start + 1), dir, 0);
        }
        return true;
    }

    /** One physical line through the whole line language; returns the multi-line definition being collected. */
    private String physicalLine(SourceLine raw, String display, CopyPasteRepair repair, String collecting, Path dir) {
        String repaired = repair.repair(raw);
        Decommenter.Result dc = Decommenter.decomment(repaired);
        String text = dc.text();
        if (collecting != null) {
            if (text.isEmpty()) {
                return null;
            }
            boolean more = text.endsWith("\\");
            String body = more ? stripTrailingBlanks(text.substring(0, text.length() - 1)) : text;
            if (!body.isEmpty() || !more) {
                defs.appendLine(collecting, body, more);
            }
            return more ? collecting : null;
        }
        Position pos = Position.of(display, raw.number(), dc.indent() + 1);
        if (dc.unterminatedQuote()) {
            diags.error(pos, Kind.SYNTAX, "unterminated quote: a \" is opened but never closed on this line");
        }
        if (text.isEmpty()) {
            return null;
        }
        return process(text, pos, dir, 0);
    }

    private static int firstWordEnd(String text, int from, int to) {
        int end = from;
        while (end < to && !Decommenter.isBlank(text.charAt(end))) {
            end++;
        }
        return end;
    }

    private static String stripTrailingBlanks(String s) {
        int e = s.length();
        while (e > 0 && Decommenter.isBlank(s.charAt(e - 1))) {
            e--;
        }
        return s.substring(0, e);
    }

    /**
     * Applies the line language to one line. Returns the name of a multi-line definition whose following lines
     * the caller must collect, or null.
     */
    private String process(String text, Position pos, Path dir, int depth) {
        if (depth > MAX_EXPANSION_DEPTH) {
            diags.error(pos, Kind.SYNTAX, "parameter expansion nested more than " + MAX_EXPANSION_DEPTH
                    + " levels deep (a definition that uses itself?); line skipped");
            return null;
        }
        for (int round = 0; round < 8; round++) {
            if (text.isEmpty()) {
                return null;
            }
            if (text.charAt(0) == '@') {
                text = conditional(text);
                if (text == null) {
                    return null;
                }
                continue;
            }
            if (text.charAt(0) == '$') {
                String collecting = definition(text, pos);
                if (collecting != null || isDefinition(text)) {
                    return collecting.isEmpty() ? null : collecting;
                }
            }
            if (text.startsWith("~SEQ") || text.startsWith("~LST")) {
                SequenceSpec.Parsed spec = SequenceSpec.parse(text, this::substituteInline);
                if (spec.error() != null) {
                    diags.error(pos, Kind.SYNTAX, spec.error());
                    return null;
                }
                for (List<String[]> binding : spec.bindings()) {
                    for (String[] kv : binding) {
                        defs.define(kv[0], kv[1], false);
                    }
                    if (!emitLimitReached(pos)) {
                        process(spec.rest(), pos, dir, depth + 1);
                    }
                }
                return null;
            }
            if (text.indexOf('$') >= 0) {
                Substitution sub = substitute(text, pos);
                if (sub.changed()) {
                    text = sub.first().strip();
                    if (!sub.rest().isEmpty()) {
                        process(text, pos, dir, depth + 1);
                        for (String more : sub.rest()) {
                            process(more.strip(), pos, dir, depth + 1);
                        }
                        return null;
                    }
                    if (!text.isEmpty() && (text.charAt(0) == '@' || text.charAt(0) == '~')) {
                        continue;
                    }
                }
            }
            break;
        }
        if (text.isEmpty()) {
            return null;
        }
        if (isInclude(text)) {
            include(text, pos, dir);
            return null;
        }
        if (!emitLimitReached(pos)) {
            emitted++;
            sink.accept(new LogicalLine(text, pos));
        }
        return null;
    }

    private boolean emitLimitReached(Position pos) {
        if (emitted < MAX_LINES) {
            return false;
        }
        if (!outputLimitReported) {
            diags.error(pos, Kind.SYNTAX, "configuration expands to more than " + MAX_LINES
                    + " lines; the rest is ignored");
            outputLimitReported = true;
        }
        return true;
    }

    /** The config id holdfast always answers to (see {@code HoldfastSettings}). */
    public static final String HOLDFAST_ID = "holdfast";

    private String conditional(String text) {
        boolean reverse = text.startsWith("@^");
        int from = reverse ? 2 : 1;
        int sp = indexOfBlank(text, from);
        if (sp < 0) {
            return null;
        }
        String id = text.substring(from, sp);
        // "@holdfast" lines are holdfast's own settings: always read here, skipped by keepalived
        boolean match = id.equals(options.configId()) || id.equals(HOLDFAST_ID);
        if (match == reverse) {
            return null;
        }
        return text.substring(sp).strip();
    }

    private static int indexOfBlank(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (Decommenter.isBlank(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isDefinition(String text) {
        if (text.length() < 2 || text.charAt(0) != '$') {
            return false;
        }
        char c = text.charAt(1);
        if (!Character.isLetter(c) && c != '_') {
            return false;
        }
        int i = 2;
        while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
            i++;
        }
        return i < text.length() && text.charAt(i) == '=';
    }

    /** Records a definition; returns its name if it continues on the next lines, "" if complete, null if not one. */
    private String definition(String text, Position pos) {
        if (!isDefinition(text)) {
            return null;
        }
        int eq = text.indexOf('=');
        String name = text.substring(1, eq);
        String value = text.substring(eq + 1);
        int lead = 0;
        while (lead < value.length() && Decommenter.isBlank(value.charAt(lead))) {
            lead++;
        }
        value = value.substring(lead);
        if (name.startsWith("_")) {
            diags.warning(pos, Kind.SEMANTIC, "parameter names starting with '_' are reserved for keepalived's own ("
                    + "$" + name + ")");
        }
        if (value.endsWith("\\")) {
            String first = stripTrailingBlanks(value.substring(0, value.length() - 1));
            defs.define(name, first.isEmpty() ? "" : first + Definitions.LINE_END, true);
            return name;
        }
        defs.define(name, value, false);
        return "";
    }

    record Substitution(boolean changed, String first, List<String> rest) {
    }

    private String substituteInline(String text) {
        Substitution s = substitute(text, null);
        return s.first();
    }

    /** Replaces {@code $NAME} and {@code ${NAME params}} as keepalived does, rescanning each replacement. */
    private Substitution substitute(String text, Position pos) {
        StringBuilder s = new StringBuilder(text);
        List<String> rest = List.of();
        boolean changed = false;
        int at = 0;
        int replacements = 0;
        while (true) {
            int i = s.indexOf("$", at);
            if (i < 0 || i + 1 >= s.length()) {
                break;
            }
            Ref ref = Ref.find(s, i);
            Definitions.Definition def = ref == null ? null : defs.get(ref.name());
            if (def != null && def.multiline() && ref.end() != s.length()) {
                def = null;
            }
            if (def != null && ref.params().length > 0 && (def.fn() == null || def.maxParams() == 0)) {
                def = null;
            }
            if (def != null && def.fn() != null && ref.params().length < def.minParams()) {
                if (pos != null) {
                    diags.error(pos, Kind.SYNTAX, "${" + ref.name() + "} needs " + def.minParams() + " parameter(s)");
                }
                def = null;
            }
            if (def == null) {
                at = i + 1;
                continue;
            }
            if (++replacements > 10_000) {
                if (pos != null) {
                    diags.error(pos, Kind.SYNTAX, "parameter substitution does not terminate ($" + ref.name()
                            + " refers to itself?); line left as it is");
                }
                return new Substitution(false, text, List.of());
            }
            changed = true;
            String value = def.fn() != null ? def.fn().apply(ref.params()) : def.value();
            if (value == null) {
                value = "";
            }
            String replacement = value;
            if (def.multiline()) {
                String[] parts = value.split(String.valueOf(Definitions.LINE_END), -1);
                replacement = parts[0];
                List<String> more = new ArrayList<>();
                for (int k = 1; k < parts.length; k++) {
                    if (!parts[k].isEmpty()) {
                        more.add(parts[k]);
                    }
                }
                rest = more;
            }
            s.replace(i, ref.end(), replacement);
            if (s.length() > 1_000_000) {
                if (pos != null) {
                    diags.error(pos, Kind.SYNTAX, "parameter substitution makes the line longer than 1000000 "
                            + "characters; line skipped");
                }
                return new Substitution(true, "", List.of());
            }
            if (def.multiline()) {
                break;
            }
            if (!replacement.isEmpty() && replacement.strip().startsWith("~")) {
                break;
            }
            at = i;
        }
        return new Substitution(changed, s.toString(), rest);
    }

    /** A {@code $NAME} or {@code ${NAME p1 p2}} reference in a line. */
    record Ref(String name, String[] params, int end) {
        static Ref find(CharSequence s, int dollar) {
            int i = dollar + 1;
            boolean braces = i < s.length() && s.charAt(i) == '{';
            if (braces) {
                i++;
            }
            int nameStart = i;
            if (i >= s.length() || !(Character.isLetter(s.charAt(i)) || s.charAt(i) == '_')) {
                return null;
            }
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                i++;
            }
            String name = s.subSequence(nameStart, i).toString();
            if (braces) {
                int close = -1;
                for (int k = i; k < s.length(); k++) {
                    char c = s.charAt(k);
                    if (c == '}') {
                        close = k;
                        break;
                    }
                    if (!(c == ' ' || c == '\t' || Character.isLetterOrDigit(c) || c == '_')) {
                        return null;
                    }
                }
                if (close < 0) {
                    return null;
                }
                String inner = s.subSequence(i, close).toString();
                if (!inner.isEmpty() && (inner.endsWith(" ") || inner.endsWith("\t"))) {
                    return null;
                }
                String[] params = inner.isBlank() ? new String[0] : inner.strip().split("[ \t]+");
                return new Ref(name, params, close + 1);
            }
            if (i < s.length()) {
                char c = s.charAt(i);
                if (c != ' ' && c != '\t' && c != ',' && c != ')') {
                    return null;
                }
            }
            return new Ref(name, new String[0], i);
        }
    }

    private static boolean isInclude(String text) {
        if (!text.startsWith("include") || text.length() < 8) {
            return false;
        }
        char c = text.charAt(7);
        if (c == ' ' || c == '\t') {
            return true;
        }
        return text.length() > 8 && "rmwba".indexOf(c) >= 0 && (text.charAt(8) == ' ' || text.charAt(8) == '\t');
    }

    private void include(String text, Position pos, Path dir) {
        char kind = Decommenter.isBlank(text.charAt(7)) ? ' ' : text.charAt(7);
        String pattern = text.substring(kind == ' ' ? 8 : 9).strip();
        if (pattern.length() >= 2 && pattern.startsWith("\"") && pattern.endsWith("\"")) {
            pattern = pattern.substring(1, pattern.length() - 1);
        }
        String keyword = kind == ' ' ? "include" : "include" + kind;
        if (pattern.isEmpty()) {
            diags.error(pos, Kind.SYNTAX, keyword + " needs a file name or pattern");
            return;
        }
        if (includeStack.size() >= MAX_INCLUDE_DEPTH) {
            diags.error(pos, Kind.FILE, "includes nested more than " + MAX_INCLUDE_DEPTH + " deep; "
                    + pattern + " not read");
            return;
        }
        boolean strict = options.allConfig();
        boolean needReadable = kind != ' ' || strict;
        boolean needMatch = kind == 'm' || kind == 'w' || kind == 'a' || strict;
        boolean needWildcard = kind == 'w' || kind == 'a';
        boolean needBrace = kind == 'b' || kind == 'a';
        List<IncludeResolver.Expansion> expansions = IncludeResolver.resolve(dir, pattern);
        int total = 0;
        for (IncludeResolver.Expansion e : expansions) {
            total += e.matches().size();
            if (e.matches().isEmpty()) {
                boolean isError = (e.wildcard() ? needWildcard : needMatch) || (expansions.size() > 1 && needBrace);
                String msg = keyword + " " + e.pattern() + ": no file matches";
                if (isError) {
                    diags.error(pos, Kind.FILE, msg);
                } else if (!e.wildcard()) {
                    diags.warning(pos, Kind.FILE, msg + " (plain include ignores missing files; use includea to "
                            + "make this an error)");
                }
            }
        }
        if (total == 0 && expansions.size() > 1 && !needBrace && !needMatch) {
            diags.warning(pos, Kind.FILE, keyword + " " + pattern + ": no file matches");
        }
        for (IncludeResolver.Expansion e : expansions) {
            for (Path p : e.matches()) {
                Path abs = p.toAbsolutePath().normalize();
                if (includeStack.contains(abs)) {
                    diags.error(pos, Kind.FILE, "include cycle: " + p + " is already being read; not included again");
                    continue;
                }
                if (!Files.isReadable(p) || Files.isDirectory(p)) {
                    String msg = keyword + " " + p + ": " + (Files.isDirectory(p) ? "is a directory" : "not readable");
                    if (needReadable) {
                        diags.error(pos, Kind.FILE, msg);
                    } else {
                        diags.warning(pos, Kind.FILE, msg);
                    }
                    continue;
                }
                readFile(p, displayName(p));
            }
        }
    }

    private static String displayName(Path p) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }
}
