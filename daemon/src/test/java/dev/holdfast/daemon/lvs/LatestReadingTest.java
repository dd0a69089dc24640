package dev.holdfast.daemon.lvs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A slow read answers with the last result instead of an error, and never runs twice at once. */
class LatestReadingTest {
    private final List<CompletableFuture<String>> reads = new ArrayList<>();
    private final LatestReading<String> reading = new LatestReading<>(() -> {
        CompletableFuture<String> f = new CompletableFuture<>();
        reads.add(f);
        return f;
    }, "nothing yet");

    @Test
    void aSlowReadGivesTheLastResultAndIsNotStartedAgain() throws Exception {
        assertThat(reading.get(Duration.ofMillis(10))).isEqualTo("nothing yet");
        assertThat(reading.get(Duration.ofMillis(10))).isEqualTo("nothing yet");
        assertThat(reads).as("the second caller waits for the read in flight").hasSize(1);
        reads.get(0).complete("first");
        assertThat(reading.get(Duration.ofMillis(10))).as("a new read starts, too slow: the last result")
                .isEqualTo("first");
        assertThat(reads).hasSize(2);
        reads.get(1).complete("second");
        assertThat(reading.get(Duration.ofMillis(10))).isEqualTo("second");
        reads.get(2).complete("third");
        assertThat(reading.get(Duration.ZERO)).isEqualTo("third");
    }
}
