/**
 * VRRP for holdfast: keepalived-compatible VRRPv2/v3 adverts ({@code packet}) and the per-instance state
 * machine ({@code state}). Everything here is pure logic with injected time; sockets, VIP programming and
 * notify scripts live elsewhere and consume the state machine's actions.
 */
package dev.holdfast.vrrp;
