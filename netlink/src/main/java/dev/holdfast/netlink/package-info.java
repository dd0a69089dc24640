/**
 * The netlink and generic-netlink wire format in pure Java: message and attribute codec, error/ack
 * parsing and the kernel's numbers. Nothing here touches a socket or knows about IPVS; it depends on
 * the JDK only, so every byte layout can be unit-tested anywhere.
 */
package dev.holdfast.netlink;
