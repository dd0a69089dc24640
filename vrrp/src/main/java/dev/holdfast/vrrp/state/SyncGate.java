package dev.holdfast.vrrp.state;

/**
 * Whether a vrrp_sync_group member whose master-down timer ran out may become MASTER now. keepalived
 * ({@code vrrp_sync_can_goto_master}) lets it only when every other member is MASTER or wants to be, so one
 * member cannot take over while another still hears a live master; a refused member says it wants MASTER
 * ({@link VrrpInstance#wantsMaster()}) and waits another master-down interval.
 */
@FunctionalInterface
public interface SyncGate {
    /** Not in a sync group: always. */
    SyncGate NONE = member -> true;

    boolean mayBecomeMaster(VrrpInstance member);
}
