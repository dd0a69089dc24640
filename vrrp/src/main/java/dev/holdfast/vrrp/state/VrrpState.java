package dev.holdfast.vrrp.state;

/** An instance's state, as keepalived names them in notify scripts and FIFOs. */
public enum VrrpState {
    /** Configured, not started yet. */
    INIT,
    BACKUP,
    MASTER,
    /** A tracker (interface, script, ...) is down: no adverts sent or heard, no VIPs. */
    FAULT,
    /** Shut down; terminal. */
    STOP
}
