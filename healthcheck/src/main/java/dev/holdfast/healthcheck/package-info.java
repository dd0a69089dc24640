/**
 * holdfast's health checker, keepalived's checker process in Java: {@link dev.holdfast.healthcheck.Healthchecker}
 * runs every virtual server's checkers on one scheduler and reports desired IPVS destinations and notifications.
 * Sub-packages: {@code spec} (inputs), {@code time} (clock and timers), {@code checker} (per-checker state
 * machines), {@code lvs} (real/virtual server state, quorum, sorry server), {@code socket} (the checker loop's own
 * epoll sockets) and {@code probe} (network checks). Depends on Netty, jnr-ffi and the JDK only; the daemon maps the
 * config model onto {@code spec}.
 */
package dev.holdfast.healthcheck;
