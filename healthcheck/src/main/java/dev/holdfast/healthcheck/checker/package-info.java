/**
 * Checkers: the per-checker state machine of keepalived (cold start, retries, alpha, suspension) and the
 * {@link dev.holdfast.healthcheck.checker.Probe} contract that network checks implement. A checker only decides
 * up or down and reports it; real-server and quorum consequences live in {@code lvs}. Depends on {@code spec}
 * and {@code time}.
 */
package dev.holdfast.healthcheck.checker;
