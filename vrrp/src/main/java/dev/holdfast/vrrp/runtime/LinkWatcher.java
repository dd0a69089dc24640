package dev.holdfast.vrrp.runtime;

import dev.holdfast.vrrp.state.VrrpInstance;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * keepalived's interface tracking (vrrp_track.c {@code initialise_interface_tracking_priorities}): the instance
 * interface (unless {@code dont_track_primary}) and every {@code track_interface}, up meaning UP and RUNNING.
 * Polled, as keepalived's {@code linkbeat_use_polling} does; what a link state does to an instance (FAULT, or
 * a weight) is the {@link TrackerBoard}'s.
 */
final class LinkWatcher {
    private final Set<String> interfaces = new LinkedHashSet<>();
    private final TrackerBoard board;
    private final Predicate<String> running;

    LinkWatcher(TrackerBoard board) {
        this(board, LinkWatcher::running);
    }

    /** @param running whether an interface is UP and RUNNING (tests substitute their own links) */
    LinkWatcher(TrackerBoard board, Predicate<String> running) {
        this.board = board;
        this.running = running;
    }

    /** @param weight 0 for FAULT semantics, else -253..253 added to the priority as keepalived adds it */
    void watch(String interfaceName, int weight, boolean reverse, VrrpInstance instance) {
        interfaces.add(interfaceName);
        board.track(instance, tracker(interfaceName), weight, reverse);
    }

    /** Looks at every watched interface once; called from one thread only. */
    void poll() {
        for (String name : interfaces) {
            board.report(tracker(name), new TrackerBoard.Reading.Up(running.test(name)));
        }
    }

    private static String tracker(String interfaceName) {
        return "interface " + interfaceName;
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
