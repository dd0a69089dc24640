/**
 * The running VRRP half of the director: {@link dev.holdfast.vrrp.runtime.VrrpService} turns the config
 * model's vrrp_instances into state machines fed by raw VRRP sockets, with VIPs installed over rtnetlink and
 * gratuitous ARPs sent from a packet socket. Depends on config (the model), netlink (libc, rtnetlink) and the
 * other vrrp packages; the daemon depends on this, not the other way round.
 */
package dev.holdfast.vrrp.runtime;
