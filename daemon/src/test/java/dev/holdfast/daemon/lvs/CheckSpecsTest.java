package dev.holdfast.daemon.lvs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.config.ConfigLoader;
import dev.holdfast.config.LoadOptions;
import dev.holdfast.config.LoadResult;
import dev.holdfast.healthcheck.spec.HttpGetSpec;
import dev.holdfast.healthcheck.spec.MiscCheckSpec;
import dev.holdfast.healthcheck.spec.RunAs;
import dev.holdfast.healthcheck.spec.TcpCheckSpec;
import dev.holdfast.healthcheck.spec.VirtualServerSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every configuration the front end accepts maps onto the health checker's input without being refused. */
class CheckSpecsTest {
    private static LoadResult load(Path f) throws IOException {
        return new ConfigLoader(new LoadOptions("x", Map.of(), 1, false, 1 << 24, Set.of("root"), null))
                .loadText(f.getFileName().toString(), Files.readAllBytes(f), f.getParent());
    }

    private static List<Path> corpus() throws IOException {
        String env = System.getenv("HOLDFAST_SHARED");
        Path root = (env != null ? Path.of(env) : Path.of("../../shared")).resolve("configs");
        try (Stream<Path> a = Files.list(root.resolve("seeds")); Stream<Path> b = Files.list(root.resolve("samples"))) {
            return Stream.concat(a, b).sorted().toList();
        }
    }

    @Test
    void everyCorpusConfigMaps() throws IOException {
        int servers = 0;
        for (Path f : corpus()) {
            LoadResult r = load(f);
            if (r.config() == null) {
                continue;
            }
            List<String> unsupported = new ArrayList<>();
            List<VirtualServerSpec> specs = CheckSpecs.of(r.config(), unsupported::add);
            assertThat(specs).as(f.toString()).hasSize(r.config().virtualServers().size());
            servers += specs.size();
        }
        assertThat(servers).isGreaterThan(20);
    }

    @Test
    void valuesMoveUnchanged() throws IOException {
        Path f = Files.createTempFile("hf", ".conf");
        Files.writeString(f, """
                virtual_server 10.0.0.1 80 {
                    delay_loop 4
                    lvs_sched wrr
                    lvs_method DR
                    protocol TCP
                    quorum 2
                    hysteresis 1
                    real_server 10.0.0.2 80 {
                        weight 3
                        inhibit_on_failure
                        HTTP_GET {
                            url {
                                path /health
                                status_code 200-204 503
                            }
                            connect_timeout 2.5
                            retry 4
                        }
                        TCP_CHECK {
                            connect_port 8080
                        }
                    }
                }
                """);
        VirtualServerSpec vs = CheckSpecs.of(load(f).config(), s -> { }).get(0);
        assertThat(vs.quorum()).isEqualTo(2);
        assertThat(vs.hysteresis()).isEqualTo(1);
        var rs = vs.realServers().get(0);
        assertThat(rs.weight()).isEqualTo(3);
        assertThat(rs.inhibitOnFailure()).isTrue();
        HttpGetSpec http = (HttpGetSpec) rs.checkers().get(0);
        assertThat(http.policy().retry()).isEqualTo(4);
        assertThat(http.policy().connectTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(http.policy().delayLoop()).isEqualTo(Duration.ofSeconds(4));
        assertThat(http.policy().delayBeforeRetry()).isEqualTo(Duration.ofSeconds(3));
        assertThat(http.urls().get(0).statusCodes().contains(204)).isTrue();
        assertThat(http.urls().get(0).statusCodes().contains(503)).isTrue();
        assertThat(http.urls().get(0).statusCodes().contains(205)).isFalse();
        TcpCheckSpec tcp = (TcpCheckSpec) rs.checkers().get(1);
        assertThat(tcp.connection().target().getPort()).isEqualTo(8080);
        assertThat(tcp.policy().retry()).isEqualTo(1);
        assertThat(tcp.policy().delayBeforeRetry()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void checkerKeywordsOfTheSocketScriptAndLogReachTheSpecs() throws IOException {
        Path f = Files.createTempFile("hf", ".conf");
        Files.writeString(f, """
                global_defs {
                    script_user nobody
                    enable_script_security
                }
                virtual_server 10.0.0.1 443 {
                    protocol TCP
                    real_server 10.0.0.2 443 {
                        SSL_GET {
                            url {
                                path /a
                                tls_compliant
                            }
                            url {
                                path /b
                            }
                            fwmark 7
                            bind_if eth9
                            log_all_failures
                        }
                        TCP_CHECK {
                            fwmark 0
                        }
                        MISC_CHECK {
                            misc_path /bin/true
                            user daemon adm
                        }
                        MISC_CHECK {
                            misc_path /bin/false
                        }
                        MISC_CHECK {
                            misc_path /no/such/check
                        }
                    }
                }
                """);
        List<String> messages = new ArrayList<>();
        var checkers = CheckSpecs.of(load(f).config(), messages::add).get(0).realServers().get(0).checkers();
        assertThat(checkers).hasSize(4);
        assertThat(messages).containsExactly("MISC_CHECK of real server 10.0.0.2:443 in virtual server 10.0.0.1:443 is "
                + "disabled: script '/no/such/check' not found (enable_script_security); the real server is judged "
                + "by its other checkers");
        HttpGetSpec ssl = (HttpGetSpec) checkers.get(0);
        assertThat(ssl.policy().logAllFailures()).isTrue();
        assertThat(ssl.connection().fwmark()).hasValue(7);
        assertThat(ssl.connection().bindInterface()).hasValue("eth9");
        assertThat(ssl.tls().orElseThrow().compliant()).isFalse();
        assertThat(ssl.tls().orElseThrow().compliant(ssl.urls().get(0))).isTrue();
        assertThat(ssl.tls().orElseThrow().compliant(ssl.urls().get(1))).isFalse();
        TcpCheckSpec tcp = (TcpCheckSpec) checkers.get(1);
        assertThat(tcp.connection().fwmark()).as("fwmark 0 is no mark").isEmpty();
        assertThat(tcp.policy().logAllFailures()).isFalse();
        assertThat(((MiscCheckSpec) checkers.get(2)).runAs()).hasValue(new RunAs("daemon", Optional.of("adm")));
        assertThat(((MiscCheckSpec) checkers.get(3)).runAs()).hasValue(new RunAs("nobody", Optional.empty()));
    }
}
