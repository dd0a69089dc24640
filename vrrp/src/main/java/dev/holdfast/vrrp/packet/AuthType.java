package dev.holdfast.vrrp.packet;

/** The VRRPv2 Auth Type field (RFC 2338 5.3.6). VRRPv3 has no authentication and always uses NONE. */
public enum AuthType {
    NONE(0),
    PASS(1),
    AH(2);

    private final int code;

    AuthType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type for a wire code, or null for a code keepalived rejects as "Invalid auth type". */
    static AuthType ofCode(int code) {
        for (AuthType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
