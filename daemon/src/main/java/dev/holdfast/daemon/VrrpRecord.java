package dev.holdfast.daemon;

import dev.holdfast.config.model.KeepalivedConfig;
import dev.holdfast.config.model.VrrpInstance;
import dev.holdfast.vrrp.state.VrrpState;
import dev.holdfast.vrrp.runtime.InstanceKey;
import dev.holdfast.vrrp.runtime.VrrpService;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the VRRP runtime told the daemon, kept for metrics and status: per instance its state, base and effective
 * priority, transitions by target state and the time of the last one. Passes every event on to the notifier.
 * Written on the VRRP effects thread, read by scrapes.
 */
final class VrrpRecord extends ForwardingVrrpListener {
    private final Clock clock;
    private final Map<String, Instance> instances = new ConcurrentHashMap<>();
    /** Instance names by identity, so a reload that renames an instance still carries its counters. */
    private final Map<InstanceKey, String> names = new java.util.HashMap<>();

    /** One instance as last heard of. */
    record Instance(String name, String iface, int vrid, int basePriority, VrrpState state, int effectivePriority,
                    Map<VrrpState, Long> transitions, Instant lastTransition) {
        Instance {
            transitions = Map.copyOf(transitions);
        }

        long transitionsTotal() {
            return transitions.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    VrrpRecord(KeepalivedConfig config, VrrpService.Listener next, Clock clock) {
        super(next);
        this.clock = clock;
        for (VrrpInstance vi : config.vrrpInstances()) {
            instances.put(vi.name(), new Instance(vi.name(), vi.iface(), vi.virtualRouterId(), vi.priority(),
                    VrrpState.INIT, vi.priority(), Map.of(), null));
            names.putIfAbsent(InstanceKey.of(vi, config.globalDefs()), vi.name());
        }
    }

    /** Carries the transition counts of instances a reload matched (by identity, not name) into a new record. */
    void carryFrom(VrrpRecord old) {
        names.forEach((key, name) -> {
            Instance was = old.instances.get(old.names.get(key));
            if (was != null) {
                instances.computeIfPresent(name, (k, now) -> new Instance(now.name(), now.iface(), now.vrid(),
                        now.basePriority(), now.state(), now.effectivePriority(), was.transitions(),
                        was.lastTransition()));
            }
        });
    }

    @Override
    public void stateChanged(String instance, VrrpState from, VrrpState to, int priority) {
        instances.computeIfPresent(instance, (k, i) -> {
            Map<VrrpState, Long> t = new EnumMap<>(VrrpState.class);
            t.putAll(i.transitions());
            t.merge(to, 1L, Long::sum);
            return new Instance(i.name(), i.iface(), i.vrid(), i.basePriority(), to, priority, t, clock.instant());
        });
        next.stateChanged(instance, from, to, priority);
    }

    /** A reload kept the instance in its state: recorded as its state, not counted as a transition. */
    @Override
    public void kept(String instance, VrrpState state, int priority) {
        instances.computeIfPresent(instance, (k, i) -> new Instance(i.name(), i.iface(), i.vrid(), i.basePriority(),
                state, priority, i.transitions(), i.lastTransition()));
        next.kept(instance, state, priority);
    }

    @Override
    public void priorityChanged(String instance, int from, int to) {
        instances.computeIfPresent(instance, (k, i) -> new Instance(i.name(), i.iface(), i.vrid(), i.basePriority(),
                i.state(), to, i.transitions(), i.lastTransition()));
        next.priorityChanged(instance, from, to);
    }



    /** Every instance, in config order. */
    List<Instance> instances(List<String> order) {
        Map<String, Instance> copy = new LinkedHashMap<>();
        order.forEach(n -> {
            Instance i = instances.get(n);
            if (i != null) {
                copy.put(n, i);
            }
        });
        return List.copyOf(copy.values());
    }
}
