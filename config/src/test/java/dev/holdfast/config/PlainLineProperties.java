package dev.holdfast.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.config.diag.Diagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * The preprocessor reads plain lines (ASCII, no quote, backslash or backquote before the comment) without the
 * copy-paste repair and the decommenter. A file that needs repair anywhere (here: one CRLF line end at its end)
 * goes through both for every line, so the two readings of the same lines must agree on the model and on every
 * diagnostic but the CRLF warning.
 */
class PlainLineProperties {
    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("holdfast-plain");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Provide
    Arbitrary<String> word() {
        return Arbitraries.oneOf(
                Arbitraries.of("{", "}", "\n", "\n", "\n", " ", "  ", "\t", "#", "!", "# c", "! c", "\"", "\"a b\"",
                        "\\", "\\#", "`", "\u00e9", "\u00a0", "\u201c", "$X=", "$X", "${X}", "$Y= \\\n", "@main ",
                        "@^main ", "~SEQ(i,1,2) ", "include ", "includea *"),
                Arbitraries.of("global_defs", "router_id", "virtual_server", "real_server", "weight", "HTTP_GET",
                        "url", "path", "status_code", "connect_timeout", "delay_loop", "lvs_sched", "wrr",
                        "lvs_method", "DR", "protocol", "TCP", "vrrp_instance", "state", "MASTER", "interface"),
                Arbitraries.of("1", "0", "3", "0.5", "x", "10.0.0.1", "80", "200", "/health", "eth0"));
    }

    @Property(tries = 1500)
    void plainAndRepairedReadingsAgree(@ForAll @Size(max = 120) List<@net.jqwik.api.From("word") String> words) {
        String text = String.join(" ", words);
        LoadResult plain = read(text);
        LoadResult repaired = read(text + "\n#\r\n");
        List<Diagnostic> repairedDiags = repaired.diagnostics().stream()
                .filter(d -> !d.message().startsWith("Windows line endings")).toList();
        assertThat(repairedDiags).isEqualTo(plain.diagnostics());
        assertThat(Corpus.model(repaired)).isEqualTo(Corpus.model(plain));
    }

    private static LoadResult read(String text) {
        return new ConfigLoader(Corpus.options()).loadText("plain.conf", text.getBytes(StandardCharsets.UTF_8), DIR);
    }
}
