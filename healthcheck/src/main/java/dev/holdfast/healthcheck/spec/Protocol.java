package dev.holdfast.healthcheck.spec;

/** The L4 protocol of a virtual server, spelled as keepalived spells it in logs and notify FIFO lines. */
public enum Protocol {
    TCP("tcp"),
    UDP("udp"),
    SCTP("sctp"),
    /** keepalived prints "none" when a service has no protocol (service_type 0). */
    NONE("none");

    private final String label;

    Protocol(String label) {
        this.label = label;
    }

    /** The lower-case name used in "[10.0.0.1]:tcp:80". */
    public String label() {
        return label;
    }
}
