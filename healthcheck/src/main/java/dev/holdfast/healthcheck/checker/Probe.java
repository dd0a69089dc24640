package dev.holdfast.healthcheck.checker;

import java.util.concurrent.CompletionStage;

/**
 * One kind of check against one target, without any memory of earlier results: the checker owns state, the
 * probe only answers "did it work this time, and why not".
 */
public interface Probe {

    /**
     * Starts one check. The stage must complete on its own within the probe's timeout (connect_timeout); a stage
     * that completes exceptionally counts as a failure with the exception as reason.
     */
    CompletionStage<CheckResult> check();
}
