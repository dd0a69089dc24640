package dev.holdfast.config.text;

/** One physical line of a file, without its line terminator. */
public record SourceLine(int number, String text) {
}
