package dev.holdfast.healthcheck.spec;

/** A checker that runs on a timer: {@link #policy()} says when, and how forgiving to be. */
public sealed interface ScheduledCheckSpec extends CheckerSpec permits TcpCheckSpec, HttpGetSpec, MiscCheckSpec,
        SmtpCheckSpec, DnsCheckSpec, UdpCheckSpec, PingCheckSpec {

    CheckPolicy policy();
}
