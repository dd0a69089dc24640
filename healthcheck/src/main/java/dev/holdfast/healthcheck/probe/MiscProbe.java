package dev.holdfast.healthcheck.probe;

import dev.holdfast.healthcheck.checker.CheckResult;
import dev.holdfast.healthcheck.checker.Probe;
import dev.holdfast.healthcheck.spec.MiscCheckSpec;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * MISC_CHECK: runs the program (as its script user) and judges its exit status. A program still running at misc_timeout gets SIGTERM,
 * its children too, then SIGKILL a second later, and the check fails as timed out.
 */
public final class MiscProbe implements Probe {
    /** keepalived waits this long between SIGTERM and SIGKILL of a timed-out script. */
    private static final long KILL_GRACE_MILLIS = 1000;

    private final MiscCheckSpec spec;
    private final long configuredWeight;
    private final Executor spawner;
    private final ScheduledExecutorService timer;
    private final String what;
    /** the command line behind setpriv, resolved once like keepalived's script user; null: the user is unknown */
    private final List<String> commandLine;
    private final String unknownUser;

    public MiscProbe(MiscCheckSpec spec, long configuredWeight, Executor spawner, ScheduledExecutorService timer) {
        this(spec, configuredWeight, spawner, timer, ScriptUser.system());
    }

    MiscProbe(MiscCheckSpec spec, long configuredWeight, Executor spawner, ScheduledExecutorService timer,
              ScriptUser users) {
        List<String> line = null;
        String unknown = null;
        try {
            line = users.command(spec.runAs(), spec.command());
        } catch (ScriptUser.UnknownUserException e) {
            unknown = e.getMessage();
        }
        this.commandLine = line;
        this.unknownUser = unknown;
        this.spec = Objects.requireNonNull(spec, "spec");
        this.configuredWeight = configuredWeight;
        this.spawner = Objects.requireNonNull(spawner, "spawner");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.what = "MISC_CHECK " + String.join(" ", spec.command());
    }

    /**
     * keepalived's reading of an exit status: 0 passes (and clears a dynamic weight), 2..255 pass with weight
     * {@code status - 2} under misc_dynamic, everything else fails. The contribution is relative to the
     * configured weight, so a lone dynamic MISC_CHECK sets the IPVS weight to exactly {@code status - 2}.
     */
    public static CheckResult judge(String what, int status, boolean dynamic, long configuredWeight) {
        if (status == 0) {
            return CheckResult.passed(what + ": exited with status 0");
        }
        if (dynamic && status >= 2 && status <= 255) {
            return new CheckResult.Passed(what + ": exited with status " + status + " (weight " + (status - 2) + ")",
                    status - 2 - configuredWeight);
        }
        return CheckResult.failed(what + ": exited with status " + status);
    }

    @Override
    public CompletionStage<CheckResult> check() {
        CompletableFuture<CheckResult> result = new CompletableFuture<>();
        spawner.execute(() -> {
            if (commandLine == null) {
                result.complete(CheckResult.failed(what + ": cannot run: " + unknownUser));
                return;
            }
            Process process;
            try {
                process = new ProcessBuilder(commandLine).redirectInput(Redirect.from(new java.io.File("/dev/null")))
                        .redirectOutput(Redirect.DISCARD).redirectError(Redirect.DISCARD).start();
            } catch (IOException | RuntimeException e) {
                result.complete(CheckResult.failed(what + ": cannot run: " + e.getMessage()));
                return;
            }
            ScheduledFuture<?> deadline = timer.schedule(() -> {
                if (process.isAlive()) {
                    result.complete(CheckResult.failed(what + ": timed out after "
                            + ConnectFailure.seconds(spec.timeout())));
                    process.descendants().forEach(ProcessHandle::destroy);
                    process.destroy();
                    timer.schedule(() -> {
                        process.descendants().forEach(ProcessHandle::destroyForcibly);
                        process.destroyForcibly();
                    }, KILL_GRACE_MILLIS, TimeUnit.MILLISECONDS);
                }
            }, Math.max(1, spec.timeout().toMillis()), TimeUnit.MILLISECONDS);
            process.onExit().thenAccept(p -> {
                deadline.cancel(false);
                result.complete(judge(what, p.exitValue(), spec.dynamic(), configuredWeight));
            });
        });
        return result;
    }
}
