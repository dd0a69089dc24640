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

    public LoadResult load(Path file) {
        return run(file.toString(), pre -> pre.run(file));
    }

    /** Reads configuration text that is not in a file; includes resolve against {@code baseDir}. */
    public LoadResult loadText(String name, byte[] text, Path baseDir) {
        return run(name, pre -> pre.runText(name, text, baseDir));
    }

    private LoadResult run(String name, java.util.function.Function<Preprocessor, List<LogicalLine>> read) {
        Diagnostics diags = new Diagnostics();
        ConfigBinder binder = new ConfigBinder(diags, options.hostUsers(), options.hostInterfaces());
        TreeBuilder tree = new TreeBuilder(diags, ConfigBinder.TOP_LEVEL_BLOCKS)
                .streaming(st -> binder.bind(List.of(st)));
        Preprocessor pre = new Preprocessor(new Preprocessor.Options(options.configId(), options.environment(),
                options.randomSeed(), options.allConfig(), options.maxFileBytes()), diags, tree::line);
        KeepalivedConfig config = null;
        try {
            read.apply(pre);
            tree.finish();
            config = binder.build();
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
