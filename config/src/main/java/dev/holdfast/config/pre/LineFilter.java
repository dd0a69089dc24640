package dev.holdfast.config.pre;

/**
 * Lets the reader of the logical lines drop plain lines before they are made: lines the line language leaves as
 * they are (no parameter, conditional, sequence, include, quote or escape) and that the reader ignores anyway
 * (inside a block it skips, where it only counts braces).
 */
public interface LineFilter {
    /** How many braces the reader holds open inside the block it skips; 0 when it is not skipping. */
    int openBraces();

    /** Whether the reader ignores plain lines now (it is inside a skipped block). */
    default boolean active() {
        return openBraces() > 0;
    }

    /**
     * Whether a plain line whose first word is {@code text[from, to)} may be dropped while {@link #active()}:
     * false for a word that would end the skipping (a top-level keyword).
     */
    boolean drops(CharSequence text, int from, int to);

    /**
     * A dropped line opened and closed braces: {@code change} more are open now (never all closed: the line
     * that ends the skipped block is read, not dropped).
     */
    void braces(int change);

    LineFilter NONE = new LineFilter() {
        @Override
        public int openBraces() {
            return 0;
        }

        @Override
        public boolean drops(CharSequence text, int from, int to) {
            return false;
        }

        @Override
        public void braces(int change) {
            if (change != 0) {
                throw new IllegalStateException("no block is skipped");
            }
        }
    };
}
