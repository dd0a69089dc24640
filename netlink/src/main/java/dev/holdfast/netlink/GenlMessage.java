package dev.holdfast.netlink;

/** A generic netlink payload: the genlmsghdr and the top-level attributes after it. */
public record GenlMessage(GenlHeader header, Attributes attributes) {
    public int command() {
        return header.command();
    }
}
