package dev.holdfast.config.grammar;

/** What holdfast does with a keyword keepalived accepts. */
public enum Support {
    /** Read into the model and acted on (or will be, by the module that owns it). */
    SUPPORTED,
    /** Accepted for compatibility; holdfast has no use for it (process tuning, SNMP, DBus, ...). */
    NO_EFFECT,
    /** Old spelling; read as its replacement with a warning. */
    DEPRECATED
}
