package dev.holdfast.vrrp.packet;

/**
 * Why a received packet was not acted on. Each kind is counted on its own (see {@link RejectCounts}),
 * mirroring keepalived's per-reason statistics. The first group is found by the decoder from the bytes
 * alone (given the socket's rules), in keepalived's order of checks; the second group needs the instance's
 * state and is reported by the state machine.
 */
public enum DecodeError {
    // --- decoder ---
    /** Fewer bytes than the headers, or than the address count says. */
    TRUNCATED("packet shorter than its headers or address count"),
    /** More bytes than the address count says (beyond Ethernet padding). */
    TOO_LONG("packet longer than its address count"),
    /** Not an IPv4/IPv6 header we can read. */
    BAD_IP_HEADER("malformed IP header"),
    /** Neither VRRP (112) nor AH (51). */
    BAD_PROTOCOL("IP protocol is not VRRP or AH"),
    /** A multicast advert whose TTL/hop limit is not 255 (RFC 3768 7.1, RFC 5798 7.1). */
    BAD_TTL("TTL/hop limit is not 255"),
    BAD_VERSION("VRRP version differs from the instance's"),
    /** Auth Type other than 0, 1, 2. */
    BAD_AUTH_TYPE("invalid authentication type"),
    /** Auth Type (or presence of an AH header) differs from the instance's. */
    AUTH_MISMATCH("authentication type differs from the instance's"),
    /** Wrong password, or an AH ICV that does not verify. */
    AUTH_FAILURE("authentication failed"),
    /** An AH header protecting something other than VRRP. */
    AH_NOT_VRRP("AH header for another protocol"),
    /** AH SPI is not the sender's address, as keepalived requires. */
    AH_BAD_SPI("AH SPI is not the source address"),
    BAD_TYPE("VRRP packet type is not ADVERTISEMENT"),
    /** IP total length disagrees with what was received. */
    BAD_LENGTH("IP total length disagrees with the received length"),
    BAD_CHECKSUM("bad VRRP checksum"),
    /** Multicast advert on a unicast instance or the reverse. */
    CAST_MISMATCH("multicast/unicast destination differs from the instance's mode"),

    // --- state machine ---
    /** No instance with this VRID here. */
    UNKNOWN_VRID("no instance for this VRID"),
    /** VRRPv2 drops adverts whose interval is not its own (RFC 3768 7.1). */
    INTERVAL_MISMATCH("VRRPv2 advert interval differs from the instance's"),
    ADDR_COUNT_MISMATCH("address count differs from the instance's VIP count"),
    VIP_MISMATCH("advert lacks one of the instance's VIPs"),
    UNKNOWN_UNICAST_SOURCE("unicast source is not a configured peer"),
    /** AH sequence number not above the last one accepted. */
    AH_REPLAY("AH sequence number already seen"),
    /** An address owner with owner_ignore_adverts (or strict mode) ignores all adverts. */
    OWNER_IGNORES_ADVERTS("address owner ignores adverts"),
    /** Received while INIT, FAULT or STOP: keepalived does not process adverts then. */
    NOT_LISTENING("instance is not in BACKUP or MASTER");

    private final String description;

    DecodeError(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
