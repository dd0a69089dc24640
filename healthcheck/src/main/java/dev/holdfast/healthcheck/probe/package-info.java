/**
 * Network probes, each bounded by connect_timeout so no check can hang: plain HTTP_GET, TCP_CHECK and PING_CHECK on
 * the socket loop that also runs the checker timers ({@code socket}), SSL_GET, SMTP, DNS and UDP checks (and all of
 * them in tests wired to a Netty loop) on Netty. Depends on {@code spec}, {@code checker}, {@code socket} and
 * Netty.
 */
package dev.holdfast.healthcheck.probe;
