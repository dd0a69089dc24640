package dev.holdfast.vrrp.runtime;

import dev.holdfast.vrrp.state.Event;
import dev.holdfast.vrrp.state.VrrpInstance;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * keepalived's interface tracking without weights: an instance is FAULT while its own interface (unless
 * {@code dont_track_primary}) or an unweighted {@code track_interface} is down (not UP and RUNNING, or gone),
 * or up for a {@code reverse} one. Polled, as keepalived's {@code linkbeat_use_polling} does; changes go to
 * the instances as {@link Event.TrackerDown} / {@link Event.TrackerUp} on their own thread.
 */
final class LinkWatcher {
    private record Watch(String interfaceName, boolean reverse, VrrpInstance instance) {
        String tracker() {
            return "interface " + interfaceName + (reverse ? " (reverse)" : "");
        }
    }

    private final List<Watch> watches = new ArrayList<>();
    private final Map<Watch, Boolean> down = new HashMap<>();
    private final Executor instanceThread;

    LinkWatcher(Executor instanceThread) {
        this.instanceThread = instanceThread;
    }

    void watch(String interfaceName, boolean reverse, VrrpInstance instance) {
        watches.add(new Watch(interfaceName, reverse, instance));
    }

    /** Looks at every watched interface once; called from one thread only. */
    void poll() {
        Map<String, Boolean> running = new HashMap<>();
        for (Watch w : watches) {
            boolean up = running.computeIfAbsent(w.interfaceName(), LinkWatcher::running);
            boolean isDown = w.reverse() == up;
            Boolean was = down.put(w, isDown);
            if (was == null ? isDown : was != isDown) {
                Event e = isDown ? new Event.TrackerDown(w.tracker()) : new Event.TrackerUp(w.tracker());
                try {
                    instanceThread.execute(() -> w.instance().handle(e));
                } catch (RejectedExecutionException stopping) {
                    return;
                }
            }
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
