package dev.holdfast.config;

import dev.holdfast.config.diag.Diagnostic;
import dev.holdfast.config.model.KeepalivedConfig;
import java.util.List;

/**
 * The outcome of reading a configuration: the model (null only when nothing could be read) and every diagnostic,
 * sorted by position.
 */
public record LoadResult(KeepalivedConfig config, List<Diagnostic> diagnostics, List<String> files) {

    /** keepalived -t exit codes (2.2.7): 0 valid, 4 cannot run, 5 errors, 6 scripts without script security. */
    public static final int EXIT_OK = 0;
    public static final int EXIT_CANNOT_RUN = 4;
    public static final int EXIT_ERRORS = 5;
    public static final int EXIT_SECURITY = 6;

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(d -> d.severity() != dev.holdfast.config.diag.Severity.WARNING);
    }

    public boolean hasWarnings() {
        return diagnostics.stream().anyMatch(d -> d.severity() == dev.holdfast.config.diag.Severity.WARNING);
    }

    /** The exit code of a config test; with {@code strict}, warnings count as errors. */
    public int exitCode(boolean strict) {
        if (diagnostics.stream().anyMatch(d -> d.severity() == dev.holdfast.config.diag.Severity.FATAL)) {
            return EXIT_CANNOT_RUN;
        }
        if (diagnostics.stream().anyMatch(d -> d.kind() == Diagnostic.Kind.SECURITY)) {
            return EXIT_SECURITY;
        }
        if (hasErrors() || (strict && hasWarnings())) {
            return EXIT_ERRORS;
        }
        return EXIT_OK;
    }
}
