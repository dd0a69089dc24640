package dev.holdfast.healthcheck.spec;

/**
 * One checker block inside a real_server. Each type says what to probe; {@link #policy()} says when and how
 * forgiving to be. New checker types (MISC_CHECK, DNS_CHECK, ...) join the permits list.
 */
public sealed interface CheckerSpec permits TcpCheckSpec, HttpGetSpec {

    CheckPolicy policy();

    /** The keepalived block name, for logs: "TCP_CHECK", "HTTP_GET". */
    String type();
}
