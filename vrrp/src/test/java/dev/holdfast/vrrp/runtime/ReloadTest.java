package dev.holdfast.vrrp.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link VrrpService#reload}: a holdfast master (A, priority 150) next to keepalived 2.2.7 (B, priority 100) in
 * network namespaces (see {@link Lab}) reloads a configuration that renames VI_1, lowers its priority to 140 and
 * drops VI_2 and adds VI_3. keepalived's rules: VI_1 is matched by VRID/interface/family/
 * multicast, not by name, so it stays MASTER (B never takes over, its VIP never leaves A, no notify); VI_2 stops as
 * at shutdown (priority 0: B takes over at once); VI_3 starts from scratch. Needs root (skips otherwise, fails under
 * CI=true). A second reload then swaps one of VI_1's VIPs: only that one leaves.
 */
class ReloadTest {
    private static final Duration START = Duration.ofSeconds(30);
    private static final String VIP2 = "192.168.78.101";
    private static final String VIP_ADDED = "192.168.78.102";
    private static final String VIP3 = "192.168.78.103";
    private static final String VIP_DROPPED = "192.168.78.104";
    /** {@link Lab#instance}'s VIP slot takes one address; this puts a second one after it. */
    private static final String AND = "/24\n    ";

    @BeforeAll
    static void root() {
        Lab.requireRootAndKeepalived();
    }

    @Test
    void aMatchedMasterKeepsItsStateAndVipsAcrossAReload() throws Exception {
        try (Lab lab = new Lab("rl")) {
            String before = "global_defs {\n  router_id hfa\n}\n"
                    + Lab.instance("VI_1", Lab.IF_A, 78, 150, Lab.VIP + AND + VIP_DROPPED, "")
                    + Lab.instance("VI_2", Lab.IF_A, 79, 150, VIP2, "");
            Lab.Node a = lab.holdfast(lab.nsA, before);
            Lab.await("A master of both", START, () -> a.said("STATE VI_1 BACKUP MASTER")
                    && a.said("STATE VI_2 BACKUP MASTER"), lab);
            Lab.Node b = lab.keepalived(lab.nsB, "global_defs {\n  router_id hfb\n}\n"
                    + Lab.instance("VI_1", Lab.IF_B, 78, 100, Lab.VIP + AND + VIP_DROPPED, "")
                    + Lab.instance("VI_2", Lab.IF_B, 79, 100, VIP2, ""));
            Lab.await("keepalived in BACKUP", START, () -> b.said("(VI_2) Entering BACKUP STATE")
                    && b.said("(VI_1) Entering BACKUP STATE"), lab);

            String vi3 = Lab.instance("VI_3", Lab.IF_A, 80, 150, VIP3, "");
            Path after = lab.dir.resolve("after.conf");
            Files.writeString(after, "global_defs {\n  router_id hfa\n}\n"
                    + Lab.instance("VI_WEB", Lab.IF_A, 78, 140, Lab.VIP + AND + VIP_DROPPED, "") + vi3);
            // keepalived drops adverts whose VIP list differs from its own, so the VIP change is a second reload
            // made after B has stopped
            Path swapped = lab.dir.resolve("swapped.conf");
            Files.writeString(swapped, "global_defs {\n  router_id hfa\n}\n"
                    + Lab.instance("VI_WEB", Lab.IF_A, 78, 140, Lab.VIP + AND + VIP_ADDED, "") + vi3);
            AtomicInteger vipMissing = new AtomicInteger();
            AtomicInteger looks = new AtomicInteger();
            Thread watcher = new Thread(() -> {
                long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (System.nanoTime() < until) {
                    looks.incrementAndGet();
                    if (!lab.hasVip(lab.nsA)) {
                        vipMissing.incrementAndGet();
                    }
                }
            });
            watcher.start();
            a.tell("reload " + after);
            Lab.await("the reload", START, () -> a.said("RELOADED") || a.said("RELOAD-FAILED"), lab);
            assertThat(a.output()).as(lab.report()).contains("RELOADED").contains("KEPT VI_WEB MASTER 140");
            Lab.await("B to take VI_2 over after A's priority-0 advert", Duration.ofSeconds(3),
                    () -> lab.hasVip(lab.nsB, VIP2), lab);
            Lab.await("VI_3 master on A", Duration.ofSeconds(10), () -> a.said("STATE VI_3 BACKUP MASTER"), lab);
            assertThat(b.output()).as("B never takes VI_1 over: A's adverts did not stop long enough")
                    .doesNotContain("(VI_1) Entering MASTER STATE");
            b.signalStop();
            b.awaitExit();
            a.tell("reload " + swapped);
            Lab.await("the second reload", START, () -> a.output().split("RELOADED", -1).length == 3, lab);
            Lab.await("the added VIP on A, the dropped one gone", Duration.ofSeconds(3),
                    () -> lab.hasVip(lab.nsA, VIP_ADDED) && !lab.hasVip(lab.nsA, VIP_DROPPED), lab);
            watcher.join();

            String out = a.output();
            assertThat(vipMissing.get()).as("VI_1's VIP left A during the reload (" + looks.get() + " looks)\n"
                    + lab.report()).isZero();
            assertThat(out).as("no transition (no notify) for the kept instance")
                    .doesNotContain("STATE VI_WEB").doesNotContain("STATE VI_1 MASTER");
            assertThat(out).as("the dropped instance stops as at shutdown").contains("STATE VI_2 MASTER STOP");
            assertThat(lab.hasVip(lab.nsA, VIP2)).isFalse();
            System.out.println("reload kept VI_1 as MASTER: its VIP seen on A in " + looks.get() + " of "
                    + looks.get() + " looks over 10 s and two reloads; keepalived stayed BACKUP; VI_2 handed over");
        }
    }
}
