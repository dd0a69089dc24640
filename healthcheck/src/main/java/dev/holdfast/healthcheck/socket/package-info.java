/**
 * The checker loop's own sockets: one epoll instance, timers and a task queue on one thread
 * ({@link dev.holdfast.healthcheck.socket.SocketLoop}), driving plain TCP connections with the system calls a check
 * needs and no more. HTTP_GET and TCP_CHECK run here; TLS, SMTP, DNS and UDP checkers stay on Netty. Linux only,
 * through jnr-ffi.
 */
package dev.holdfast.healthcheck.socket;
