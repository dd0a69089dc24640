package dev.holdfast.vrrp.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Misconfigured pairs behave as two keepalived nodes do: a wrong password, and a different advert_int
 * (VRRPv2 drops such adverts, so both nodes become MASTER; a VRRPv3 backup adopts the master's interval, so
 * one master). Each case runs three pairs side by side, each in its own namespaces: keepalived/keepalived
 * (the reference), holdfast/keepalived and keepalived/holdfast, and their outcomes (which nodes hold the VIP)
 * must be equal. A holdfast node that refuses the other's adverts counts them under the reason. Needs root and
 * keepalived (skips otherwise, fails under CI=true).
 */
@Execution(ExecutionMode.CONCURRENT)
class MismatchTest {
    /** Generous: a JVM start takes seconds on a loaded machine; the wait ends as soon as the condition holds. */
    private static final Duration START = Duration.ofSeconds(30);
    /** Longer than the lower node's master-down interval with the longest advert_int used (3 x 2 s + skew). */
    private static final long SETTLE_MILLIS = 8000;

    @BeforeAll
    static void root() {
        Lab.requireRootAndKeepalived();
    }

    @Test
    void v2WrongPasswordBothMaster() throws Exception {
        String outcome = sameOutcome("pw", conf(Lab.IF_A, 150, 2, 1, "right123"), conf(Lab.IF_B, 100, 2, 1, "wrong456"),
                "AUTH_FAILURE");
        assertThat(outcome).isEqualTo("A=MASTER B=MASTER");
    }

    @Test
    void v2AdvertIntervalMismatchBothMaster() throws Exception {
        String outcome = sameOutcome("i2", conf(Lab.IF_A, 150, 2, 1, null), conf(Lab.IF_B, 100, 2, 2, null),
                "INTERVAL_MISMATCH");
        assertThat(outcome).isEqualTo("A=MASTER B=MASTER");
    }

    @Test
    void v3AdvertIntervalMismatchOneMaster() throws Exception {
        String outcome = sameOutcome("i3", conf(Lab.IF_A, 150, 3, 1, null), conf(Lab.IF_B, 100, 3, 2, null), null);
        assertThat(outcome).isEqualTo("A=MASTER B=-");
    }

    private static String conf(String iface, int priority, int version, int advertInt, String password) {
        return "global_defs {\n  router_id hfv_" + iface + "\n}\n"
                + "vrrp_instance VI_1 {\n  state BACKUP\n  interface " + iface + "\n  virtual_router_id 78\n"
                + "  priority " + priority + "\n  advert_int " + advertInt + "\n  version " + version + "\n"
                + (password != null ? "  authentication {\n    auth_type PASS\n    auth_pass " + password + "\n  }\n" : "")
                + "  virtual_ipaddress {\n    " + Lab.VIP + "/24\n  }\n}\n";
    }

    /**
     * Runs the three pairs at once and returns the reference outcome after checking the others match it.
     *
     * @param holdfastCounts the reject kind a holdfast node must have counted, or null
     */
    private static String sameOutcome(String tag, String confA, String confB, String holdfastCounts) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<String>> runs = new ArrayList<>();
            runs.add(pool.submit(pair(tag + "kk", confA, confB, false, false, null)));
            runs.add(pool.submit(pair(tag + "hk", confA, confB, true, false, holdfastCounts)));
            runs.add(pool.submit(pair(tag + "kh", confA, confB, false, true, holdfastCounts)));
            String reference = runs.get(0).get();
            assertThat(runs.get(1).get()).as("holdfast A, keepalived B").isEqualTo(reference);
            assertThat(runs.get(2).get()).as("keepalived A, holdfast B").isEqualTo(reference);
            System.out.println(tag + ": keepalived pair and both mixed pairs: " + reference);
            return reference;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Callable<String> pair(String tag, String confA, String confB, boolean holdfastA, boolean holdfastB,
                                         String holdfastCounts) {
        return () -> {
            try (Lab lab = new Lab(tag)) {
                Lab.Node a = holdfastA ? lab.holdfast(lab.nsA, confA) : lab.keepalived(lab.nsA, confA);
                if (holdfastA) {
                    Lab.await("holdfast A to start", START, () -> a.said("STARTED"), lab);
                }
                Lab.Node b = holdfastB ? lab.holdfast(lab.nsB, confB) : lab.keepalived(lab.nsB, confB);
                if (holdfastB) {
                    Lab.await("holdfast B to start", START, () -> b.said("STARTED"), lab);
                }
                Lab.await("A to take the VIP", START, () -> lab.hasVip(lab.nsA), lab);
                Thread.sleep(SETTLE_MILLIS);
                String outcome = "A=" + (lab.hasVip(lab.nsA) ? "MASTER" : "-") + " B="
                        + (lab.hasVip(lab.nsB) ? "MASTER" : "-");
                if (holdfastCounts != null) {
                    Lab.Node h = holdfastA ? a : b;
                    h.tell("snapshot");
                    Lab.await("the snapshot", Duration.ofSeconds(5), () -> h.said("SNAPSHOT-END"), lab);
                    assertThat(h.output()).as("holdfast counted the refused adverts\n" + lab.report())
                            .containsPattern("errors=\\{[^}]*" + holdfastCounts + "=[1-9]");
                }
                return outcome;
            }
        };
    }
}
