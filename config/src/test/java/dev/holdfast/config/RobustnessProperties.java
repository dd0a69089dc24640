package dev.holdfast.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.config.diag.Diagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * No input, however broken, makes the reader throw or lose a position: random token streams, truncated and
 * mutated corpus files, deep nesting, include cycles, huge files and invalid UTF-8.
 */
class RobustnessProperties {
    private static final Path TMP;
    private static final List<byte[]> CORPUS;

    static {
        try {
            TMP = Files.createTempDirectory("holdfast-fuzz");
            CORPUS = Corpus.files().stream().map(p -> {
                try {
                    return Files.readAllBytes(p);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static LoadResult read(byte[] bytes) {
        return new ConfigLoader(Corpus.options()).loadText("fuzz.conf", bytes, TMP);
    }

    static void wellFormed(LoadResult r) {
        for (Diagnostic d : r.diagnostics()) {
            assertThat(d.message()).doesNotContain("internal error");
            assertThat(d.position()).isNotNull();
            assertThat(d.position().line()).isPositive();
            assertThat(d.position().column()).isPositive();
            assertThat(d.position().file()).isNotEmpty();
        }
    }

    @Provide
    Arbitrary<String> token() {
        return Arbitraries.oneOf(
                Arbitraries.of("{", "}", "\n", "\n", " ", "\"", "'", "#", "!", "\\", "@main ", "@^main ", "$X=",
                        "$X", "${X}", "${_RANDOM 1}", "$Y= \\\n", "~SEQ(i,1,3) ", "~LST(a,1,2) ", "include ",
                        "includea *", "\u00a0", "\u3000", "\u201c", "\uff1a", "`", "\r\n", "\t"),
                Arbitraries.of("global_defs", "vrrp_instance", "virtual_server", "real_server", "HTTP_GET", "url",
                        "path", "vrrp_script", "track_script", "virtual_ipaddress", "state", "MASTER", "priority",
                        "virtual_router_id", "lvs_sched", "lb_kind", "TUN", "type", "gue", "port", "sorry_server",
                        "quorum", "hysteresis", "fwmark", "group", "virtual_server_group", "authentication",
                        "auth_type", "unicast_peer", "MISC_CHECK", "misc_path", "vrrp_sync_group", "track_file",
                        "persistence_timeout", "sh-port", "protocol", "TCP", "delay_loop", "status_code"),
                Arbitraries.of("1", "0", "-1", "255", "256", "99999999999999999999", "1.5", "10.0.0.1",
                        "10.0.0.1/24", "fe80::1", "::", "300.1.1.1", "80", "200-299", "eth0", "x"),
                Arbitraries.strings().ofMaxLength(6));
    }

    @Property(tries = 2000)
    void randomTokenStreams(@ForAll @Size(max = 200) List<@net.jqwik.api.From("token") String> tokens) {
        String text = String.join(" ", tokens);
        wellFormed(read(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Property(tries = 600)
    void truncatedCorpus(@ForAll @IntRange(min = 0, max = 58) int file, @ForAll @IntRange(min = 0, max = 100) int pct) {
        byte[] b = CORPUS.get(file % CORPUS.size());
        wellFormed(read(Arrays.copyOf(b, b.length * pct / 100)));
    }

    @Property(tries = 1500)
    void mutatedCorpus(@ForAll @IntRange(min = 0, max = 58) int file, @ForAll @Size(min = 1, max = 20)
            List<@IntRange(min = 0, max = 1_000_000) Integer> positions, @ForAll @Size(min = 1, max = 20) List<Byte> values) {
        byte[] b = CORPUS.get(file % CORPUS.size()).clone();
        if (b.length == 0) {
            return;
        }
        for (int i = 0; i < positions.size(); i++) {
            b[positions.get(i) % b.length] = values.get(i % values.size());
        }
        wellFormed(read(b));
    }

    @Property(tries = 300)
    void invalidUtf8(@ForAll @Size(max = 400) byte[] bytes) {
        wellFormed(read(bytes));
    }

    @Property(tries = 5)
    void deepNesting(@ForAll @IntRange(min = 9_000, max = 10_000) int depth) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            sb.append(i % 3 == 0 ? "virtual_server 10.0.0.1 80 {\n" : i % 3 == 1 ? "real_server 10.0.0.2 80 {\n"
                    : "x {\n");
        }
        sb.append("}\n".repeat(depth));
        sb.append("{".repeat(depth)).append("}".repeat(depth));
        wellFormed(read(sb.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
