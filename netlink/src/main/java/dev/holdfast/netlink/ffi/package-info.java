/**
 * The jnr-ffi binding to the handful of libc calls netlink needs (socket, bind, setsockopt, getsockopt,
 * sendto, recvfrom, close, getsockname, if_nametoindex, strerror) and errno handling. Depends on jnr-ffi
 * and {@link dev.holdfast.netlink.NetlinkException}; nothing else may call libc directly.
 */
package dev.holdfast.netlink.ffi;
