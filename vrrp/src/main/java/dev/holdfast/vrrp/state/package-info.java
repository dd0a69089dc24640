/**
 * The VRRP instance state machine with keepalived's semantics: events in ({@link dev.holdfast.vrrp.state.Event}),
 * actions out ({@link dev.holdfast.vrrp.state.Action}), time from an injected
 * {@link dev.holdfast.vrrp.state.Scheduler}. No I/O happens here; the socket, VIP and notify layers carry the
 * actions out. Depends on {@code dev.holdfast.vrrp.packet} only.
 */
package dev.holdfast.vrrp.state;
