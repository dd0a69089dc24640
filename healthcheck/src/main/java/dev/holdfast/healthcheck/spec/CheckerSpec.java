package dev.holdfast.healthcheck.spec;

/**
 * One checker block inside a real_server. Timer-driven checkers are {@link ScheduledCheckSpec}s; FILE_CHECK is
 * driven by file changes instead. New checker types join the permits lists.
 */
public sealed interface CheckerSpec permits ScheduledCheckSpec, FileCheckSpec {

    /** The keepalived block name, for logs: "TCP_CHECK", "HTTP_GET". */
    String type();
}
