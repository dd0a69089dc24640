package dev.holdfast.config.pre;

import dev.holdfast.config.diag.Position;

/** A line after preprocessing, with the position of its first character in the file it came from. */
public record LogicalLine(String text, Position position) {
}
