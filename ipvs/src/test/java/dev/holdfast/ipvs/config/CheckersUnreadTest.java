package dev.holdfast.ipvs.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.config.ConfigLoader;
import dev.holdfast.config.LoadOptions;
import dev.holdfast.config.LoadResult;
import dev.holdfast.config.diag.Severity;
import dev.holdfast.ipvs.IpvsTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code holdfast ipvs apply} skips the checker blocks unread: the table it programs must be the one the whole
 * configuration gives, for every file of the shared corpus and for the ways a checker block can be written.
 */
class CheckersUnreadTest {
    private static final LoadOptions OPTIONS = new LoadOptions("testhost", Map.of("HOME", "/root"), 42, false,
            64L * 1024 * 1024, Set.of("root", "nobody", "daemon", "www-data"), null);

    private static LoadResult load(LoadOptions options, String name, byte[] text, Path dir) {
        return new ConfigLoader(options).loadText(name, text, dir);
    }

    private static void sameTable(String name, byte[] text, Path dir) {
        LoadResult all = load(OPTIONS, name, text, dir);
        LoadResult unread = load(OPTIONS.withoutCheckers(), name, text, dir);
        if (all.config() == null) {
            return;
        }
        assertThat(unread.config()).as(name).isNotNull();
        IpvsTable expected = ConfiguredTable.allUp(all.config());
        assertThat(ConfiguredTable.allUp(unread.config())).as(name).isEqualTo(expected);
        assertThat(unread.config().virtualServers()).as(name)
                .allSatisfy(vs -> assertThat(vs.realServers()).allSatisfy(rs -> assertThat(rs.checkers()).isEmpty()));
        // skipping never adds an error: what it reports, the whole reading reported too
        assertThat(unread.diagnostics().stream().filter(d -> d.severity() != Severity.WARNING).map(Object::toString).toList()).as(name)
                .isSubsetOf(all.diagnostics().stream().map(Object::toString).toList());
    }

    @Test
    void everyCorpusFileGivesTheSameTable() throws IOException {
        Path configs = shared().resolve("configs");
        List<Path> files;
        try (Stream<Path> s = Stream.concat(Files.list(configs.resolve("seeds")), Files.list(configs.resolve("samples")))) {
            files = s.filter(f -> !f.getFileName().toString().equals("README.md")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(20);
        for (Path f : files) {
            sameTable(f.getFileName().toString(), Files.readAllBytes(f), f.getParent());
        }
    }

    @Test
    void bracesOnTheirOwnLinesQuotedBracesOneLineBlocksAndAForgottenBrace() {
        String conf = """
                virtual_server 10.0.0.1 80 {
                    lvs_sched wrr
                    lvs_method NAT
                    protocol TCP
                    real_server 10.0.1.1 80 {
                        weight 3
                        HTTP_GET
                        {
                            url {
                                path "/a{b}"
                                regex "x{2,}"
                                status_code 200
                            }
                            connect_timeout 3
                        }
                        TCP_CHECK { connect_timeout 2 } weight 5
                    }
                    real_server 10.0.1.2 80 {
                        weight 2
                        MISC_CHECK {
                            misc_path "/bin/true"
                    }
                virtual_server 10.0.0.2 80 {
                    real_server 10.0.1.3 80 {
                        weight 7
                        SMTP_CHECK {
                            host { connect_ip 10.0.1.3 }
                        }
                    }
                }
                """;
        sameTable("t.conf", conf.getBytes(StandardCharsets.UTF_8), Path.of("."));
        LoadResult unread = load(OPTIONS.withoutCheckers(), "t.conf", conf.getBytes(StandardCharsets.UTF_8),
                Path.of("."));
        assertThat(unread.config().virtualServers()).hasSize(2);
        assertThat(unread.config().virtualServers().get(0).realServers()).extracting(rs -> rs.weight())
                .containsExactly(5L, 2L);
        assertThat(unread.config().virtualServers().get(1).realServers()).extracting(rs -> rs.weight())
                .containsExactly(7L);
    }

    @Test
    void definitionsCommentsAndAForgottenBraceBeforeABlockOnItsOwnLine() {
        String conf = """
                virtual_server 10.0.0.1 80 {
                    real_server 10.0.1.1 80 {
                        weight 3
                        HTTP_GET {
                            # a comment
                            ! another

                            url {
                                path /health   # trailing comment
                                status_code 200
                            }
                            $W=9
                            connect_timeout 3
                        }
                    }
                    real_server 10.0.1.2 80 {
                        weight $W
                        TCP_CHECK {
                            connect_timeout 3
                            retry 2
                    }
                virtual_server 10.0.0.3 80
                {
                    real_server 10.0.1.3 80 {
                        weight 4
                    }
                }
                """;
        sameTable("t.conf", conf.getBytes(StandardCharsets.UTF_8), Path.of("."));
        LoadResult unread = load(OPTIONS.withoutCheckers(), "t.conf", conf.getBytes(StandardCharsets.UTF_8),
                Path.of("."));
        assertThat(unread.config().virtualServers()).hasSize(2);
        assertThat(unread.config().virtualServers().get(0).realServers()).extracting(rs -> rs.weight())
                .containsExactly(3L, 9L);
        assertThat(unread.config().virtualServers().get(1).realServers()).extracting(rs -> rs.weight())
                .containsExactly(4L);
    }

    @Test
    void nestedBlocksOpenedAndClosedOnOneLineAndTheLastBraceFollowedByMore() {
        String conf = """
                virtual_server 10.0.0.1 80 {
                    lvs_sched wrr
                    protocol TCP
                    real_server 10.0.1.1 80 {
                        weight 3
                        HTTP_GET {
                            url { path /a status_code 200 }
                            url{
                                path /b
                            }url {
                                path /c }
                            {
                            }
                            connect_timeout 3 } weight 6
                    }
                    real_server 10.0.1.2 80 {
                        HTTP_GET {
                            url {
                                path /d
                        } }
                        weight 8
                    }
                    real_server 10.0.1.3 80 {
                        SSL_GET {
                            url {
                                path /e
                            }
                    virtual_server 10.0.0.2 80 {
                        real_server 10.0.1.4 80 {
                            weight 2
                        }
                    }
                """;
        sameTable("t.conf", conf.getBytes(StandardCharsets.UTF_8), Path.of("."));
        LoadResult unread = load(OPTIONS.withoutCheckers(), "t.conf", conf.getBytes(StandardCharsets.UTF_8),
                Path.of("."));
        assertThat(unread.config().virtualServers()).hasSize(2);
        assertThat(unread.config().virtualServers().get(0).realServers()).extracting(rs -> rs.weight())
                .containsExactly(6L, 8L, 1L);
        assertThat(unread.config().virtualServers().get(1).realServers()).extracting(rs -> rs.weight())
                .containsExactly(2L);
    }

    private static Path shared() {
        String env = System.getenv("HOLDFAST_SHARED");
        Path p = env != null ? Path.of(env) : Path.of("../../shared");
        return Files.isDirectory(p.resolve("configs")) ? p : Path.of("../../shared");
    }
}
