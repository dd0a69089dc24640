package dev.holdfast.config;

import dev.holdfast.config.bind.ConfigBinder;
import dev.holdfast.config.diag.Diagnostic.Kind;
import dev.holdfast.config.diag.Diagnostics;
import dev.holdfast.config.diag.Position;
import dev.holdfast.config.diag.Severity;
import dev.holdfast.config.model.KeepalivedConfig;
import dev.holdfast.config.pre.LogicalLine;
import dev.holdfast.config.pre.Preprocessor;
import dev.holdfast.config.syntax.TreeBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a keepalived.conf into the resolved model. Never throws for any input: every problem becomes a positioned
 * diagnostic, and whatever could be read is returned.
 */
public final class ConfigLoader {
    private final LoadOptions options;

    public ConfigLoader(LoadOptions options) {
        this.options = options;
    }

    /** Inputs at least this large are read on two threads (see {@link ReadAhead}); smaller ones on one. */
    static final long READ_AHEAD_BYTES = 512 * 1024;

    public LoadResult load(Path file) {
        return run(file.toString(), size(file) >= READ_AHEAD_BYTES, pre -> pre.run(file));
    }

    /** Reads configuration text that is not in a file; includes resolve against {@code baseDir}. */
    public LoadResult loadText(String name, byte[] text, Path baseDir) {
        return run(name, text.length >= READ_AHEAD_BYTES, pre -> pre.runText(name, text, baseDir));
    }

    /** The same, choosing the two-thread reading or not regardless of the size (tests compare both). */
    LoadResult loadText(String name, byte[] text, Path baseDir, boolean readAhead) {
        return run(name, readAhead, pre -> pre.runText(name, text, baseDir));
    }

    private static long size(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private ConfigBinder newBinder(Diagnostics diags) {
        return new ConfigBinder(diags, options.hostUsers(), options.hostInterfaces());
    }

    private LoadResult run(String name, boolean readAhead,
            java.util.function.Function<Preprocessor, List<LogicalLine>> read) {
        Diagnostics diags = new Diagnostics();
        ReadAhead ahead = readAhead ? new ReadAhead() : null;
        // with a reading thread, the binder (its grammars: a second or so under emulation) is built while the
        // reading starts; without one the tree builder hands statements straight to it
        ConfigBinder[] binder = {ahead != null ? null : newBinder(diags)};
        Diagnostics readingDiags = ahead != null ? ahead.readingDiagnostics() : diags;
        TreeBuilder tree = new TreeBuilder(readingDiags, ConfigBinder.TOP_LEVEL_BLOCKS)
                .streaming(ahead != null ? ahead::statement : st -> binder[0].bind(List.of(st)));
        Preprocessor pre = new Preprocessor(new Preprocessor.Options(options.configId(), options.environment(),
                options.randomSeed(), options.allConfig(), options.maxFileBytes()), readingDiags, tree::line);
        if (!options.readCheckers()) {
            tree.skipping(ConfigBinder.CHECKER_BLOCKS, "real_server");
            pre.filtering(tree.skippedLines());
        }
        KeepalivedConfig config = null;
        try {
            Runnable reading = () -> {
                read.apply(pre);
                tree.finish();
            };
            if (ahead != null) {
                ahead.run(reading, diags, () -> binder[0] = newBinder(diags), st -> binder[0].bind(List.of(st)));
            } else {
                reading.run();
            }
            config = binder[0].build();
        } catch (StackOverflowError | OutOfMemoryError e) {
            diags.report(Position.of(name, 1, 1), Severity.FATAL, Kind.SYNTAX,
                    "configuration too large or too deeply nested to read (" + e.getClass().getSimpleName() + ")");
        } catch (RuntimeException e) {
            if (System.getenv("HOLDFAST_DEBUG") != null) {
                e.printStackTrace();
            }
            diags.report(Position.of(name, 1, 1), Severity.FATAL, Kind.SYNTAX,
                    "internal error while reading the configuration (please report): " + e);
        }
        List<String> files = pre.filesRead().stream().map(Path::toString).toList();
        return new LoadResult(config, diags.sorted(), files);
    }
}
