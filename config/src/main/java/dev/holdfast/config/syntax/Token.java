package dev.holdfast.config.syntax;

import dev.holdfast.config.diag.Position;

/**
 * A word of a statement; {@code quoted} when it was written in double quotes (quotes removed). Its position is
 * kept as its line's position and a column, and made only when something asks for it (a diagnostic): most words
 * of a large file never need one.
 */
public record Token(String text, boolean quoted, Position line, int column) {

    public Token(String text, boolean quoted, Position position) {
        this(text, quoted, position, position.column());
    }

    public Position position() {
        return column == line.column() ? line : line.atColumn(column);
    }

    public boolean is(String s) {
        return !quoted && text.equals(s);
    }

    /** True for an unquoted '{' or '}' (given as the character), the words that open and close blocks. */
    public boolean isBrace(char brace) {
        return !quoted && text.length() == 1 && text.charAt(0) == brace;
    }
}
