package dev.holdfast.healthcheck.checker;

import dev.holdfast.healthcheck.spec.CheckerSpec;
import dev.holdfast.healthcheck.spec.RealServerSpec;

/** Builds the probe for a checker block, so virtual servers can be tested with scripted probes. */
@FunctionalInterface
public interface ProbeFactory {

    /** The probe that runs {@code checker} against {@code realServer}. */
    Probe probe(CheckerSpec checker, RealServerSpec realServer);
}
