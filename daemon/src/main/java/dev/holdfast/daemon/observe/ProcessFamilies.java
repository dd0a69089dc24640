package dev.holdfast.daemon.observe;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The process itself, under the names Prometheus client libraries use (process_*, jvm_*), read from /proc and
 * the JVM at each scrape: enough to see that reloads and checks leak nothing (resident memory, heap after the last
 * collection, threads, open file descriptors).
 */
final class ProcessFamilies {
    private ProcessFamilies() {
    }

    static void add(Metrics.Families f) {
        long rss = statusKilobytes("VmRSS") * 1024;
        if (rss >= 0) {
            f.gauge("process_resident_memory_bytes", "Resident memory size in bytes", List.of()).add(rss);
        }
        long fds = openFds();
        if (fds >= 0) {
            f.gauge("process_open_fds", "Number of open file descriptors", List.of()).add(fds);
        }
        f.gauge("process_start_time_seconds", "Start time of the process since the epoch, in seconds", List.of())
                .add(ManagementFactory.getRuntimeMXBean().getStartTime() / 1e3);
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            f.counter("process_cpu_seconds", "Total user and system CPU time spent, in seconds", List.of())
                    .add(sun.getProcessCpuTime() / 1e9);
        }
        f.gauge("jvm_threads_current", "Threads of the JVM now", List.of())
                .add(ManagementFactory.getThreadMXBean().getThreadCount());
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        f.gauge("jvm_memory_heap_used_bytes", "Heap in use now (live and not yet collected)", List.of())
                .add(heap.getUsed());
        long afterGc = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage u = pool.getCollectionUsage();
            if (pool.getType() == MemoryType.HEAP && u != null) {
                afterGc += u.getUsed();
            }
        }
        f.gauge("jvm_memory_heap_after_gc_bytes",
                "Heap in use right after the last collection of each pool: the live data, without garbage", List.of())
                .add(afterGc);
    }

    private static long statusKilobytes(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private static long openFds() {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        } catch (IOException e) {
            return -1;
        }
    }
}
