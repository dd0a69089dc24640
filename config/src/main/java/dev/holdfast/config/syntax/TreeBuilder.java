package dev.holdfast.config.syntax;

import dev.holdfast.config.diag.Diagnostic.Kind;
import dev.holdfast.config.diag.Diagnostics;
import dev.holdfast.config.diag.Position;
import dev.holdfast.config.pre.LineFilter;
import dev.holdfast.config.pre.LogicalLine;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Builds the statement tree. A {@code {} opens the block of the statement just before it (same or previous line);
 * {@code }} closes the innermost block. A block still open when a top-level-only keyword appears (a forgotten
 * {@code }}) is closed there, and an extra {@code }} is reported and ignored.
 */
public final class TreeBuilder {
    private final Diagnostics diags;
    private final Set<String> topLevelOnly;

    private static final class Open {
        final Token keyword;
        final List<Token> args;
        final List<Statement> children = new ArrayList<>();
        final Position opened;

        Open(Token keyword, List<Token> args, Position opened) {
            this.keyword = keyword;
            this.args = args;
            this.opened = opened;
        }
    }

    public TreeBuilder(Diagnostics diags, Set<String> topLevelOnly) {
        this.diags = diags;
        this.topLevelOnly = topLevelOnly;
        this.topLevelWords = topLevelOnly.toArray(new String[0]);
        for (String w : topLevelWords) {
            if (w.isEmpty() || w.length() > 63 || w.charAt(0) > 127) {
                this.anyFirst = true;
            } else {
                this.topLevelFirst[w.charAt(0)] = true;
                this.topLevelLengths |= 1L << w.length();
            }
        }
    }

    private final String[] topLevelWords;
    /** quick rejection before comparing with every top-level word: their first characters and their lengths */
    private final boolean[] topLevelFirst = new boolean[128];
    private long topLevelLengths;
    private boolean anyFirst;

    private final Tokenizer tokenizer = new Tokenizer();
    private final Deque<Open> stack = new ArrayDeque<>();
    private List<Statement> top = new ArrayList<>();
    private Statement pending;
    private List<Statement> pendingContainer;
    private java.util.function.Consumer<Statement> onTopLevel;
    private Set<String> skipped = Set.of();
    private String skippedIn;
    /** inside a skipped block: how many braces are open (0: not skipping) */
    private int skipDepth;

    /** The whole tree at once (tests, small inputs). */
    public List<Statement> build(List<LogicalLine> lines) {
        List<Statement> all = new ArrayList<>();
        onTopLevel = null;
        lines.forEach(this::line);
        finish();
        all.addAll(top);
        return all;
    }

    /**
     * Streams: each top-level statement goes to {@code each} once the next one starts (so a '{' on the following
     * line still attaches) or at {@link #finish()}.
     */
    public TreeBuilder streaming(java.util.function.Consumer<Statement> each) {
        this.onTopLevel = each;
        return this;
    }

    /**
     * Leaves out blocks named in {@code blocks} opened directly inside a {@code parent} block: their lines are only
     * scanned for braces, their statements neither built nor checked. A top-level keyword at the start of a line
     * ends the skipping, as it ends any block left open.
     */
    public TreeBuilder skipping(Set<String> blocks, String parent) {
        this.skipped = Set.copyOf(blocks);
        this.skippedIn = parent;
        return this;
    }

    /** Feeds one logical line. */
    public void line(LogicalLine line) {
        if (skipDepth > 0 && plainSkippedLine(line.text(), 0, line.text().length())) {
            return;
        }
        if (line.text().equals("}")) {
            // a line that only closes a block, read without splitting it into tokens
            if (skipDepth > 0) {
                skipDepth--;
            } else {
                closeBrace(line.position());
            }
            flushTop();
            return;
        }
        {
            List<Token> tokens = tokenizer.split(line);
            int i = 0;
            boolean lineStart = true;
            while (i < tokens.size()) {
                Token t = tokens.get(i);
                if (skipDepth > 0) {
                    if (lineStart && !t.quoted() && topLevelOnly.contains(t.text())) {
                        skipDepth = 0;
                    } else {
                        skipDepth += t.isBrace('{') ? 1 : t.isBrace('}') ? -1 : 0;
                        i++;
                        lineStart = false;
                        continue;
                    }
                }
                if (t.isBrace('{')) {
                    if (pending != null && !pending.hasBlock() && skipped.contains(pending.keyword().text())
                            && !pending.keyword().quoted() && !stack.isEmpty() && stack.peek().keyword != null
                            && stack.peek().keyword.text().equals(skippedIn)) {
                        pendingContainer.remove(pendingContainer.size() - 1);
                        skipDepth = 1;
                    } else if (pending != null && !pending.hasBlock()) {
                        pendingContainer.remove(pendingContainer.size() - 1);
                        stack.push(new Open(pending.keyword(), pending.args(), t.position()));
                    } else {
                        diags.error(t.position(), Kind.SYNTAX, "'{' without a keyword before it; block ignored");
                        stack.push(new Open(null, List.of(), t.position()));
                    }
                    pending = null;
                    i++;
                    lineStart = false;
                    continue;
                }
                if (t.isBrace('}')) {
                    closeBrace(t.position());
                    i++;
                    lineStart = false;
                    continue;
                }
                int j = i;
                while (j < tokens.size() && !tokens.get(j).isBrace('{') && !tokens.get(j).isBrace('}')) {
                    j++;
                }
                Token kw = tokens.get(i);
                if (lineStart && !stack.isEmpty() && topLevelOnly.contains(kw.text()) && !kw.quoted()) {
                    while (!stack.isEmpty()) {
                        Open o = stack.peek();
                        if (o.keyword != null) {
                            diags.error(o.keyword.position(), Kind.SYNTAX, "block '" + describe(o)
                                    + "' is not closed before '" + kw.text() + "' at line " + kw.position().line()
                                    + "; read as if '}' were there");
                        }
                        close(stack, top, kw.position());
                    }
                }
                Statement st = new Statement(kw, List.copyOf(tokens.subList(i + 1, j)), null, null);
                List<Statement> container = stack.isEmpty() ? top : stack.peek().children;
                container.add(st);
                pending = st;
                pendingContainer = container;
                i = j;
                lineStart = false;
            }
        }
        flushTop();
    }

    /** Whether {@code text[from, to)} is a line inside a skipped block that changes nothing here. */
    private boolean plainSkippedLine(String text, int from, int to) {
        for (int k = from; k < to; k++) {
            char c = text.charAt(k);
            if (c == '{' || c == '}') {
                return false;
            }
        }
        return skipsBraceless(text, from, to);
    }

    /** What the preprocessor may drop unmade: plain lines inside a skipped block (see {@link LineFilter}). */
    public LineFilter skippedLines() {
        return new LineFilter() {
            @Override
            public int openBraces() {
                return skipDepth;
            }

            @Override
            public void braces(int change) {
                if (skipDepth + change <= 0) {
                    throw new IllegalStateException("a dropped line cannot end the skipped block");
                }
                skipDepth += change;
            }

            @Override
            public boolean drops(CharSequence text, int from, int to) {
                return skipDepth > 0 && !isTopLevelWord(text, from, to);
            }
        };
    }

    /** For a line without braces: whether it lies inside a skipped block and does not end the skipping. */
    private boolean skipsBraceless(String text, int from, int to) {
        if (skipDepth == 0) {
            return false;
        }
        while (from < to && (text.charAt(from) == ' ' || text.charAt(from) == '\t')) {
            from++;
        }
        int end = from;
        while (end < to && text.charAt(end) != ' ' && text.charAt(end) != '\t') {
            end++;
        }
        return !isTopLevelWord(text, from, end);
    }

    private boolean isTopLevelWord(CharSequence text, int from, int to) {
        int length = to - from;
        if (!anyFirst && (length == 0 || length > 63 || (topLevelLengths & (1L << length)) == 0
                || text.charAt(from) > 127 || !topLevelFirst[text.charAt(from)])) {
            return false;
        }
        for (String keyword : topLevelWords) {
            if (keyword.length() == length) {
                boolean same = true;
                for (int k = 0; k < length && same; k++) {
                    same = keyword.charAt(k) == text.charAt(from + k);
                }
                if (same) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Hands completed top-level statements to the streaming consumer, keeping the last one open for a '{'. */
    /** An unquoted '}' outside a skipped block: closes the innermost open block. */
    private void closeBrace(Position at) {
        if (stack.isEmpty()) {
            diags.error(at, Kind.SYNTAX, "extra '}' with no block open; ignored");
        } else {
            close(stack, top, at);
        }
        pending = null;
    }

    private void flushTop() {
        if (onTopLevel == null || top.size() < 2 || !stack.isEmpty()) {
            return;
        }
        Statement last = top.get(top.size() - 1);
        for (int i = 0; i < top.size() - 1; i++) {
            onTopLevel.accept(top.get(i));
        }
        boolean lastPending = pendingContainer == top;
        top = new ArrayList<>();
        top.add(last);
        if (lastPending) {
            pendingContainer = top;
        }
    }

    /** Ends the input: reports blocks never closed and delivers what is left. */
    public void finish() {
        skipDepth = 0;
        while (!stack.isEmpty()) {
            Open o = stack.peek();
            if (o.keyword != null) {
                diags.error(o.keyword.position(), Kind.SYNTAX, "block '" + describe(o)
                        + "' is never closed: missing '}' before the end of the file");
            }
            close(stack, top, o.opened);
        }
        if (onTopLevel != null) {
            top.forEach(onTopLevel);
            top = new ArrayList<>();
        }
        pending = null;
        pendingContainer = null;
    }

    private static String describe(Open o) {
        StringBuilder sb = new StringBuilder(o.keyword.text());
        for (Token a : o.args) {
            sb.append(' ').append(a.text());
        }
        return sb.toString();
    }

    private static void close(Deque<Open> stack, List<Statement> top, Position end) {
        Open o = stack.pop();
        if (o.keyword == null) {
            return;
        }
        Statement st = new Statement(o.keyword, o.args, List.copyOf(o.children), end);
        (stack.isEmpty() ? top : stack.peek().children).add(st);
    }
}
