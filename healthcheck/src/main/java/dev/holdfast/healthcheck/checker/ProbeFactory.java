package dev.holdfast.healthcheck.checker;

import dev.holdfast.healthcheck.spec.HttpGetSpec;
import dev.holdfast.healthcheck.spec.RealServerSpec;
import dev.holdfast.healthcheck.spec.ScheduledCheckSpec;
import dev.holdfast.healthcheck.spec.UrlSpec;

/** Builds the probes for checker blocks, so virtual servers can be tested with scripted probes. */
public interface ProbeFactory {

    /** The probe of a single-step checker (everything but HTTP_GET/SSL_GET) against {@code realServer}. */
    Probe probe(ScheduledCheckSpec checker, RealServerSpec realServer);

    /** The probe of one url of an HTTP_GET checker. */
    Probe urlProbe(HttpGetSpec checker, UrlSpec url, RealServerSpec realServer);
}
