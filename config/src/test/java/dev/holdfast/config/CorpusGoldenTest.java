package dev.holdfast.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins holdfast's reading of every corpus file: the messages (with positions) and the meaning (key values), in
 * reviewed golden files under src/test/resources/corpus. Regenerate with -Dholdfast.updateGolden=true and review
 * the diff.
 */
class CorpusGoldenTest {
    static Stream<Path> corpus() throws IOException {
        return Corpus.files().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void readingIsPinned(Path file) throws IOException {
        String actual = Summary.of(Corpus.load(file));
        Path golden = Path.of("src/test/resources/corpus", file.getFileName() + ".expected");
        if (Boolean.getBoolean("holdfast.updateGolden")) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertThat(golden).as("golden file for %s (run with -Dholdfast.updateGolden=true)", file).exists();
        assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }
}
