package dev.holdfast.bench;

import dev.holdfast.config.ConfigLoader;
import dev.holdfast.config.LoadOptions;
import dev.holdfast.config.LoadResult;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * In-process parse time (warm JVM, median of runs) and the heap the resolved model keeps, for one config file.
 * The process-level comparison with keepalived -t is bench/config-parse.
 */
public final class ConfigParseBench {
    private ConfigParseBench() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        ConfigLoader loader = new ConfigLoader(LoadOptions.defaults());
        for (int i = 0; i < 3; i++) {
            loader.load(file);
        }
        long[] ms = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            LoadResult r = loader.load(file);
            ms[i] = (System.nanoTime() - t0) / 1_000_000;
            if (r.config() == null || r.hasErrors()) {
                throw new IllegalStateException("benchmark config did not load cleanly: " + r.diagnostics());
            }
        }
        Arrays.sort(ms);
        Runtime rt = Runtime.getRuntime();
        gc();
        long before = rt.totalMemory() - rt.freeMemory();
        LoadResult kept = loader.load(file);
        gc();
        long after = rt.totalMemory() - rt.freeMemory();
        System.out.printf("warm_parse_ms_median=%d%nwarm_parse_ms_min=%d%nmodel_heap_mb=%.1f%nvirtual_servers=%d%n",
                ms[runs / 2], ms[0], (after - before) / 1048576.0, kept.config().virtualServers().size());
    }

    private static void gc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
