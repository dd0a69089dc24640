package dev.holdfast.config.grammar;

import dev.holdfast.config.syntax.Statement;

/** One keyword of a block: how to read it into a builder of type {@code B}. */
public record Keyword<B>(String name, Handler<B> handler, Support support, String replacement, String summary) {

    /** Reads a statement into the builder, reporting problems through the values reader. */
    @FunctionalInterface
    public interface Handler<B> {
        void handle(B builder, Statement statement, Values values);
    }
}
