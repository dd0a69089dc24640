package dev.holdfast.config.pre;

/**
 * Lets the reader of the logical lines drop a plain line before it is made: one the line language leaves as it is
 * (no parameter, conditional, sequence or include) and that the reader would ignore anyway (inside a block it skips).
 * Asked only for lines without braces, with the line's text between {@code from} and {@code to}, already stripped
 * of blanks and comment.
 */
@FunctionalInterface
public interface LineFilter {
    boolean discards(String text, int from, int to);

    LineFilter NONE = (text, from, to) -> false;
}
