package dev.holdfast.vrrp.runtime;

import dev.holdfast.config.model.KeepalivedConfig;
import dev.holdfast.config.model.SyncGroup;
import dev.holdfast.config.model.TrackFile;
import dev.holdfast.config.model.TrackProcess;
import dev.holdfast.config.model.VrrpInstance.Tracked;
import dev.holdfast.config.model.VrrpScript;
import dev.holdfast.vrrp.state.VrrpInstance;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Wires the configured trackers to the running instances on a {@link TrackerBoard}: each instance's
 * track_script / track_file / track_process entries and its sync group's (which apply to every member),
 * with keepalived's weight resolution (an entry without a weight takes the tracker's own weight and
 * reverse flag; members of a sync group without {@code sync_group_tracking_weight} track unweighted).
 * Only trackers something uses are started. Unknown names are warned about and ignored.
 */
final class TrackerSetup {
    final List<ScriptTracker> scripts = new ArrayList<>();
    final List<FileTracker> files = new ArrayList<>();
    final List<ProcessTracker> processes = new ArrayList<>();

    private final TrackerBoard board;
    private final Consumer<String> warn;
    private final Map<String, VrrpScript> scriptDefs = new LinkedHashMap<>();
    private final Map<String, TrackFile> fileDefs = new LinkedHashMap<>();
    private final Map<String, TrackProcess> processDefs = new LinkedHashMap<>();

    TrackerSetup(KeepalivedConfig config, TrackerBoard board, Consumer<String> warn) {
        this.board = board;
        this.warn = warn;
        config.vrrpScripts().forEach(s -> scriptDefs.put(s.name(), s));
        config.trackFiles().forEach(f -> fileDefs.put(f.name(), f));
        config.vrrpTrackProcesses().forEach(p -> processDefs.put(p.name(), p));
    }

    /**
     * @param instances the running instances by name
     * @param link registers a weighted/unweighted interface for an instance (the {@link LinkWatcher})
     */
    void wire(KeepalivedConfig config, Map<String, VrrpInstance> instances, ScheduledExecutorService scriptThreads,
              LinkRegistrar link) {
        Map<String, SyncGroup> groupOf = new LinkedHashMap<>();
        for (SyncGroup g : config.vrrpSyncGroups()) {
            List<VrrpInstance> members = new ArrayList<>();
            for (String m : g.group()) {
                VrrpInstance vi = instances.get(m);
                if (vi != null) {
                    members.add(vi);
                    groupOf.putIfAbsent(m, g);
                }
            }
            board.syncGroup(members);
        }
        for (var m : config.vrrpInstances()) {
            VrrpInstance vi = instances.get(m.name());
            if (vi == null) {
                continue;
            }
            SyncGroup group = groupOf.get(m.name());
            boolean weights = group == null || group.syncGroupTrackingWeight();
            String who = "vrrp_instance " + m.name();
            use(vi, who, m.trackScript(), weights, this::scriptUse);
            use(vi, who, m.trackFile(), weights, this::fileUse);
            use(vi, who, m.trackProcess(), weights, this::processUse);
            if (group != null) {
                String g = "vrrp_sync_group " + group.name();
                use(vi, g, group.trackScript(), weights, this::scriptUse);
                use(vi, g, group.trackFile(), weights, this::fileUse);
                use(vi, g, group.trackProcess(), weights, this::processUse);
                for (Tracked t : group.trackInterface()) {
                    link.watch(t.name(), weights && t.weight() != null ? t.weight() : 0, t.reverse(), vi);
                }
            }
            if (!m.trackBfd().isEmpty()) {
                warn.accept(who + ": track_bfd is not supported by the holdfast VRRP runtime yet; ignored");
            }
        }
        for (String name : board.trackers()) {
            if (name.startsWith("script ")) {
                scripts.add(new ScriptTracker(scriptDefs.get(name.substring(7)), board, scriptThreads));
            } else if (name.startsWith("file ")) {
                FileTracker f = new FileTracker(fileDefs.get(name.substring(5)));
                try {
                    f.initialise();
                } catch (IOException e) {
                    warn.accept("track_file " + name.substring(5) + ": cannot write init_file: " + e.getMessage());
                }
                files.add(f);
            } else if (name.startsWith("process ")) {
                processes.add(new ProcessTracker(processDefs.get(name.substring(8))));
            }
        }
    }

    /** The interface tracker, as the {@link LinkWatcher} registers it. */
    interface LinkRegistrar {
        void watch(String interfaceName, int weight, boolean reverse, VrrpInstance instance);
    }

    /** A resolved use: tracker name, weight and reverse; null when the name is unknown. */
    private record Resolved(String tracker, int weight, boolean reverse) {
    }

    private void use(VrrpInstance vi, String who, List<Tracked> entries, boolean weights,
                     Function<Tracked, Resolved> resolve) {
        for (Tracked t : entries) {
            Resolved r = resolve.apply(t);
            if (r == null) {
                warn.accept(who + ": tracks unknown " + t.name() + "; ignored");
                continue;
            }
            int weight = r.weight();
            if (weight != 0 && !weights) {
                warn.accept(who + ": is in a sync group without sync_group_tracking_weight; the weight of "
                        + r.tracker() + " is ignored (FAULT while it is down), as keepalived does");
                weight = 0;
            }
            board.track(vi, r.tracker(), weight, r.reverse());
        }
    }

    private Resolved scriptUse(Tracked t) {
        VrrpScript s = scriptDefs.get(t.name());
        return s == null ? null : resolved(ScriptTracker.tracker(s.name()), t, s.weight(), s.weightReverse());
    }

    private Resolved fileUse(Tracked t) {
        TrackFile f = fileDefs.get(t.name());
        return f == null ? null : resolved(FileTracker.tracker(f.name()), t, f.weight(), f.reverse());
    }

    private Resolved processUse(Tracked t) {
        TrackProcess p = processDefs.get(t.name());
        return p == null ? null : resolved(ProcessTracker.tracker(p.name()), t, p.weight(), p.reverse());
    }

    private static Resolved resolved(String tracker, Tracked t, int ownWeight, boolean ownReverse) {
        return t.weight() != null ? new Resolved(tracker, t.weight(), t.reverse())
                : new Resolved(tracker, ownWeight, ownReverse || t.reverse());
    }
}
