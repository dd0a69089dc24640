package dev.holdfast.vrrp.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Split brain: A (150) and B (100) joined through a bridge ({@link Lab#cut}); cutting the link makes both
 * MASTER, restoring it must leave exactly one master within 3 x advert_int, and the loser (B) must send no
 * gratuitous ARP afterwards -- not its delayed garp_master_delay burst, not a garp_master_refresh one. ARP
 * frames are watched on B's bridge port with an AF_PACKET socket. Needs root (skips otherwise, fails under
 * CI=true).
 */
@Execution(ExecutionMode.CONCURRENT)
class SplitBrainTest {
    /** Generous: a JVM start takes seconds on a loaded machine; the wait ends as soon as the condition holds. */
    private static final Duration START = Duration.ofSeconds(30);
    private static final Duration THREE_ADVERTS = Duration.ofSeconds(3);
    /** garp_master_delay 3 and garp_master_refresh 2: a loser that forgot its timers would ARP within these. */
    private static final String GARP = "  garp_master_delay 3\n  garp_master_refresh 2\n";

    @BeforeAll
    static void root() {
        Lab.requireRoot();
    }

    @Test
    void holdfastPair() throws Exception {
        splitAndHeal("sbh", false);
    }

    @Test
    void keepalivedWinsHoldfastLoses() throws Exception {
        assumeTrue(Lab.hasKeepalived() || "true".equalsIgnoreCase(System.getenv("CI")),
                "skipped: keepalived is not installed");
        splitAndHeal("sbk", true);
    }

    private static void splitAndHeal(String tag, boolean keepalivedA) throws Exception {
        try (Lab lab = new Lab(tag, true)) {
            Lab.Node arp = lab.watchArp(Lab.PORT_B);
            Lab.await("the ARP watcher", Duration.ofSeconds(10), () -> arp.said("WATCHING"), lab);
            String confA = Lab.instance("VI_1", Lab.IF_A, 78, 150, Lab.VIP, GARP);
            Lab.Node a = keepalivedA ? lab.keepalived(lab.nsA, confA) : lab.holdfast(lab.nsA, confA);
            Lab.Node b = lab.holdfast(lab.nsB, Lab.instance("VI_1", Lab.IF_B, 78, 100, Lab.VIP, GARP));
            Lab.await("A to be master", START, () -> lab.hasVip(lab.nsA), lab);
            Lab.await("B in BACKUP", START, () -> b.said("STATE VI_1 INIT BACKUP"), lab);
            Thread.sleep(1000);
            assertThat(lab.hasVip(lab.nsB)).isFalse();

            lab.cut(true);
            Lab.await("both MASTER while cut", Duration.ofSeconds(10), () -> lab.hasVip(lab.nsA) && lab.hasVip(lab.nsB), lab);
            Thread.sleep(2500);
            String macB = lab.mac(lab.nsB);
            assertThat(garpsFrom(arp.output(), macB, 0)).as("B's gratuitous ARPs are seen while cut (B is " + macB + ")\n" + arp.output()).isNotEmpty();

            long restored = System.nanoTime();
            lab.cut(false);
            Duration healed = Lab.await("exactly one master after the link is back", THREE_ADVERTS,
                    () -> lab.hasVip(lab.nsA) != lab.hasVip(lab.nsB), lab);
            double oneMasterAt = System.currentTimeMillis() / 1000.0;
            assertThat(lab.hasVip(lab.nsA)).as("the higher priority wins").isTrue();
            Lab.await("B to report BACKUP", Duration.ofSeconds(5), () -> b.said("STATE VI_1 MASTER BACKUP"), lab);
            Thread.sleep(5000);
            assertThat(lab.hasVip(lab.nsB)).isFalse();
            assertThat(garpsFrom(arp.output(), macB, oneMasterAt))
                    .as("no gratuitous ARP from the loser after it stepped down\n" + arp.output()).isEmpty();
            System.out.println((keepalivedA ? "keepalived A / holdfast B" : "holdfast pair")
                    + ": one master " + healed.toMillis() + " ms after the link was restored");
        }
    }

    /** ARP lines sent by {@code mac} for the VIP after {@code after} (epoch seconds). */
    private static List<String> garpsFrom(String watcherOutput, String mac, double after) {
        return watcherOutput.lines().filter(l -> l.startsWith("ARP ")).filter(l -> {
            String[] f = l.split(" ");
            return f[2].equalsIgnoreCase(mac) && f[3].equals(Lab.VIP) && Double.parseDouble(f[1]) > after;
        }).toList();
    }
}
