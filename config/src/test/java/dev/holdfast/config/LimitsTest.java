package dev.holdfast.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.config.diag.Diagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Include cycles, self-referencing parameters, a 20 MB file: each ends with a positioned message, not a hang. */
class LimitsTest {
    @TempDir
    Path dir;

    private LoadResult load(Path f) {
        return new ConfigLoader(Corpus.options()).load(f);
    }

    @Test
    void includeCycleIsReportedOnce() throws IOException {
        Files.writeString(dir.resolve("a.conf"), "global_defs {\n router_id A\n}\ninclude b.conf\n");
        Files.writeString(dir.resolve("b.conf"), "include a.conf\n");
        LoadResult r = load(dir.resolve("a.conf"));
        assertThat(r.diagnostics()).extracting(Diagnostic::message).anySatisfy(m -> assertThat(m)
                .contains("include cycle"));
        assertThat(r.config().globalDefs().routerId()).isEqualTo("A");
    }

    @Test
    void selfReferencingParameterStops() {
        LoadResult r = new ConfigLoader(Corpus.options()).loadText("t.conf",
                "$A=x ${A}\nglobal_defs {\n router_id ${A}\n}\n$B= \\\n$B\n$B\n".getBytes(StandardCharsets.UTF_8), dir);
        assertThat(r.diagnostics()).isNotEmpty().allSatisfy(d -> assertThat(d.position().line()).isPositive());
    }

    @Test
    void twentyMegabyteFile() throws IOException {
        StringBuilder sb = new StringBuilder(21 << 20);
        int i = 0;
        while (sb.length() < 20 << 20) {
            sb.append("virtual_server 10.").append((i >> 16) & 255).append('.').append((i >> 8) & 255).append('.')
                    .append(i & 255).append(" 80 {\n  protocol TCP\n  lvs_sched rr\n  lvs_method DR\n")
                    .append("  real_server 192.168.0.1 80 {\n    weight 1\n    TCP_CHECK {\n      connect_timeout 3\n")
                    .append("    }\n  }\n}\n");
            i++;
        }
        Path f = dir.resolve("big.conf");
        Files.writeString(f, sb);
        LoadResult r = load(f);
        assertThat(r.hasErrors()).isFalse();
        assertThat(r.config().virtualServers()).hasSizeGreaterThan(100_000);
    }

    @Test
    void missingMainFileCannotRun() {
        LoadResult r = load(dir.resolve("nope.conf"));
        assertThat(r.exitCode(false)).isEqualTo(LoadResult.EXIT_CANNOT_RUN);
        assertThat(r.diagnostics().get(0).toString()).endsWith("nope.conf:1:1: error: configuration file not found");
    }
}
