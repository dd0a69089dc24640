package dev.holdfast.healthcheck.checker;

/** Receives a checker's reports on the scheduler thread. */
@FunctionalInterface
public interface CheckerListener {

    void report(Checker checker, CheckerReport report);
}
