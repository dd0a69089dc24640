package dev.holdfast.netlink.io;

/**
 * A resolved generic netlink family: the dynamic id to put in nlmsg_type, and what the kernel says
 * about its version and attributes.
 */
public record GenlFamily(String name, int id, int version, int headerSize, int maxAttribute) {}
