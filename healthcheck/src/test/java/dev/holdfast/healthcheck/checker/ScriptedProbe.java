package dev.holdfast.healthcheck.checker;

import dev.holdfast.healthcheck.time.ManualScheduler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A probe whose answer a test sets (and changes) at will; it records when it was asked, so tests can pin down
 * the schedule as well as the states.
 */
public final class ScriptedProbe implements Probe {
    private final ManualScheduler clock;
    private final List<Instant> calls = new ArrayList<>();
    private CheckResult answer;

    public ScriptedProbe(ManualScheduler clock, CheckResult answer) {
        this.clock = clock;
        this.answer = answer;
    }

    public static ScriptedProbe passing(ManualScheduler clock) {
        return new ScriptedProbe(clock, CheckResult.passed("ok"));
    }

    public static ScriptedProbe failing(ManualScheduler clock) {
        return new ScriptedProbe(clock, CheckResult.failed("TCP connect to 10.0.0.5:80: connection refused"));
    }

    public void pass() {
        answer = CheckResult.passed("ok");
    }

    public void pass(long weight) {
        answer = new CheckResult.Passed("ok", weight);
    }

    public void fail() {
        answer = CheckResult.failed("TCP connect to 10.0.0.5:80: connection refused");
    }

    public void fail(String reason) {
        answer = CheckResult.failed(reason);
    }

    public List<Instant> calls() {
        return calls;
    }

    @Override
    public CompletionStage<CheckResult> check() {
        calls.add(clock.now());
        return CompletableFuture.completedFuture(answer);
    }
}
