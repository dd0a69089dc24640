package dev.holdfast.netlink;

/**
 * Bytes that are not a well-formed netlink message: truncated, lengths that point outside the buffer,
 * attributes of the wrong size. The codec throws only this for bad input, never an index or buffer error.
 */
public class NetlinkDecodeException extends NetlinkException {
    public NetlinkDecodeException(String reason) {
        super("decode", reason);
    }
}
