package dev.holdfast.daemon.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdfast.daemon.lvs.Drain;
import dev.holdfast.daemon.lvs.KernelWriter;
import dev.holdfast.healthcheck.checker.CheckResult;
import dev.holdfast.healthcheck.lvs.Notification;
import dev.holdfast.healthcheck.lvs.VirtualServerStatus;
import dev.holdfast.healthcheck.spec.Protocol;
import dev.holdfast.healthcheck.spec.ServiceAddress;
import dev.holdfast.ipvs.Destination;
import dev.holdfast.ipvs.Forwarding;
import dev.holdfast.ipvs.Service;
import dev.holdfast.ipvs.ServiceKey;
import dev.holdfast.ipvs.Stats;
import dev.holdfast.ipvs.kernel.DestinationStatus;
import dev.holdfast.ipvs.kernel.ServiceStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The metrics and status rendered from a hand-made snapshot; the text is linted by the real promtool. */
class MetricsTest {
    private static final Instant T = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    void everyFamilyIsThereWithTheSnapshotsValues() throws IOException {
        Snapshot s = StatusSample.snapshot();
        Metrics m = new Metrics(() -> s, "1.0-test", true);
        m.reconciled(KernelWriter.KernelListener.Cause.CHANGE, 3, 1, Duration.ofMillis(2));
        m.reloaded(false);
        String text = m.scrape();
        assertThat(text)
                .contains("holdfast_real_server_up{virtual_server=\"[10.0.1.100]:tcp:80\",real_server=\"10.0.2.11:80\",} 1.0")
                .contains("holdfast_real_server_up{virtual_server=\"[10.0.1.100]:tcp:80\",real_server=\"[2001:db8::12]:80\",} 0.0")
                .contains("holdfast_check_failures_total{virtual_server=\"[10.0.1.100]:tcp:80\",real_server=\"[2001:db8::12]:80\",checker=\"TCP_CHECK\",target=\"[2001:db8::12]:tcp:80\",} 4.0")
                .contains("holdfast_check_failures_by_reason_total{checker=\"TCP_CHECK\",reason=\"refused\",} 3.0")
                .contains("holdfast_check_failures_by_reason_total{checker=\"TCP_CHECK\",reason=\"timeout\",} 1.0")
                .contains("holdfast_check_duration_seconds_total{checker=\"TCP_CHECK\",} 3.012")
                .contains("holdfast_check_results_total{checker=\"HTTP_GET\",} 12.0")
                .contains("holdfast_ipvs_operations_total{cause=\"change\",} 3.0")
                .contains("holdfast_ipvs_operation_errors_total{cause=\"change\",} 1.0")
                .contains("holdfast_reloads_total{result=\"failed\",} 1.0")
                .contains("holdfast_ipvs_destination_out_bytes_total{service=\"TCP 10.0.1.100:80\",destination=\"10.0.2.11:80\",} 40000.0")
                .contains("holdfast_ipvs_destination_draining{service=\"TCP 10.0.1.100:80\",destination=\"10.0.2.11:80\",} 1.0")
                .contains("holdfast_vrrp_state{instance=\"VI_1\",interface=\"eth0\",vrid=\"51\",state=\"MASTER\",} 1.0")
                .contains("holdfast_vrrp_effective_priority{instance=\"VI_1\",interface=\"eth0\",vrid=\"51\",} 140.0")
                .contains("holdfast_vrrp_packets_rejected_total{reason=\"wrong_vrid\",} 7.0")
                .contains("holdfast_config_last_reload_successful 0.0")
                .contains("holdfast_vrrp_adverts_sent_total{instance=\"VI_1\",interface=\"eth0\",vrid=\"51\",} 1200.0")
                .contains("holdfast_vrrp_adverts_refused_total{instance=\"VI_1\",interface=\"eth0\",vrid=\"51\",reason=\"auth_failure\",} 4.0")
                .contains("keepalived_vrrp_auth_failure{name=\"VI_1\",intf=\"eth0\",vrid=\"51\",state=\"MASTER\",} 4.0")
                .contains("keepalived_vrrp_state{name=\"VI_1\",intf=\"eth0\",vrid=\"51\",} 2.0")
                .contains("keepalived_lvs_rs_conn{vip=\"10.0.1.100:80\",addr=\"10.0.2.11:80\",proto=\"6\",} 10.0");
        assertThat(new Metrics(() -> s, "1.0-test", false).scrape()).doesNotContain("keepalived_");
    }

    @Test
    void promtoolAcceptsTheOutput() throws Exception {
        Path promtool = Path.of("/usr/bin/promtool");
        if (!Files.isExecutable(promtool)) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true needs promtool (scripts/install-deps installs the prometheus package)");
            }
            assumeTrue(false, "skipped: no promtool (scripts/install-deps installs it)");
        }
        Snapshot s = StatusSample.snapshot();
        for (boolean keepalivedNames : new boolean[] {false, true}) {
            String text = new Metrics(() -> s, "1.0-test", keepalivedNames).scrape();
            Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
            p.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as("promtool check metrics said:\n" + out).isZero();
            assertThat(out).as("promtool lint").isBlank();
        }
    }

    @Test
    void theListenerServesMetricsAndStatusReadOnly() throws Exception {
        Snapshot s = StatusSample.snapshot();
        Metrics m = new Metrics(() -> s, "1.0-test", false);
        try (StatusServer server = StatusServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                m::scrape, () -> StatusJson.write(s, "1.0-test"))) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.address().getPort();
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(v ->
                    assertThat(v).startsWith("text/plain; version=0.0.4"));
            assertThat(metrics.body()).contains("holdfast_real_server_up");
            HttpResponse<String> status = http.send(HttpRequest.newBuilder(URI.create(base + "/status")).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode json = StatusJson.read(status.body());
            assertThat(json.at("/virtual_servers/0/real_servers/1/state").asText()).isEqualTo("DOWN");
            assertThat(json.at("/virtual_servers/0/real_servers/1/checkers/0/reason").asText())
                    .isEqualTo("connect: connection refused");
            assertThat(json.at("/ipvs/0/destinations/0/draining_until").asText()).isEqualTo("2026-11-23T12:05:00Z");
            assertThat(json.at("/vrrp_instances/0/state").asText()).isEqualTo("MASTER");
            assertThat(json.at("/config/last_reload_error").asText()).contains("unknown keyword");
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
            HttpResponse<String> other = http.send(HttpRequest.newBuilder(URI.create(base + "/nope")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(other.statusCode()).isEqualTo(404);
        }
    }

    @Test
    void realServerTransitionsAreCountedButNotTheOmegaAtShutdown() throws IOException {
        Snapshot s = StatusSample.snapshot();
        Metrics m = new Metrics(() -> s, "1.0-test", false);
        ServiceAddress vs = s.virtualServers().get(0).service();
        InetAddress rs = InetAddress.getByName("10.0.2.11");
        m.notified(new Notification.RealServerChanged(vs, rs, 80, false, "timeout", false));
        m.notified(new Notification.RealServerChanged(vs, rs, 80, false, "", true));
        assertThat(m.scrape()).contains("holdfast_real_server_transitions_total{virtual_server=\"[10.0.1.100]:tcp:80\","
                + "real_server=\"10.0.2.11:80\",to=\"down\",} 1.0");
    }

    @Test
    void dumpsNameEveryObject() throws IOException {
        Snapshot s = StatusSample.snapshot();
        assertThat(StateDump.data(s, "1.0")).contains("VRRP Instance = VI_1", "State = MASTER",
                "VS = [10.0.1.100]:tcp:80", "RS = [2001:db8::12]:80 DOWN", "last: connect: connection refused",
                "Last reload rejected");
        assertThat(StateDump.stats(s, "1.0")).contains("Reloads: 2 applied, 1 rejected", "Became MASTER: 1",
                "wrong_vrid: 7", "-> 10.0.2.11:80: 10 conns (2 active, 1 inactive)");
    }
}
