package dev.holdfast.vrrp.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad adverts on a real wire: a holdfast MASTER (VRID 78, PASS, priority 150) in namespace A gets, from B,
 * higher-priority adverts (200) with TTL 254, with another VRID, and with the wrong password, sent by
 * {@code src/test/capture/send_adverts.py} (built without holdfast's encoder). Each one would take the
 * mastership away if it were accepted; all must be ignored and counted by kind, in the instance's snapshot
 * and (for the VRID nobody has) the socket's counts. Needs root (skips otherwise, fails under CI=true).
 */
class BadPacketTest {
    private static final int EACH = 20;

    @BeforeAll
    static void root() {
        Lab.requireRoot();
    }

    @Test
    void wrongTtlVridAndPasswordAreIgnoredAndCounted() throws Exception {
        try (Lab lab = new Lab("bp")) {
            Lab.Node a = lab.holdfast(lab.nsA, Lab.config(Lab.IF_A, 150, 2, true));
            Lab.await("A to be master", Duration.ofSeconds(30), () -> lab.hasVip(lab.nsA)
                    && a.said("STATE VI_1 BACKUP MASTER"), lab);
            send(lab, 78, "s3cretpw", 254);
            send(lab, 99, "s3cretpw", 255);
            send(lab, 78, "wrongpw!", 255);
            Thread.sleep(500);
            a.tell("snapshot");
            Lab.await("the snapshot", Duration.ofSeconds(5), () -> a.said("SNAPSHOT-END"), lab);
            String out = a.output();
            assertThat(out).as("still MASTER: none was obeyed\n" + out)
                    .contains("SNAPSHOT VI_1 state=MASTER base=150 effective=150")
                    .doesNotContain("MASTER BACKUP");
            assertThat(out).containsPattern("SNAPSHOT VI_1 .* received=0 transitions=2 errors=\\{.*BAD_TTL=" + EACH)
                    .containsPattern("SNAPSHOT VI_1 .*AUTH_FAILURE=" + EACH)
                    .containsPattern("REJECTS \\{.*UNKNOWN_VRID=" + EACH);
            System.out.println(out.lines().filter(l -> l.startsWith("SNAPSHOT") || l.startsWith("REJECTS"))
                    .reduce("", (x, y) -> x + y + "\n"));
        }
    }

    private static void send(Lab lab, int vrid, String password, int ttl) throws Exception {
        String script = Path.of("src/test/capture/send_adverts.py").toAbsolutePath().toString();
        Lab.run("ip", "netns", "exec", lab.nsB, "python3", script, Lab.IF_B, "192.168.78.2", String.valueOf(vrid),
                "200", Lab.VIP, password, String.valueOf(ttl), String.valueOf(EACH));
    }
}
