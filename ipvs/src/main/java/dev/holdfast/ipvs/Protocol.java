package dev.holdfast.ipvs;

/** The layer-4 protocol of an address-based virtual service, with its IP protocol number. */
public enum Protocol {
    TCP(6, "-t"),
    UDP(17, "-u"),
    SCTP(132, "--sctp-service");

    private final int number;
    private final String ipvsadmOption;

    Protocol(int number, String ipvsadmOption) {
        this.number = number;
        this.ipvsadmOption = ipvsadmOption;
    }

    public int number() {
        return number;
    }

    String ipvsadmOption() {
        return ipvsadmOption;
    }

    public static Protocol ofNumber(int number) {
        for (Protocol p : values()) {
            if (p.number == number) {
                return p;
            }
        }
        throw new IllegalArgumentException("unsupported IP protocol " + number);
    }
}
