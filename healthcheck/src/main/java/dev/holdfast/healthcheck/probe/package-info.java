/**
 * Network probes on Netty: TCP_CHECK and HTTP_GET as non-blocking connections on the same event loop that runs
 * the checker timers, each bounded by connect_timeout so no check can hang. Depends on {@code spec},
 * {@code checker} and Netty.
 */
package dev.holdfast.healthcheck.probe;
