package dev.holdfast.vrrp.runtime;

import dev.holdfast.config.model.VrrpScript;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs one vrrp_script every {@code interval}: exit status 0 is a success, anything else (or no exit within
 * {@code timeout}: SIGTERM, then SIGKILL) a failure; {@link ScriptResult} turns the results into up/down,
 * which goes to the {@link TrackerBoard}. Runs as {@code user}/{@code group} through setpriv when one is set
 * and is not root. The next run starts an interval after the previous one started, or when it ended if it
 * took longer, so one script never runs twice at once.
 */
final class ScriptTracker {
    private static final Logger LOG = System.getLogger("holdfast.vrrp");
    private static final long KILL_GRACE_MILLIS = 1000;

    private final VrrpScript script;
    private final TrackerBoard board;
    private final ScheduledExecutorService executor;
    private final String tracker;
    private volatile ScriptResult result;
    private volatile boolean stopped;

    ScriptTracker(VrrpScript script, TrackerBoard board, ScheduledExecutorService executor) {
        this.script = script;
        this.board = board;
        this.executor = executor;
        this.tracker = tracker(script.name());
        this.result = ScriptResult.initial(Math.max(1, script.rise()), Math.max(1, script.fall()), script.initFail());
        if (result.known()) {
            board.report(tracker, new TrackerBoard.Reading.Up(false));
        }
    }

    static String tracker(String scriptName) {
        return "script " + scriptName;
    }

    /** The first run now, then every interval. */
    void start() {
        executor.execute(this::runOnce);
    }

    void stop() {
        stopped = true;
    }

    private void runOnce() {
        if (stopped) {
            return;
        }
        long started = System.nanoTime();
        boolean success = execute();
        ScriptResult before = result;
        result = before.next(success);
        if (result.up() != before.up() || result.known() != before.known()) {
            LOG.log(Level.INFO, "VRRP_Script(" + script.name() + ") " + (result.up() ? "succeeded" : "failed"));
        }
        if (result.known()) {
            board.report(tracker, new TrackerBoard.Reading.Up(result.up()));
        }
        long intervalNanos = script.interval().micros() * 1000;
        long wait = Math.max(0, intervalNanos - (System.nanoTime() - started));
        if (!stopped) {
            executor.schedule(this::runOnce, wait, TimeUnit.NANOSECONDS);
        }
    }

    private boolean execute() {
        Process process;
        try {
            process = new ProcessBuilder(command()).redirectInput(Redirect.from(new File("/dev/null")))
                    .redirectOutput(Redirect.DISCARD).redirectError(Redirect.DISCARD).start();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "VRRP_Script(" + script.name() + ") cannot run: " + e.getMessage());
            return false;
        }
        long timeoutMillis = Math.max(1, script.timeout().millis());
        try {
            if (process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
                return process.exitValue() == 0;
            }
            LOG.log(Level.WARNING, "VRRP_Script(" + script.name() + ") timed out after " + timeoutMillis + " ms");
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            if (!process.waitFor(KILL_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        return false;
    }

    /** The script's words, behind setpriv when it is to run as another user. */
    List<String> command() {
        String user = script.script().user();
        String group = script.script().group();
        List<String> argv = new ArrayList<>();
        if (user != null && !user.equals("root")) {
            argv.addAll(List.of("setpriv", "--reuid=" + user, "--regid=" + (group != null ? group : user),
                    "--init-groups", "--"));
        }
        argv.addAll(script.script().argv());
        return argv;
    }
}
