package dev.holdfast.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.config.bind.CompatibilityDoc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/compatibility.md is what the keyword tables say (regenerate with -Dholdfast.updateGolden=true). */
class CompatibilityDocTest {
    @Test
    void compatibilityTableIsCurrent() throws IOException {
        Path doc = Path.of("../docs/compatibility.md");
        String text = CompatibilityDoc.render();
        if (Boolean.getBoolean("holdfast.updateGolden")) {
            Files.writeString(doc, text);
        }
        assertThat(text).contains("| `lb_algo` | deprecated: use `lvs_sched` |", "| `virtual_router_id` | read |");
        assertThat(Files.readString(doc)).as("docs/compatibility.md is stale: run the config tests with "
                + "-Dholdfast.updateGolden=true").isEqualTo(text);
    }
}
