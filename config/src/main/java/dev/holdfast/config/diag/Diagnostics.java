package dev.holdfast.config.diag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Collects diagnostics; each distinct message at a position is kept once, and they come out sorted by position. */
public final class Diagnostics {
    private final Set<Diagnostic> seen = new LinkedHashSet<>();
    private final int limit;

    public Diagnostics() {
        this(10_000);
    }

    public Diagnostics(int limit) {
        this.limit = limit;
    }

    public void report(Position at, Severity severity, Diagnostic.Kind kind, String message) {
        if (seen.size() < limit) {
            seen.add(new Diagnostic(at, severity, kind, message));
        }
    }

    public void error(Position at, Diagnostic.Kind kind, String message) {
        report(at, Severity.ERROR, kind, message);
    }

    public void warning(Position at, Diagnostic.Kind kind, String message) {
        report(at, Severity.WARNING, kind, message);
    }

    public List<Diagnostic> sorted() {
        List<Diagnostic> all = new ArrayList<>(seen);
        all.sort(Comparator.comparing(Diagnostic::position).thenComparing(Diagnostic::severity)
                .thenComparing(Diagnostic::message));
        return all;
    }

    public boolean has(Severity severity) {
        return seen.stream().anyMatch(d -> d.severity() == severity);
    }

    public boolean hasKind(Diagnostic.Kind kind) {
        return seen.stream().anyMatch(d -> d.kind() == kind);
    }

    public int size() {
        return seen.size();
    }

    /** The diagnostics reported so far, in the order they were reported, leaving this collector empty. */
    public List<Diagnostic> drain() {
        List<Diagnostic> all = new ArrayList<>(seen);
        seen.clear();
        return all;
    }

    /** Reports diagnostics collected elsewhere, in their order, as if reported here one by one. */
    public void replay(List<Diagnostic> reported) {
        for (Diagnostic d : reported) {
            report(d.position(), d.severity(), d.kind(), d.message());
        }
    }
}
