package dev.holdfast.vrrp.runtime;

import dev.holdfast.config.model.TrackProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A vrrp_track_process: up while the number of matching processes is within [quorum, quorum_max]. A process
 * matches on its name ({@code /proc/PID/comm}, or the first word of its command line with
 * {@code full_command}) and, when parameters are given, on its arguments: all of them in order
 * ({@code param_match initial}: those first; {@code partial}: those somewhere, in a row). keepalived follows processes through the kernel's
 * process connector; this polls /proc.
 */
final class ProcessTracker {
    private final TrackProcess spec;
    private final Path proc;

    ProcessTracker(TrackProcess spec) {
        this(spec, Path.of("/proc"));
    }

    ProcessTracker(TrackProcess spec, Path proc) {
        this.spec = spec;
        this.proc = proc;
    }

    static String tracker(String name) {
        return "process " + name;
    }

    String tracker() {
        return tracker(spec.name());
    }

    TrackerBoard.Reading read() {
        long count = 0;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(proc, p -> p.getFileName().toString().chars()
                .allMatch(Character::isDigit))) {
            for (Path dir : dirs) {
                if (matches(dir)) {
                    count++;
                }
            }
        } catch (IOException e) {
            return new TrackerBoard.Reading.Up(false);
        }
        long max = spec.quorumMax() <= 0 ? Long.MAX_VALUE : spec.quorumMax();
        return new TrackerBoard.Reading.Up(count >= Math.max(1, spec.quorum()) && count <= max);
    }

    private boolean matches(Path dir) {
        try {
            List<String> cmdline = cmdline(dir);
            String name;
            if (spec.fullCommand()) {
                if (cmdline.isEmpty()) {
                    return false;
                }
                name = cmdline.get(0);
            } else {
                name = Files.readString(dir.resolve("comm"), StandardCharsets.UTF_8).strip();
            }
            if (!name.equals(spec.process())) {
                return false;
            }
            List<String> params = spec.params() == null ? List.of() : spec.params();
            if (params.isEmpty()) {
                return true;
            }
            List<String> args = cmdline.size() > 1 ? cmdline.subList(1, cmdline.size()) : List.of();
            if ("initial".equals(spec.paramMatch())) {
                return args.size() >= params.size() && args.subList(0, params.size()).equals(params);
            }
            if ("partial".equals(spec.paramMatch())) {
                return java.util.Collections.indexOfSubList(args, params) >= 0;
            }
            return args.equals(params);
        } catch (IOException | RuntimeException e) {
            return false; // the process ended while we looked
        }
    }

    private static List<String> cmdline(Path dir) throws IOException {
        byte[] raw = Files.readAllBytes(dir.resolve("cmdline"));
        List<String> words = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == 0) {
                words.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start < raw.length) {
            words.add(new String(raw, start, raw.length - start, StandardCharsets.UTF_8));
        }
        return words;
    }
}
