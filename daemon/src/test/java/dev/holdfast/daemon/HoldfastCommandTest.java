package dev.holdfast.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as an operator uses it: config test exit codes, JSON dump, plan, version. */
class HoldfastCommandTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = HoldfastCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path conf(String text) throws IOException {
        Path f = dir.resolve("keepalived.conf");
        Files.writeString(f, text);
        return f;
    }

    private static final String GOOD = """
            virtual_server 10.0.0.1 80 {
                lvs_sched wrr
                lvs_method DR
                protocol TCP
                real_server 10.0.0.2 80 {
                    weight 3
                    TCP_CHECK {
                        connect_timeout 2
                    }
                }
            }
            """;

    @Test
    void validConfigExitsZeroWithoutOutput() throws IOException {
        Run r = run("-t", "-f", conf(GOOD).toString());
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
    }

    @Test
    void errorsExitFiveWithPositions() throws IOException {
        Run r = run("-t", "-f", conf(GOOD.replace("weight 3", "wieght 3")).toString());
        assertThat(r.code()).isEqualTo(5);
        assertThat(r.err()).contains("keepalived.conf:6:9: error: unknown keyword 'wieght' in real_server; "
                + "did you mean 'weight'?").contains("1 error, 0 warnings");
    }

    @Test
    void missingFileCannotRun() {
        Run r = run("-t", "-f", dir.resolve("missing.conf").toString());
        assertThat(r.code()).isEqualTo(4);
        assertThat(r.err()).contains("missing.conf:1:1: error: configuration file not found");
    }

    @Test
    void strictTurnsWarningsIntoFailure() throws IOException {
        Path f = conf(GOOD.replace("lvs_sched", "lb_algo"));
        assertThat(run("-t", "-f", f.toString()).code()).isZero();
        assertThat(run("-t", "--strict", "-f", f.toString()).code()).isEqualTo(5);
    }

    @Test
    void scriptsWithoutScriptSecurityExitSix() throws IOException {
        Run r = run("-t", "-f", conf(GOOD.replace("TCP_CHECK {", "MISC_CHECK {\n misc_path /bin/true")
                .replace("connect_timeout 2", "")).toString());
        assertThat(r.code()).isEqualTo(6);
    }

    @Test
    void dumpIsJsonWithDefaultsFilledIn() throws IOException {
        Run r = run("-d", "-f", conf(GOOD).toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("\"virtual_servers\"", "\"lvs_sched\" : \"wrr\"", "\"delay_loop\" : 60",
                "\"retry\" : 1", "\"delay_before_retry\" : 1", "\"connect_timeout\" : 2", "\"weight\" : 3");
    }

    @Test
    void planSpeaksTheOperatorsLanguage() throws IOException {
        Run r = run("plan", "-f", conf(GOOD).toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("IPVS TCP 10.0.0.1:80: scheduler wrr, DR", "real server 10.0.0.2:80 weight 3",
                "TCP_CHECK 10.0.0.2:80 timeout 2s every 60s, 1 retries 1s apart");
    }

    @Test
    void versionAndHelp() {
        assertThat(run("--version").out()).startsWith("holdfast ");
        Run help = run("--help");
        assertThat(help.out()).contains("--config-test", "--dump-conf", "--use-file", "--config-id", "--all-config");
        Run bad = run("--no-such-option");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--no-such-option");
    }
}
