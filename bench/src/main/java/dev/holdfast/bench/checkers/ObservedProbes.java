package dev.holdfast.bench.checkers;

import dev.holdfast.healthcheck.checker.CheckResult;
import dev.holdfast.healthcheck.checker.Probe;
import dev.holdfast.healthcheck.checker.ProbeFactory;
import dev.holdfast.healthcheck.spec.HttpGetSpec;
import dev.holdfast.healthcheck.spec.RealServerSpec;
import dev.holdfast.healthcheck.spec.ScheduledCheckSpec;
import dev.holdfast.healthcheck.spec.UrlSpec;

/** The production probes, with every check's start, end (System.nanoTime) and result told to an observer. */
final class ObservedProbes implements ProbeFactory {
    /** Sees one finished check. */
    interface Observer {
        void checked(long start, long end, CheckResult result);
    }

    private final ProbeFactory inner;
    private final Observer observer;

    ObservedProbes(ProbeFactory inner, Observer observer) {
        this.inner = inner;
        this.observer = observer;
    }

    @Override
    public Probe probe(ScheduledCheckSpec checker, RealServerSpec realServer) {
        return observed(inner.probe(checker, realServer));
    }

    @Override
    public Probe urlProbe(HttpGetSpec checker, UrlSpec url, RealServerSpec realServer) {
        return observed(inner.urlProbe(checker, url, realServer));
    }

    private Probe observed(Probe probe) {
        return () -> {
            long start = System.nanoTime();
            return probe.check().thenApply(result -> {
                observer.checked(start, System.nanoTime(), result);
                return result;
            });
        };
    }
}
