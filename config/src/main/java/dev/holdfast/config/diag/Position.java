package dev.holdfast.config.diag;

/** A place in a configuration file; line and column count from 1. */
public record Position(String file, int line, int column) implements Comparable<Position> {

    public static Position of(String file, int line, int column) {
        return new Position(file, Math.max(1, line), Math.max(1, column));
    }

    public Position atColumn(int col) {
        return new Position(file, line, Math.max(1, col));
    }

    @Override
    public int compareTo(Position o) {
        int c = file.compareTo(o.file);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(line, o.line);
        return c != 0 ? c : Integer.compare(column, o.column);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
