/**
 * The VRRP advert wire format as keepalived sends and checks it: VRRPv2 (IPv4, auth none, PASS, and
 * keepalived's IPSEC-AH header) and VRRPv3 (IPv4 and IPv6). {@link dev.holdfast.vrrp.packet.AdvertDecoder}
 * is total: every input yields an advert or a {@link dev.holdfast.vrrp.packet.DecodeError}, never an
 * exception. Depends on the JDK only.
 */
package dev.holdfast.vrrp.packet;
