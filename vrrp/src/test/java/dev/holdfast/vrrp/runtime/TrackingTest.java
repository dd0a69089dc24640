package dev.holdfast.vrrp.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Trackers and sync groups between two holdfast nodes in network namespaces (see {@link Lab}): a vrrp_script
 * whose weight drop hands the VIP to the other node and back, and a vrrp_sync_group whose two instances move
 * together when a group tracker fails. The scripts test for a file the test creates and removes. Needs root
 * (skips otherwise, fails under CI=true).
 */
@Execution(ExecutionMode.CONCURRENT)
class TrackingTest {
    /** Generous: a JVM start takes seconds on a loaded machine; the wait ends as soon as the condition holds. */
    private static final Duration START = Duration.ofSeconds(30);
    /** Script interval (1 s) plus B's master-down interval (3.61 s) plus margin for a loaded machine. */
    private static final Duration PREEMPT = Duration.ofMillis(1000 + 3610 + 2000);
    static final String VIP2 = "192.168.78.101";
    /** keepalived refuses scripts without script security; the scripts run as root. */
    static final String SCRIPT_SECURITY = "global_defs {\n  enable_script_security\n  script_user root\n}\n";

    @BeforeAll
    static void root() {
        Lab.requireRoot();
    }

    @Test
    void trackScriptWeightDropHandsTheVipToTheOtherNodeAndBack() throws Exception {
        try (Lab lab = new Lab("ts")) {
            Path down = lab.dir.resolve("down");
            String script = script(down, "  weight -60\n");
            Lab.Node a = lab.holdfast(lab.nsA, script + Lab.instance("VI_1", Lab.IF_A, 78, 150, Lab.VIP,
                    "  track_script {\n    chk\n  }\n"));
            Lab.await("A to start", START, () -> a.said("STARTED"), lab);
            Lab.Node b = lab.holdfast(lab.nsB, Lab.instance("VI_1", Lab.IF_B, 78, 100, Lab.VIP, ""));
            Lab.await("A to be master", START, () -> lab.hasVip(lab.nsA), lab);
            Lab.await("B in BACKUP", START, () -> b.said("STATE VI_1 INIT BACKUP"), lab);

            Files.writeString(down, "");
            Duration took = Lab.await("B to take over after A's script failed (150 - 60 < 100)", PREEMPT,
                    () -> lab.hasVip(lab.nsB) && !lab.hasVip(lab.nsA), lab);
            Lab.await("A to report BACKUP", Duration.ofSeconds(5), () -> a.said("STATE VI_1 MASTER BACKUP 90"), lab);
            System.out.println("track_script weight -60: B took over " + took.toMillis() + " ms after the file appeared");

            Files.delete(down);
            Lab.await("A to preempt again at 150", PREEMPT, () -> lab.hasVip(lab.nsA) && !lab.hasVip(lab.nsB), lab);
            Lab.await("A to report MASTER at 150", Duration.ofSeconds(5), () -> a.said("STATE VI_1 BACKUP MASTER 150"), lab);
        }
    }

    @Test
    void syncGroupMembersMoveTogether() throws Exception {
        try (Lab lab = new Lab("sg")) {
            Path down = lab.dir.resolve("down");
            String script = script(down, "");
            String group = "vrrp_sync_group G1 {\n  group {\n    VI_1\n    VI_2\n  }\n";
            String confA = script + group + "  track_script {\n    chk\n  }\n}\n"
                    + Lab.instance("VI_1", Lab.IF_A, 78, 150, Lab.VIP, "")
                    + Lab.instance("VI_2", Lab.IF_A, 79, 150, VIP2, "");
            String confB = group + "}\n" + Lab.instance("VI_1", Lab.IF_B, 78, 100, Lab.VIP, "")
                    + Lab.instance("VI_2", Lab.IF_B, 79, 100, VIP2, "");
            Lab.Node a = lab.holdfast(lab.nsA, confA);
            Lab.await("A to start", START, () -> a.said("STARTED"), lab);
            Lab.Node b = lab.holdfast(lab.nsB, confB);
            Lab.await("A to hold both VIPs", START, () -> lab.hasVip(lab.nsA) && lab.hasVip(lab.nsA, VIP2), lab);
            Lab.await("A's group MASTER", Duration.ofSeconds(5), () -> a.said("GROUP G1 INIT MASTER")
                    || a.said("GROUP G1 BACKUP MASTER"), lab);
            Lab.await("B's group BACKUP", START, () -> b.said("GROUP G1 INIT BACKUP"), lab);
            Thread.sleep(1500);
            assertThat(lab.hasVip(lab.nsB) || lab.hasVip(lab.nsB, VIP2)).as("no VIP on B\n" + lab.report()).isFalse();

            Files.writeString(down, "");
            Duration took = Lab.await("B to take both VIPs when A's group script fails", Duration.ofSeconds(4),
                    () -> lab.hasVip(lab.nsB) && lab.hasVip(lab.nsB, VIP2), lab);
            Lab.await("A's VIPs gone", Duration.ofSeconds(5), () -> !lab.hasVip(lab.nsA) && !lab.hasVip(lab.nsA, VIP2), lab);
            Lab.await("both A members FAULT, group FAULT", Duration.ofSeconds(5), () -> a.said("STATE VI_1 MASTER FAULT")
                    && a.said("STATE VI_2 MASTER FAULT") && a.said("GROUP G1 MASTER FAULT"), lab);
            Lab.await("B's group MASTER", Duration.ofSeconds(5), () -> b.said("GROUP G1 BACKUP MASTER"), lab);
            System.out.println("sync group: B took both VIPs " + took.toMillis() + " ms after the file appeared");

            Files.delete(down);
            Lab.await("A to take both back", PREEMPT, () -> lab.hasVip(lab.nsA) && lab.hasVip(lab.nsA, VIP2)
                    && !lab.hasVip(lab.nsB) && !lab.hasVip(lab.nsB, VIP2), lab);
            Lab.await("groups to follow", Duration.ofSeconds(5), () -> a.said("GROUP G1 FAULT BACKUP")
                    && b.said("GROUP G1 MASTER BACKUP"), lab);
        }
    }

    @Test
    void aMemberThatCannotHearTheOtherMastersWaitsForItsGroup() throws Exception {
        // only VI_2 has a peer on B; VI_1 on A alone would take over on its timer, but its group holds it back
        // until VI_2 (hearing B's adverts) wants MASTER too -- which never happens while B is master
        try (Lab lab = new Lab("sw")) {
            String group = "vrrp_sync_group G1 {\n  group {\n    VI_1\n    VI_2\n  }\n}\n";
            Lab.Node b = lab.holdfast(lab.nsB, Lab.instance("VI_2", Lab.IF_B, 79, 200, VIP2, ""));
            Lab.await("B to hold VI_2", START, () -> lab.hasVip(lab.nsB, VIP2), lab);
            Lab.Node a = lab.holdfast(lab.nsA, group + Lab.instance("VI_1", Lab.IF_A, 78, 150, Lab.VIP, "")
                    + Lab.instance("VI_2", Lab.IF_A, 79, 100, VIP2, ""));
            Lab.await("A to start", START, () -> a.said("STARTED"), lab);
            Thread.sleep(6000);
            assertThat(lab.hasVip(lab.nsA)).as("VI_1 waits for its group\n" + lab.report()).isFalse();
            assertThat(a.output()).doesNotContain("MASTER");
            b.signalStop();
            Lab.await("A's group to take over when B leaves", Duration.ofSeconds(6),
                    () -> lab.hasVip(lab.nsA) && lab.hasVip(lab.nsA, VIP2), lab);
        }
    }

    /** vrrp_script chk, run every second, that fails while {@code down} exists. */
    private static String script(Path down, String extra) {
        return SCRIPT_SECURITY + "vrrp_script chk {\n  script \"/usr/bin/test ! -e " + down + "\"\n  interval 1\n"
                + extra + "}\n";
    }
}
