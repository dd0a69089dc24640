package dev.holdfast.config.diag;

/** How bad a diagnostic is; the order is the order of badness. */
public enum Severity {
    /** Read as the operator meant, but worth knowing (deprecated keyword, repaired character). */
    WARNING,
    /** Something was ignored or replaced by a default; the rest of the configuration still runs. */
    ERROR,
    /** The configuration cannot run at all (file missing, nothing usable). */
    FATAL;

    public String label() {
        return this == WARNING ? "warning" : "error";
    }
}
