package dev.holdfast.vrrp.runtime;

import dev.holdfast.vrrp.state.Event;
import dev.holdfast.vrrp.state.VrrpInstance;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Predicate;

/**
 * keepalived's interface tracking (vrrp_track.c {@code initialise_interface_tracking_priorities}). Without a
 * weight an instance is FAULT while its own interface (unless {@code dont_track_primary}) or a
 * {@code track_interface} is down (not UP and RUNNING, or gone), or up for a {@code reverse} one. With a
 * weight, a positive one is added while the interface is up and a negative one while it is down, negated by
 * {@code reverse}. Polled, as keepalived's {@code linkbeat_use_polling} does; changes go to the instances as
 * {@link Event.TrackerDown} / {@link Event.TrackerUp} / {@link Event.WeightsChanged} on their own thread.
 */
final class LinkWatcher {
    private record Watch(String interfaceName, int weight, boolean reverse, VrrpInstance instance) {
        String tracker() {
            return "interface " + interfaceName + (reverse ? " (reverse)" : "");
        }
    }

    private final List<Watch> watches = new ArrayList<>();
    private final Map<Watch, Boolean> down = new HashMap<>();
    private final Map<VrrpInstance, Integer> weightSums = new IdentityHashMap<>();
    private final Executor instanceThread;
    private final Predicate<String> running;

    LinkWatcher(Executor instanceThread) {
        this(instanceThread, LinkWatcher::running);
    }

    /** @param running whether an interface is UP and RUNNING (tests substitute their own links) */
    LinkWatcher(Executor instanceThread, Predicate<String> running) {
        this.instanceThread = instanceThread;
        this.running = running;
    }

    /** @param weight 0 for FAULT semantics, else -253..253 added to the priority as keepalived adds it */
    void watch(String interfaceName, int weight, boolean reverse, VrrpInstance instance) {
        watches.add(new Watch(interfaceName, weight, reverse, instance));
    }

    /** Looks at every watched interface once; called from one thread only. */
    void poll() {
        Map<String, Boolean> up = new HashMap<>();
        Map<VrrpInstance, Integer> sums = new IdentityHashMap<>();
        for (Watch w : watches) {
            boolean isUp = up.computeIfAbsent(w.interfaceName(), running::test);
            if (w.weight() != 0) {
                int multiplier = w.reverse() ? -1 : 1;
                int contribution = isUp ? (w.weight() > 0 ? w.weight() * multiplier : 0)
                        : (w.weight() < 0 ? w.weight() * multiplier : 0);
                sums.merge(w.instance(), contribution, Integer::sum);
                continue;
            }
            boolean isDown = w.reverse() == isUp;
            Boolean was = down.put(w, isDown);
            if (was == null ? isDown : was != isDown) {
                send(w.instance(), isDown ? new Event.TrackerDown(w.tracker()) : new Event.TrackerUp(w.tracker()));
            }
        }
        for (Map.Entry<VrrpInstance, Integer> e : sums.entrySet()) {
            int sum = e.getValue();
            Integer was = weightSums.put(e.getKey(), sum);
            if (was == null ? sum != 0 : was != sum) {
                send(e.getKey(), new Event.WeightsChanged(sum));
            }
        }
    }

    private void send(VrrpInstance instance, Event event) {
        try {
            instanceThread.execute(() -> instance.handle(event));
        } catch (RejectedExecutionException stopping) {
            // the service is stopping
        }
    }

    static boolean exists(String interfaceName) {
        try {
            return NetworkInterface.getByName(interfaceName) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    static boolean running(String interfaceName) {
        try {
            NetworkInterface nif = NetworkInterface.getByName(interfaceName);
            // isUp() is IFF_UP and IFF_RUNNING: administratively up with a carrier
            return nif != null && nif.isUp();
        } catch (SocketException e) {
            return false;
        }
    }
}
