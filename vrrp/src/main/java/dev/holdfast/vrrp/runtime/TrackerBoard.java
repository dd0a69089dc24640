package dev.holdfast.vrrp.runtime;

import dev.holdfast.vrrp.state.Event;
import dev.holdfast.vrrp.state.VrrpInstance;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * What every tracker (track_interface, track_script, track_file, track_process) currently says, turned into
 * each instance's faults and weight sum as keepalived computes them (vrrp_track.c), and handed to the instances
 * as {@link Event.TrackerDown} / {@link Event.TrackerUp} / {@link Event.WeightsChanged} on their own thread.
 * A vrrp_sync_group member is also down while another member has a fault of its own, so the whole group goes
 * FAULT together and comes back together. Thread-safe: trackers report from their own threads.
 */
final class TrackerBoard {

    /** A tracker's last reading. */
    sealed interface Reading {
        /** Interfaces, scripts and processes: up or down. */
        record Up(boolean up) implements Reading {
        }

        /** track_file: the number in the file. */
        record Value(long value) implements Reading {
        }
    }

    /** What one tracker does to one instance: a fault, a weight, or nothing. */
    record Effect(boolean fault, int weight) {
        static final Effect NONE = new Effect(false, 0);
    }

    /** How one instance uses one tracker: its weight (0: FAULT semantics) and reverse flag. */
    record Use(VrrpInstance instance, String tracker, int weight, boolean reverse) {
        /** How the instance names it: the tracker, and whether it is reversed. */
        String key() {
            return tracker + (reverse ? " (reverse)" : "") + (weight != 0 ? " weight " + weight : "");
        }

        /** keepalived's rules; a tracker that has not reported yet does nothing. */
        Effect effect(Reading reading) {
            if (reading instanceof Reading.Up u) {
                if (weight == 0) {
                    return new Effect(reverse == u.up(), 0);
                }
                // a positive weight counts while up, a negative one while down; reverse negates it
                int multiplier = reverse ? -1 : 1;
                int w = u.up() ? (weight > 0 ? weight * multiplier : 0) : (weight < 0 ? weight * multiplier : 0);
                return new Effect(false, w);
            }
            if (reading instanceof Reading.Value v) {
                if (weight == 0) {
                    return new Effect(reverse ? v.value() == 0 : v.value() != 0, 0);
                }
                long w = v.value() * weight * (reverse ? -1 : 1);
                // keepalived: a file result below -253 is a fault rather than a priority
                return w < -253 ? new Effect(true, 0) : new Effect(false, (int) Math.min(w, 253));
            }
            return Effect.NONE;
        }
    }

    private final Executor instanceThread;
    private final Map<String, List<Use>> usesByTracker = new HashMap<>();
    private final Map<String, Reading> readings = new HashMap<>();
    private final Map<VrrpInstance, Map<String, Effect>> effects = new IdentityHashMap<>();
    private final Map<VrrpInstance, List<VrrpInstance>> syncPeers = new IdentityHashMap<>();
    private final Map<VrrpInstance, Set<String>> sentFaults = new IdentityHashMap<>();
    private final Map<VrrpInstance, Integer> sentWeights = new IdentityHashMap<>();
    private final Set<VrrpInstance> waitingToStart = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

    TrackerBoard(Executor instanceThread) {
        this.instanceThread = instanceThread;
    }

    /** Registers a use; a tracker named twice for one instance counts once per naming, as keepalived's lists. */
    synchronized void track(VrrpInstance instance, String tracker, int weight, boolean reverse) {
        Use use = new Use(instance, tracker, weight, reverse);
        usesByTracker.computeIfAbsent(tracker, k -> new ArrayList<>()).add(use);
        effects.computeIfAbsent(instance, k -> new LinkedHashMap<>());
    }

    /** Declares a vrrp_sync_group: each member also goes down for the other members' own faults. */
    synchronized void syncGroup(List<VrrpInstance> members) {
        for (VrrpInstance m : members) {
            List<VrrpInstance> others = new ArrayList<>(members);
            others.remove(m);
            syncPeers.put(m, others);
            effects.computeIfAbsent(m, k -> new LinkedHashMap<>());
        }
    }

    /** The trackers an instance uses, each once. */
    synchronized Set<String> trackers() {
        return new TreeSet<>(usesByTracker.keySet());
    }

    /** A tracker's new reading; instances whose faults or weights change hear of it. */
    synchronized void report(String tracker, Reading reading) {
        List<Use> uses = usesByTracker.get(tracker);
        if (uses == null || reading.equals(readings.put(tracker, reading))) {
            return;
        }
        Set<VrrpInstance> touched = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Use use : uses) {
            effects.get(use.instance()).put(use.key(), use.effect(reading));
            touched.add(use.instance());
        }
        for (VrrpInstance changed : touched) {
            publish(changed);
            for (VrrpInstance peer : syncPeers.getOrDefault(changed, List.of())) {
                publish(peer);
            }
        }
        List<VrrpInstance> ready = waitingToStart.stream().filter(this::ready).toList();
        for (VrrpInstance i : ready) {
            waitingToStart.remove(i);
            send(i, new Event.Start());
        }
    }

    /**
     * Starts the instances, each once every unweighted vrrp_script it (or its sync group) tracks has a first
     * result: keepalived keeps an instance in INIT while such a script is initialising ({@code num_script_init}),
     * so it starts in FAULT rather than taking over before its script has said anything.
     */
    synchronized void startWhenReady(List<VrrpInstance> instances) {
        for (VrrpInstance i : instances) {
            if (ready(i)) {
                send(i, new Event.Start());
            } else {
                waitingToStart.add(i);
            }
        }
    }

    private boolean ready(VrrpInstance instance) {
        List<VrrpInstance> group = new ArrayList<>(syncPeers.getOrDefault(instance, List.of()));
        group.add(instance);
        for (List<Use> uses : usesByTracker.values()) {
            for (Use u : uses) {
                if (u.weight() == 0 && group.contains(u.instance()) && u.tracker().startsWith("script ")
                        && !readings.containsKey(u.tracker())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The tracker names currently making {@code instance} faulty (its own, and its sync group's). */
    synchronized Set<String> faults(VrrpInstance instance) {
        Set<String> faults = ownFaults(instance);
        for (VrrpInstance peer : syncPeers.getOrDefault(instance, List.of())) {
            for (String f : ownFaults(peer)) {
                faults.add(peer.config().name() + ": " + f);
            }
        }
        return faults;
    }

    private Set<String> ownFaults(VrrpInstance instance) {
        Set<String> faults = new TreeSet<>();
        effects.getOrDefault(instance, Map.of()).forEach((tracker, e) -> {
            if (e.fault()) {
                faults.add(tracker);
            }
        });
        return faults;
    }

    private void publish(VrrpInstance instance) {
        Set<String> now = faults(instance);
        Set<String> before = sentFaults.getOrDefault(instance, Set.of());
        for (String f : now) {
            if (!before.contains(f)) {
                send(instance, new Event.TrackerDown(f));
            }
        }
        for (String f : before) {
            if (!now.contains(f)) {
                send(instance, new Event.TrackerUp(f));
            }
        }
        sentFaults.put(instance, now);
        int sum = effects.getOrDefault(instance, Map.of()).values().stream().mapToInt(Effect::weight).sum();
        Integer was = sentWeights.put(instance, sum);
        if (was == null ? sum != 0 : was != sum) {
            send(instance, new Event.WeightsChanged(sum));
        }
    }

    private void send(VrrpInstance instance, Event event) {
        try {
            instanceThread.execute(() -> instance.handle(event));
        } catch (RejectedExecutionException stopping) {
            // the service is stopping
        }
    }
}
