package dev.holdfast.config.diag;

/** One message about the configuration, anchored at a position. */
public record Diagnostic(Position position, Severity severity, Kind kind, String message) {

    /** What kind of problem it is, so the exit code can follow keepalived's meaning. */
    public enum Kind {
        SYNTAX, UNKNOWN_KEYWORD, VALUE, REFERENCE, DUPLICATE, DEPRECATED, REPAIRED, SEMANTIC, FILE, SECURITY, HOST
    }

    @Override
    public String toString() {
        return position + ": " + severity.label() + ": " + message;
    }
}
