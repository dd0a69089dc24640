/**
 * Netlink sockets and the request protocol on top of the codec: sequence numbers, acks, multipart
 * dumps, pipelined batches and generic-netlink family resolution. Depends on the codec in
 * {@code dev.holdfast.netlink} and on {@code dev.holdfast.netlink.ffi} for the real socket; the
 * {@link dev.holdfast.netlink.io.NetlinkChannel} seam lets callers test against a fake kernel.
 */
package dev.holdfast.netlink.io;
