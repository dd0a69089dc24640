package dev.holdfast.vrrp.packet;

/**
 * How a VRRPv3 IPv4 advert's checksum is computed. RFC 5798 includes the IPv4 pseudo-header;
 * keepalived's {@code v3_checksum_as_v2} leaves it out, as some other implementations do. VRRPv2 never
 * uses a pseudo-header and IPv6 always does, so the mode only matters for VRRPv3 over IPv4.
 */
public enum ChecksumMode {
    PSEUDO_HEADER,
    V2_STYLE
}
