package dev.holdfast.config.syntax;

import dev.holdfast.config.diag.Position;

/** A word of a statement; {@code quoted} when it was written in double quotes (quotes removed). */
public record Token(String text, boolean quoted, Position position) {
    public boolean is(String s) {
        return !quoted && text.equals(s);
    }

    /** True for an unquoted '{' or '}' (given as the character), the words that open and close blocks. */
    public boolean isBrace(char brace) {
        return !quoted && text.length() == 1 && text.charAt(0) == brace;
    }
}
