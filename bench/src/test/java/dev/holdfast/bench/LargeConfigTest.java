package dev.holdfast.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.config.ConfigLoader;
import dev.holdfast.config.LoadOptions;
import dev.holdfast.config.LoadResult;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated benchmark config is valid and means what the benchmark claims: N x M real servers. */
class LargeConfigTest {
    @Test
    void generatedConfigLoadsCleanly(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("k.conf");
        LargeConfig.write(f, 20, 16);
        LoadResult r = new ConfigLoader(LoadOptions.defaults()).load(f);
        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.config().virtualServers()).hasSize(20)
                .allSatisfy(vs -> assertThat(vs.realServers()).hasSize(16));
        assertThat(r.config().virtualServers().stream().flatMap(v -> v.realServers().stream())
                .map(rs -> rs.label()).distinct().count()).isEqualTo(20 * 16);
    }
}
