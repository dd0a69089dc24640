package dev.holdfast.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Reading on two threads (large inputs) gives exactly what reading on one gives: the same model and the same
 * diagnostics, including which ones are kept past the limit.
 */
class ReadAheadTest {
    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("holdfast-readahead");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sameEitherWay(byte[] text) {
        LoadResult one = new ConfigLoader(Corpus.options()).loadText("a.conf", text, DIR, false);
        LoadResult two = new ConfigLoader(Corpus.options()).loadText("a.conf", text, DIR, true);
        assertThat(two.diagnostics()).isEqualTo(one.diagnostics());
        assertThat(Corpus.model(two)).isEqualTo(Corpus.model(one));
        assertThat(two.files()).isEqualTo(one.files());
    }

    @Test
    void everyCorpusFile() throws IOException {
        for (Path p : Corpus.files()) {
            sameEitherWay(Files.readAllBytes(p));
        }
    }

    @Property(tries = 300)
    void mutatedCorpus(@ForAll @IntRange(min = 0, max = 58) int file, @ForAll @IntRange(min = 0, max = 1_000_000)
            int at, @ForAll byte value) throws IOException {
        List<Path> files = Corpus.files();
        byte[] b = Files.readAllBytes(files.get(file % files.size()));
        if (b.length > 0) {
            b[at % b.length] = value;
        }
        sameEitherWay(b);
    }

    @Test
    void manyVirtualServersWithErrorsPastTheDiagnosticLimit() {
        StringBuilder sb = new StringBuilder("global_defs {\n  router_id x\n}\n");
        for (int i = 0; i < 5000; i++) {
            sb.append("virtual_server 10.0.").append(i / 250).append('.').append(i % 250 + 1).append(" 80 {\n")
                    .append("  lvs_sched wrr\n  lvs_method DR\n  protocol TCP\n  delay_loop x\n  bogus ").append(i)
                    .append("\n  real_server 10.1.0.1 80 {\n    weight 2\n    TCP_CHECK {\n      connect_timeout 3\n")
                    .append("    }\n  }\n").append(i % 7 == 0 ? "" : "}\n");
        }
        sameEitherWay(sb.toString().getBytes(StandardCharsets.UTF_8));
    }
}
