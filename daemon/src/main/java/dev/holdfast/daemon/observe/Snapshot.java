package dev.holdfast.daemon.observe;

import dev.holdfast.daemon.lvs.Drain;
import dev.holdfast.daemon.lvs.KernelWriter;
import dev.holdfast.healthcheck.lvs.VirtualServerStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The director's state at one moment, as metrics, the status page and the signal dumps show it.
 *
 * @param virtualServers the checkers' view (empty when the LVS half is not running)
 * @param kernel         the owned IPVS services with counters as the kernel has them
 * @param draining       destinations a reload removed, with their drain deadlines
 * @param vrrp           every VRRP instance (empty when the VRRP half is not running)
 * @param vrrpRejects    VRRP packets refused, by reason
 */
public record Snapshot(Instant takenAt, ConfigState config, List<VirtualServerStatus> virtualServers,
                       List<KernelWriter.ServiceReading> kernel, Map<Drain.Ref, Instant> draining,
                       List<VrrpInstanceState> vrrp, Map<String, Long> vrrpRejects) {

    public Snapshot {
        virtualServers = List.copyOf(virtualServers);
        kernel = List.copyOf(kernel);
        draining = Map.copyOf(draining);
        vrrp = List.copyOf(vrrp);
        vrrpRejects = Map.copyOf(vrrpRejects);
    }

    /**
     * The configuration in force and what became of reloads.
     *
     * @param hash       a digest of the resolved configuration (equal meaning, equal hash)
     * @param lastError  the first error of the last rejected reload, empty if the last reload succeeded
     */
    public record ConfigState(String file, String hash, Instant loadedAt, long reloadsOk, long reloadsFailed,
                              String lastError) {
    }

    /**
     * One VRRP instance.
     *
     * @param syncGroup   its vrrp_sync_group, empty if none
     * @param transitions state changes by the state entered
     * @param errors      adverts refused by this instance, by reason (bad TTL, auth failure, interval mismatch, ...)
     * @param faults      what holds it in FAULT (a down interface, a failed track_script, ...), empty if nothing
     */
    public record VrrpInstanceState(String name, String iface, int vrid, String syncGroup, String state,
                                    int basePriority, int effectivePriority, long advertsSent, long advertsReceived,
                                    Map<String, Long> transitions, Map<String, Long> errors, Instant lastTransition,
                                    List<String> faults) {
        public VrrpInstanceState {
            transitions = Map.copyOf(transitions);
            errors = Map.copyOf(errors);
            faults = List.copyOf(faults);
        }
    }
}
