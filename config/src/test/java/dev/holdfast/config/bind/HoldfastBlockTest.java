package dev.holdfast.config.bind;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.config.ConfigLoader;
import dev.holdfast.config.LoadOptions;
import dev.holdfast.config.LoadResult;
import dev.holdfast.config.model.HoldfastSettings;
import dev.holdfast.config.model.Seconds;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The holdfast { } block: read as @holdfast lines (which keepalived skips) or bare. */
class HoldfastBlockTest {
    private static LoadResult load(String text) {
        return new ConfigLoader(LoadOptions.defaults()).loadText("k.conf", text.getBytes(StandardCharsets.UTF_8),
                Path.of("."));
    }

    @Test
    void atHoldfastLinesAreReadByHoldfast() {
        LoadResult r = load("""
                global_defs {
                    router_id lb1
                }
                @holdfast holdfast {
                @holdfast     drain_timeout 120
                @holdfast     drift_check 10
                @holdfast     listen 0.0.0.0:9650
                @holdfast     keepalived_metric_names
                @holdfast }
                @^holdfast global_defs {
                @^holdfast     router_id only_for_keepalived
                @^holdfast }
                """);
        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.config().holdfast()).isEqualTo(new HoldfastSettings(Seconds.of(120), Seconds.of(10),
                "0.0.0.0:9650", true));
        assertThat(r.config().globalDefs().routerId()).as("@^holdfast lines are for keepalived only")
                .isEqualTo("lb1");
    }

    @Test
    void aBareBlockIsReadToo() {
        LoadResult r = load("holdfast {\n    drain_timeout 30\n}\n");
        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.config().holdfast()).isEqualTo(new HoldfastSettings(Seconds.of(30), null, null, null));
    }

    @Test
    void withoutTheBlockNothingIsSet() {
        assertThat(load("global_defs {\n}\n").config().holdfast()).isEqualTo(HoldfastSettings.NONE);
    }

    @Test
    void aMisspelledSettingIsNamedWithItsLine() {
        LoadResult r = load("holdfast {\n    drain_timout 30\n}\n");
        assertThat(r.diagnostics()).hasSize(1);
        assertThat(r.diagnostics().get(0).toString()).contains("k.conf:2").contains("drain_timeout");
    }

    /** The same file through the real keepalived 2.2.7: the @holdfast lines draw no remark at all. */
    @Test
    void keepalivedSkipsTheAtHoldfastLines(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        boolean have = new java.io.File("/usr/sbin/keepalived").canExecute();
        org.junit.jupiter.api.Assumptions.assumeTrue(have || ci, "skipped: keepalived is not installed");
        Path conf = dir.resolve("keepalived.conf");
        java.nio.file.Files.writeString(conf, """
                global_defs {
                    router_id lb1
                }
                @holdfast holdfast {
                @holdfast     drain_timeout 120
                @holdfast }
                virtual_server 10.0.0.1 80 {
                    lvs_sched rr
                    lvs_method NAT
                    protocol TCP
                    real_server 10.0.0.2 80 {
                        TCP_CHECK {
                            connect_timeout 3
                        }
                    }
                }
                """);
        Process p = new ProcessBuilder("keepalived", "-t", "-l", "-f", conf.toString()).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).doesNotContain("holdfast").doesNotContain("Unknown keyword");
        assertThat(load(java.nio.file.Files.readString(conf)).config().holdfast().drainTimeout())
                .isEqualTo(Seconds.of(120));
    }
}
