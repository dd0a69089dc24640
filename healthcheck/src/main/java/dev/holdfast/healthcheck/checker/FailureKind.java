package dev.holdfast.healthcheck.checker;

import java.util.Locale;

/**
 * What kind of failure a check's reason describes, for metrics: a small fixed set an operator can graph and
 * alert on ({@code timeout}, {@code refused}, {@code status}, ...), where the reason itself is free text
 * naming addresses and values.
 */
public enum FailureKind {
    TIMEOUT("timeout"),
    REFUSED("refused"),
    RESET("reset"),
    UNREACHABLE("unreachable"),
    CLOSED("closed"),
    TLS("tls"),
    STATUS("status"),
    DIGEST("digest"),
    REGEX("regex"),
    BAD_REPLY("bad_reply"),
    EXIT_STATUS("exit_status"),
    CANNOT_RUN("cannot_run"),
    OTHER("other");

    private final String label;

    FailureKind(String label) {
        this.label = label;
    }

    /** The metric label value. */
    public String label() {
        return label;
    }

    /** Classifies a failed check's reason as the probes word them (see the probe package). */
    public static FailureKind of(String reason) {
        String r = reason.toLowerCase(Locale.ROOT);
        if (r.contains("timed out") || r.contains("no reply within") || r.contains("no echo reply within")) {
            return TIMEOUT;
        }
        if (r.contains("refused")) {
            return REFUSED;
        }
        if (r.contains("reset")) {
            return RESET;
        }
        if (r.contains("unreachable") || r.contains("no route to host")) {
            return UNREACHABLE;
        }
        if (r.contains("ssl") || r.contains("tls") || r.contains("handshake") || r.contains("certificate")) {
            return TLS;
        }
        if (r.contains("connection closed") || r.contains("no data received")) {
            return CLOSED;
        }
        if (r.contains(" not in ")) {
            return STATUS;
        }
        if (r.contains("digest")) {
            return DIGEST;
        }
        if (r.contains("body matches") || r.contains("body does not match")) {
            return REGEX;
        }
        if (r.contains("exited with status")) {
            return EXIT_STATUS;
        }
        if (r.contains("cannot run")) {
            return CANNOT_RUN;
        }
        if (r.contains("reply") || r.contains("rcode") || r.contains(": bad ")) {
            return BAD_REPLY;
        }
        return OTHER;
    }
}
