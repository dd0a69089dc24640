package dev.holdfast.healthcheck.checker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.healthcheck.spec.CheckPolicy;
import dev.holdfast.healthcheck.time.ManualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * log_all_failures: every failed check of an up checker is logged, not only the transition (keepalived's
 * check_tcp.c/check_http.c rule; the failures of a checker already down stay quiet there too).
 */
class LogAllFailuresTest {
    private final ManualScheduler clock = new ManualScheduler();
    private final Logger logger = Logger.getLogger(Checker.class.getName());
    private final List<String> lines = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.INFO.intValue()) {
                lines.add(record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        logger.addHandler(handler);
    }

    @AfterEach
    void stopListening() {
        logger.removeHandler(handler);
    }

    private List<String> run(boolean logAll) {
        CheckPolicy policy = new CheckPolicy(2, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ZERO, false,
                Duration.ofSeconds(3), logAll);
        ScriptedProbe probe = ScriptedProbe.passing(clock);
        new ProbeChecker("TCP_CHECK 10.0.0.5:80", policy, probe, clock, new FixedRandom(0), (c, r) -> { }).start();
        clock.advanceSeconds(1);
        probe.fail();
        // polls at 6 (retry 1), 7 (retry 2), 8 (down), 13 and 18 (still down)
        clock.advanceSeconds(17);
        return lines;
    }

    @Test
    void everyFailureOfAnUpCheckerIsLoggedWhenOn() {
        assertThat(run(true)).containsExactly(
                "TCP_CHECK 10.0.0.5:80: failed, retry 1/2: TCP connect to 10.0.0.5:80: connection refused",
                "TCP_CHECK 10.0.0.5:80: failed, retry 2/2: TCP connect to 10.0.0.5:80: connection refused",
                "TCP_CHECK 10.0.0.5:80: DOWN after 2 retries: TCP connect to 10.0.0.5:80: connection refused");
    }

    @Test
    void onlyTheTransitionIsLoggedWhenOff() {
        assertThat(run(false)).containsExactly(
                "TCP_CHECK 10.0.0.5:80: DOWN after 2 retries: TCP connect to 10.0.0.5:80: connection refused");
    }
}
