package dev.holdfast.vrrp.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.vrrp.state.Event;
import dev.holdfast.vrrp.state.VrrpInstance;
import dev.holdfast.vrrp.state.VrrpState;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Interface tracking with keepalived's weights, on made-up links (no root). */
class LinkWatcherTest {
    private final Set<String> up = new HashSet<>(Set.of("eth0", "eth1", "eth2"));
    private final LinkWatcher watcher = new LinkWatcher(new TrackerBoard(Runnable::run), up::contains);

    private static VrrpInstance instance(int priority) throws Exception {
        return TrackerBoardTest.instance("VI_1", priority);
    }

    @Test
    void unweightedInterfaceDownIsFaultAndUpIsBackup() throws Exception {
        VrrpInstance vi = instance(100);
        watcher.watch("eth0", 0, false, vi);
        watcher.poll();
        vi.handle(new Event.Start());
        assertThat(vi.state()).isEqualTo(VrrpState.BACKUP);
        up.remove("eth0");
        watcher.poll();
        assertThat(vi.state()).isEqualTo(VrrpState.FAULT);
        up.add("eth0");
        watcher.poll();
        assertThat(vi.state()).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void reverseUnweightedIsFaultWhileUp() throws Exception {
        VrrpInstance vi = instance(100);
        watcher.watch("eth1", 0, true, vi);
        watcher.poll();
        vi.handle(new Event.Start());
        assertThat(vi.state()).isEqualTo(VrrpState.FAULT);
    }

    @Test
    void positiveWeightCountsWhileUpNegativeWhileDownReverseNegates() throws Exception {
        VrrpInstance vi = instance(100);
        watcher.watch("eth1", 20, false, vi);
        watcher.watch("eth2", -30, false, vi);
        watcher.watch("eth3", -5, true, vi); // down, reversed: +5
        watcher.poll();
        assertThat(vi.effectivePriority()).isEqualTo(125);
        up.remove("eth1");
        up.remove("eth2");
        watcher.poll();
        assertThat(vi.effectivePriority()).isEqualTo(100 - 30 + 5);
        up.add("eth3");
        watcher.poll();
        assertThat(vi.effectivePriority()).isEqualTo(70);
    }

    @Test
    void theOwnerKeeps255() throws Exception {
        VrrpInstance vi = instance(255);
        watcher.watch("eth9", -50, false, vi);
        watcher.poll();
        assertThat(vi.effectivePriority()).isEqualTo(255);
    }
}
