package dev.holdfast.config.syntax;

import dev.holdfast.config.diag.Position;
import java.util.List;

/**
 * A keyword with its arguments and, when followed by braces, the statements of its block. {@code block} is null
 * for a statement without braces; {@code blockEnd} is where the block was closed (or recovered).
 */
public record Statement(Token keyword, List<Token> args, List<Statement> block, Position blockEnd) {

    public String name() {
        return keyword.text();
    }

    public Position position() {
        return keyword.position();
    }

    public boolean hasBlock() {
        return block != null;
    }

    public Token arg(int i) {
        return i >= 0 && i < args.size() ? args.get(i) : null;
    }

    /** All words of the statement, keyword first: the shape of a line inside a list block. */
    public List<Token> words() {
        java.util.ArrayList<Token> all = new java.util.ArrayList<>(args.size() + 1);
        all.add(keyword);
        all.addAll(args);
        return all;
    }
}
