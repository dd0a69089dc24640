package dev.holdfast.vrrp.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Two holdfast nodes in network namespaces (see {@link Lab}), the cases {@link FailoverTest} leaves to
 * keepalived interop: a crash (SIGKILL) over unicast, nopreempt and preempt_delay. advert_int 1, priorities
 * 150 (A) and 100 (B). Needs root (skips otherwise, fails under CI=true).
 */
@Execution(ExecutionMode.CONCURRENT)
class HoldfastPairTest {
    /** Generous: a JVM start takes seconds on a loaded machine; the wait ends as soon as the condition holds. */
    private static final Duration START = Duration.ofSeconds(30);

    @BeforeAll
    static void root() {
        Lab.requireRoot();
    }

    @Test
    void unicastPairFailsOverWhenTheMasterIsKilled() throws Exception {
        try (Lab lab = new Lab("hu")) {
            Lab.Node a = lab.holdfast(lab.nsA, Lab.config(Lab.IF_A, 150, 2, null, true));
            Lab.await("A to start", START, () -> a.said("STARTED"), lab);
            Lab.Node b = lab.holdfast(lab.nsB, Lab.config(Lab.IF_B, 100, 2, null, true));
            Lab.await("A to be master", START, () -> lab.hasVip(lab.nsA), lab);
            Lab.await("B in BACKUP", START, () -> b.said("STATE VI_1 INIT BACKUP"), lab);
            Thread.sleep(1500);
            assertThat(lab.hasVip(lab.nsB)).as("VIP on the master only\n" + lab.report()).isFalse();
            long killedAt = System.nanoTime(); // kill() waits for the process to be reaped: time from here
            a.kill();
            Lab.await("B to take over on its master-down timer", Duration.ofMillis(3610 + 1500),
                    () -> lab.hasVip(lab.nsB), lab);
            Duration took = Duration.ofNanos(System.nanoTime() - killedAt);
            assertThat(took).as("a crash is noticed by the master-down timer").isGreaterThan(Duration.ofMillis(2500));
            System.out.println("holdfast/holdfast unicast: takeover " + took.toMillis() + " ms after SIGKILL");
        }
    }

    @Test
    void nopreemptLeavesTheLiveMasterAlone() throws Exception {
        try (Lab lab = new Lab("np")) {
            Lab.Node b = masterB(lab);
            Lab.Node a = backupA(lab, "  nopreempt\n");
            Thread.sleep(6000);
            assertThat(lab.hasVip(lab.nsA)).as("A does not preempt\n" + lab.report()).isFalse();
            assertThat(lab.hasVip(lab.nsB)).isTrue();
            assertThat(a.output()).doesNotContain("MASTER");
            // but it does take over when the master leaves
            b.signalStop();
            Lab.await("A to take over when B stops", Duration.ofSeconds(3), () -> lab.hasVip(lab.nsA), lab);
        }
    }

    @Test
    void preemptDelayHoldsTheTakeoverBack() throws Exception {
        try (Lab lab = new Lab("pd")) {
            masterB(lab);
            backupA(lab, "  preempt_delay 4\n");
            long backupAt = System.nanoTime();
            // preempt_delay 4, then a lower-priority advert (<= 1 s), then the master-down interval (3.41 s)
            Lab.await("A to preempt after its delay", Duration.ofMillis(4000 + 1000 + 3410 + 2000),
                    () -> lab.hasVip(lab.nsA) && !lab.hasVip(lab.nsB), lab);
            Duration took = Duration.ofNanos(System.nanoTime() - backupAt);
            assertThat(took).as("not before preempt_delay").isGreaterThan(Duration.ofMillis(4000));
            System.out.println("preempt_delay 4: A preempted " + took.toMillis() + " ms after entering BACKUP");
        }
    }

    /** B (priority 100) alone, so it becomes MASTER. */
    private static Lab.Node masterB(Lab lab) throws Exception {
        Lab.Node b = lab.holdfast(lab.nsB, Lab.instance("VI_1", Lab.IF_B, 78, 100, Lab.VIP, ""));
        Lab.await("B alone to be master", START, () -> lab.hasVip(lab.nsB), lab);
        return b;
    }

    /** A (priority 150, with {@code extra}) joins the live master B and starts in BACKUP. */
    private static Lab.Node backupA(Lab lab, String extra) throws Exception {
        Lab.Node a = lab.holdfast(lab.nsA, Lab.instance("VI_1", Lab.IF_A, 78, 150, Lab.VIP, extra));
        Lab.await("A in BACKUP", START, () -> a.said("STATE VI_1 INIT BACKUP"), lab);
        return a;
    }
}
