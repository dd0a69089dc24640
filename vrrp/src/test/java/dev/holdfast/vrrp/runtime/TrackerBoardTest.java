package dev.holdfast.vrrp.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.config.model.Seconds;
import dev.holdfast.config.model.TrackFile;
import dev.holdfast.config.model.TrackProcess;
import dev.holdfast.vrrp.packet.VrrpVersion;
import dev.holdfast.vrrp.state.Event;
import dev.holdfast.vrrp.state.InstanceConfig;
import dev.holdfast.vrrp.state.Scheduler;
import dev.holdfast.vrrp.state.VrrpInstance;
import dev.holdfast.vrrp.state.VrrpState;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Script hysteresis, file and process readings and sync-group faults, on made-up trackers (no root). */
class TrackerBoardTest {
    private final TrackerBoard board = new TrackerBoard(Runnable::run);

    static VrrpInstance instance(String name, int priority) throws Exception {
        InstanceConfig config = InstanceConfig.builder(name, VrrpVersion.V2, 1, InetAddress.getByName("10.0.0.1"))
                .priority(priority).vips(List.of(InetAddress.getByName("10.0.0.100"))).build();
        Scheduler idle = new Scheduler() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public Cancellable schedule(java.time.Duration delay, Runnable task) {
                return () -> { };
            }
        };
        return new VrrpInstance(config, idle, action -> { });
    }

    @Test
    void unknownScriptIsDecidedByItsFirstResultThenNeedsRiseOrFallInARow() {
        ScriptResult r = ScriptResult.initial(3, 2, false);
        assertThat(r.known()).isFalse();
        assertThat(r.next(true).up()).isTrue();
        assertThat(r.next(false).known()).isTrue();
        assertThat(r.next(false).up()).isFalse();
        // down: three successes in a row to come up, a failure starts again
        ScriptResult down = r.next(false);
        assertThat(down.next(true).next(true).up()).isFalse();
        assertThat(down.next(true).next(true).next(true).up()).isTrue();
        assertThat(down.next(true).next(false).next(true).next(true).up()).isFalse();
        // up: two failures in a row to go down, a success in between resets
        ScriptResult up = r.next(true);
        assertThat(up.next(false).up()).isTrue();
        assertThat(up.next(false).next(false).up()).isFalse();
        assertThat(up.next(false).next(true).next(false).up()).isTrue();
    }

    @Test
    void initFailStartsFailedAndNeedsRise() {
        ScriptResult r = ScriptResult.initial(2, 1, true);
        assertThat(r.known()).isTrue();
        assertThat(r.up()).isFalse();
        assertThat(r.next(true).up()).isFalse();
        assertThat(r.next(true).next(true).up()).isTrue();
    }

    @Test
    void weightZeroScriptIsFaultWhileDownAndReverseWhileUp() throws Exception {
        VrrpInstance vi = instance("VI_1", 100);
        VrrpInstance rev = instance("VI_2", 100);
        board.track(vi, "script chk", 0, false);
        board.track(rev, "script chk", 0, true);
        vi.handle(new Event.Start());
        rev.handle(new Event.Start());
        board.report("script chk", new TrackerBoard.Reading.Up(false));
        assertThat(vi.state()).isEqualTo(VrrpState.FAULT);
        assertThat(rev.state()).isEqualTo(VrrpState.BACKUP);
        board.report("script chk", new TrackerBoard.Reading.Up(true));
        assertThat(vi.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(rev.state()).isEqualTo(VrrpState.FAULT);
    }

    @Test
    void weightsOfScriptsAndInterfacesAddUpAndAreClamped() throws Exception {
        VrrpInstance vi = instance("VI_1", 100);
        board.track(vi, "script up", 20, false);
        board.track(vi, "script down", -60, false);
        board.track(vi, "interface eth1", 10, false);
        board.report("script up", new TrackerBoard.Reading.Up(true));
        board.report("script down", new TrackerBoard.Reading.Up(true));
        board.report("interface eth1", new TrackerBoard.Reading.Up(true));
        assertThat(vi.effectivePriority()).isEqualTo(130);
        board.report("script down", new TrackerBoard.Reading.Up(false));
        assertThat(vi.effectivePriority()).isEqualTo(70);
        board.track(vi, "script big", 200, false);
        board.report("script big", new TrackerBoard.Reading.Up(true));
        assertThat(vi.effectivePriority()).as("clamped to 254").isEqualTo(254);
    }

    @Test
    void fileValueTimesWeightAndBelowMinus253IsFault() throws Exception {
        VrrpInstance weighted = instance("VI_1", 100);
        VrrpInstance unweighted = instance("VI_2", 100);
        board.track(weighted, "file f", -10, false);
        board.track(unweighted, "file f", 0, false);
        weighted.handle(new Event.Start());
        unweighted.handle(new Event.Start());
        board.report("file f", new TrackerBoard.Reading.Value(3));
        assertThat(weighted.effectivePriority()).isEqualTo(70);
        assertThat(unweighted.state()).as("non-zero with weight 0").isEqualTo(VrrpState.FAULT);
        board.report("file f", new TrackerBoard.Reading.Value(26));
        assertThat(weighted.state()).as("-260 is a fault").isEqualTo(VrrpState.FAULT);
        board.report("file f", new TrackerBoard.Reading.Value(0));
        assertThat(weighted.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(unweighted.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(weighted.effectivePriority()).isEqualTo(100);
    }

    @Test
    void aSyncGroupMemberFaultTakesTheOtherMembersToFaultAndBack() throws Exception {
        VrrpInstance a = instance("VI_1", 100);
        VrrpInstance b = instance("VI_2", 100);
        board.syncGroup(List.of(a, b));
        board.track(a, "script chk", 0, false);
        a.handle(new Event.Start());
        b.handle(new Event.Start());
        board.report("script chk", new TrackerBoard.Reading.Up(false));
        assertThat(a.state()).isEqualTo(VrrpState.FAULT);
        assertThat(b.state()).isEqualTo(VrrpState.FAULT);
        assertThat(board.faults(b)).containsExactly("VI_1: script chk");
        board.report("script chk", new TrackerBoard.Reading.Up(true));
        assertThat(a.state()).isEqualTo(VrrpState.BACKUP);
        assertThat(b.state()).isEqualTo(VrrpState.BACKUP);
    }

    @Test
    void anInstanceStartsOnlyOnceItsUnweightedScriptsHaveReported() throws Exception {
        VrrpInstance waiting = instance("VI_1", 100);
        VrrpInstance member = instance("VI_2", 100);
        VrrpInstance weighted = instance("VI_3", 100);
        board.track(waiting, "script chk", 0, false);
        board.track(weighted, "script other", 10, false);
        board.syncGroup(List.of(waiting, member));
        board.startWhenReady(List.of(waiting, member, weighted));
        assertThat(waiting.state()).isEqualTo(VrrpState.INIT);
        assertThat(member.state()).as("its sync group waits too").isEqualTo(VrrpState.INIT);
        assertThat(weighted.state()).as("a weighted script does not hold it back").isEqualTo(VrrpState.BACKUP);
        board.report("script chk", new TrackerBoard.Reading.Up(false));
        assertThat(waiting.state()).as("straight to FAULT, as keepalived's down_instance").isEqualTo(VrrpState.FAULT);
        assertThat(member.state()).isEqualTo(VrrpState.FAULT);
    }

    @Test
    void fileReadsTheLeadingNumberAsStrtolDoes(@TempDir Path dir) throws Exception {
        assertThat(FileTracker.parse("  -42 rest")).isEqualTo(-42);
        assertThat(FileTracker.parse("abc")).isZero();
        assertThat(FileTracker.parse("")).isZero();
        Path f = dir.resolve("state");
        FileTracker tracker = new FileTracker(new TrackFile("tf", f.toString(), 1, false, "5", false, null));
        assertThat(tracker.read()).isEqualTo(new TrackerBoard.Reading.Value(0));
        tracker.initialise();
        assertThat(tracker.read()).isEqualTo(new TrackerBoard.Reading.Value(5));
        Files.writeString(f, "7\n");
        tracker.initialise();
        assertThat(tracker.read()).as("init_file without overwrite keeps the file").isEqualTo(new TrackerBoard.Reading.Value(7));
    }

    @Test
    void processQuorumCountsMatchingProcesses(@TempDir Path proc) throws Exception {
        fakeProcess(proc, 10, "nginx", "nginx\0-g\0daemon off;\0");
        fakeProcess(proc, 11, "nginx", "nginx\0worker\0");
        fakeProcess(proc, 12, "sshd", "sshd\0");
        assertThat(new ProcessTracker(process("nginx", List.of(), 2, Long.MAX_VALUE), proc).read())
                .isEqualTo(new TrackerBoard.Reading.Up(true));
        assertThat(new ProcessTracker(process("nginx", List.of(), 3, Long.MAX_VALUE), proc).read())
                .isEqualTo(new TrackerBoard.Reading.Up(false));
        assertThat(new ProcessTracker(process("nginx", List.of(), 1, 1), proc).read())
                .as("above quorum_max").isEqualTo(new TrackerBoard.Reading.Up(false));
        assertThat(new ProcessTracker(process("nginx", List.of("-g"), 1, 1), proc).read())
                .as("parameters select one").isEqualTo(new TrackerBoard.Reading.Up(true));
    }

    private static TrackProcess process(String name, List<String> params, long quorum, long max) {
        return new TrackProcess("p", name, params, "initial", 0, false, quorum, max, Seconds.of(0), Seconds.of(0),
                Seconds.of(0), false, null);
    }

    private static void fakeProcess(Path proc, int pid, String comm, String cmdline) throws Exception {
        Path d = Files.createDirectories(proc.resolve(String.valueOf(pid)));
        Files.writeString(d.resolve("comm"), comm + "\n");
        Files.writeString(d.resolve("cmdline"), cmdline);
    }
}
