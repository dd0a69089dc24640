package dev.holdfast.config.syntax;

import dev.holdfast.config.diag.Position;

/** A word of a statement; {@code quoted} when it was written in double quotes (quotes removed). */
public record Token(String text, boolean quoted, Position position) {
    public boolean is(String s) {
        return !quoted && text.equals(s);
    }
}
