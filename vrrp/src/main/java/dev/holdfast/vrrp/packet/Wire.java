package dev.holdfast.vrrp.packet;

/** The protocol's numbers, in one place (RFC 3768, RFC 5798, RFC 2402, keepalived's vrrp.h). */
final class Wire {
    static final int IPPROTO_VRRP = 112;
    static final int IPPROTO_AH = 51;
    static final int VRRP_TTL = 255;
    static final int TYPE_ADVERT = 1;

    static final int IPV4_HEADER_LEN = 20;
    static final int IPV6_HEADER_LEN = 40;
    static final int VRRP_HEADER_LEN = 8;
    static final int AUTH_DATA_LEN = 8;

    /** keepalived's ipsec_ah_t: next header, payload len, reserved, SPI, sequence, 96-bit ICV. */
    static final int AH_LEN = 24;
    static final int AH_ICV_OFFSET = 12;
    static final int AH_ICV_LEN = 12;
    /** AH payload length in 32-bit words minus 2, for a 96-bit ICV (RFC 2402 2.2). */
    static final int AH_PAYLOAD_LEN = 4;

    /** IP type of service keepalived sends with: internetwork control. */
    static final int TOS_INTERNETWORK_CONTROL = 0xC0;

    /** Largest IP datagram an Ethernet frame pads up to (ETH_ZLEN - ETH_HLEN). */
    static final int ETHERNET_MIN_PAYLOAD = 46;

    private Wire() {
    }
}
