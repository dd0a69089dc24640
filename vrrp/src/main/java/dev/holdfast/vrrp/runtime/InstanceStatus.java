package dev.holdfast.vrrp.runtime;

import dev.holdfast.vrrp.packet.DecodeError;
import dev.holdfast.vrrp.state.VrrpState;
import java.time.Instant;
import java.util.Map;

/**
 * A read-only snapshot of one running instance, for metrics and status output.
 *
 * @param syncGroup the vrrp_sync_group it belongs to, or null
 * @param basePriority the configured priority (254 after an address-owner conflict)
 * @param effectivePriority the priority it advertises: base plus tracker weights, clamped to [1, 254]
 * @param advertsSent adverts sent (one per destination: each unicast peer counts)
 * @param advertsReceived well-formed adverts for its VRID that reached it (whether or not it acted on them)
 * @param errors packets for its VRID refused, by kind: the decoder's (TTL, authentication, checksum, ...) and
 *               the instance's own (interval, VIP list, ...); only non-zero kinds
 * @param transitions state changes since start (INIT -> BACKUP counts)
 * @param lastTransition when the last one happened, or null
 * @param faults the trackers keeping it in FAULT (empty when none)
 */
public record InstanceStatus(String name, String syncGroup, VrrpState state, int basePriority,
        int effectivePriority, long advertsSent, long advertsReceived, Map<DecodeError, Long> errors,
        long transitions, Instant lastTransition, java.util.Set<String> faults) {
}
