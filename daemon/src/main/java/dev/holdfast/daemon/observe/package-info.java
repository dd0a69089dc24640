/**
 * What an operator sees of the running director: Prometheus metrics, the JSON status page, the signal dumps
 * (SIGUSR1/SIGUSR2) and the systemd notifications, all rendered from one {@link dev.holdfast.daemon.observe.Snapshot}.
 */
package dev.holdfast.daemon.observe;
