package dev.holdfast.config.pre;

/**
 * Lets the reader of the logical lines drop plain lines before they are made: lines the line language leaves as
 * they are (no parameter, conditional, sequence, include, quote or escape) and that the reader ignores anyway
 * (inside a block it skips). The preprocessor asks only about lines without braces.
 */
public interface LineFilter {
    /** Whether the reader ignores plain lines now (it is inside a skipped block). */
    boolean active();

    /**
     * Whether a plain line whose first word is {@code text[from, to)} may be dropped while {@link #active()}:
     * false for a word that would end the skipping (a top-level keyword).
     */
    boolean drops(CharSequence text, int from, int to);

    LineFilter NONE = new LineFilter() {
        @Override
        public boolean active() {
            return false;
        }

        @Override
        public boolean drops(CharSequence text, int from, int to) {
            return false;
        }
    };
}
