package dev.holdfast.healthcheck.lvs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.healthcheck.spec.CheckPolicy;
import dev.holdfast.healthcheck.spec.Connection;
import dev.holdfast.healthcheck.spec.ForwardingMethod;
import dev.holdfast.healthcheck.spec.Protocol;
import dev.holdfast.healthcheck.spec.RealServerSpec;
import dev.holdfast.healthcheck.spec.ServiceAddress;
import dev.holdfast.healthcheck.spec.TcpCheckSpec;
import dev.holdfast.healthcheck.spec.VirtualServerSpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * keepalived's doc/samples/keepalived.conf.quorum: ten servers of weight 1, alpha, omega, quorum 7,
 * hysteresis 2 — the quorum comes at 9 live servers and goes only below 5.
 */
class QuorumSampleTest {
    /** The sample's real servers (address, port, weight), as in the file. */
    private static final List<String[]> SERVERS = List.of(
            new String[] {"10.0.0.1", "8080", "1"}, new String[] {"10.0.0.2", "8080", "1"},
            new String[] {"10.0.0.3", "8080", "1"}, new String[] {"10.0.0.4", "8080", "1"},
            new String[] {"10.0.0.5", "8080", "1"}, new String[] {"10.0.0.6", "8080", "1"},
            new String[] {"10.0.0.7", "8080", "1"}, new String[] {"10.0.0.8", "8080", "1"},
            new String[] {"10.0.0.9", "8080", "1"}, new String[] {"10.0.0.10", "8080", "1"});

    private final Pool pool = new Pool();
    private final List<TcpCheckSpec> checks = new ArrayList<>();

    private VirtualServerSpec sample() {
        List<RealServerSpec> servers = new ArrayList<>();
        for (String[] s : SERVERS) {
            // TCP_CHECK { connect_port 80 connect_timeout 3 }, delay_loop 6 from the VS, alpha from the VS
            TcpCheckSpec check = new TcpCheckSpec(new CheckPolicy(1, Duration.ofSeconds(1), Duration.ofSeconds(6),
                    Duration.ZERO, true, Duration.ofSeconds(3)), Connection.to(new InetSocketAddress(Pool.ip(s[0]), 80)));
            checks.add(check);
            servers.add(new RealServerSpec(Pool.ip(s[0]), Integer.parseInt(s[1]), Long.parseLong(s[2]),
                    ForwardingMethod.NAT, false, 0, 0, List.of(check)));
        }
        return new VirtualServerSpec(new ServiceAddress.Endpoint(Pool.ip("10.0.1.1"), 80, Protocol.TCP), 7, 2, true,
                false, false, Optional.empty(), servers);
    }

    @Test
    void theEmbeddedServersMatchTheSampleFile() throws IOException {
        String shared = System.getenv().getOrDefault("HOLDFAST_SHARED", "/work/shared");
        Path file = Path.of(shared, "configs/samples/keepalived.conf.quorum");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(file), "sample not available at " + file);
        Matcher m = Pattern.compile("real_server\\s+(\\S+)\\s+(\\d+)\\s*\\{\\s*weight\\s+(\\d+)")
                .matcher(Files.readString(file));
        List<String> inFile = new ArrayList<>();
        while (m.find()) {
            inFile.add(m.group(1) + " " + m.group(2) + " " + m.group(3));
        }
        assertThat(inFile).containsExactlyElementsOf(SERVERS.stream().map(s -> String.join(" ", s)).toList());
    }

    @Test
    void quorumComesAtNineLiveServersAndGoesBelowFive() {
        VirtualServer vs = pool.build(sample());
        vs.start();
        // alpha: nobody is in the pool, quorum starts down, and without sorry server nothing is reported
        assertThat(vs.quorumUp()).isFalse();
        assertThat(pool.output.lastDestinations().destinations()).isEmpty();
        assertThat(pool.output.notifications()).isEmpty();
        pool.firstChecks();
        // every alpha first failure still runs the server's notify_down (keepalived update_svr_checker_state)
        assertThat(pool.output.fifoLines()).hasSize(10).allMatch(l -> l.endsWith(" [10.0.1.1]:tcp:80 DOWN"));
        pool.output.clear();

        for (int up = 1; up <= 10; up++) {
            pool.probe(checks.get(up - 1)).pass();
            pool.cycle();
            assertThat(vs.liveWeight()).isEqualTo(up);
            assertThat(vs.quorumUp()).as("quorum with %d live servers", up).isEqualTo(up >= 9);
        }
        assertThat(pool.output.fifoLines()).filteredOn(l -> l.startsWith("VS"))
                .containsExactly("VS [10.0.1.1]:tcp:80 UP");
        assertThat(pool.output.notifications()).filteredOn(Notification.QuorumChanged.class::isInstance)
                .extracting(n -> ((Notification.QuorumChanged) n).message())
                .containsExactly("=> Gained quorum 7+2=9 <= 9 <=");
        pool.output.clear();

        for (int down = 10; down >= 1; down--) {
            pool.probe(checks.get(down - 1)).fail();
            pool.failThroughRetries();
            int live = down - 1;
            assertThat(vs.liveWeight()).isEqualTo(live);
            assertThat(vs.quorumUp()).as("quorum with %d live servers", live).isEqualTo(live >= 5);
        }
        assertThat(pool.output.fifoLines()).filteredOn(l -> l.startsWith("VS"))
                .containsExactly("VS [10.0.1.1]:tcp:80 DOWN");
    }

    @Test
    void poolSizeChangingBetweenSevenAndSixDoesNotFlap() {
        VirtualServer vs = pool.build(sample());
        vs.start();
        checks.forEach(c -> pool.probe(c).pass());
        pool.firstChecks();
        assertThat(vs.quorumUp()).isTrue();
        for (int i = 0; i < 3; i++) {
            pool.probe(checks.get(9 - i)).fail();
        }
        pool.failThroughRetries();
        assertThat(vs.liveWeight()).isEqualTo(7);
        pool.output.clear();
        for (int flap = 0; flap < 3; flap++) {
            pool.probe(checks.get(6)).fail();
            pool.failThroughRetries();
            assertThat(vs.liveWeight()).isEqualTo(6);
            pool.probe(checks.get(6)).pass();
            pool.cycle();
            assertThat(vs.liveWeight()).isEqualTo(7);
        }
        assertThat(vs.quorumUp()).isTrue();
        assertThat(pool.output.fifoLines()).noneMatch(l -> l.startsWith("VS"));
    }

    @Test
    void omegaReportsQuorumDownAndEveryLiveServerAtShutdown() {
        VirtualServer vs = pool.build(sample());
        vs.start();
        checks.forEach(c -> pool.probe(c).pass());
        pool.firstChecks();
        pool.probe(checks.get(0)).fail();
        pool.failThroughRetries();
        pool.output.clear();

        vs.stop();

        assertThat(pool.output.events.get(0)).isEqualTo(new DesiredDestinations(vs.service(), false, List.of()));
        assertThat(pool.output.fifoLines()).hasSize(10).last().isEqualTo("VS [10.0.1.1]:tcp:80 DOWN");
        assertThat(pool.output.fifoLines()).contains("RS [10.0.0.2]:tcp:8080 [10.0.1.1]:tcp:80 DOWN")
                .doesNotContain("RS [10.0.0.1]:tcp:8080 [10.0.1.1]:tcp:80 DOWN");
        assertThat(pool.output.notifications()).allMatch(n -> n instanceof Notification.RealServerChanged r
                ? r.stopping() : ((Notification.QuorumChanged) n).stopping());
        long checksBefore = checks.stream().mapToLong(c -> pool.probe(c).calls().size()).sum();
        pool.cycle();
        assertThat(checks.stream().mapToLong(c -> pool.probe(c).calls().size()).sum()).isEqualTo(checksBefore);
    }
}
