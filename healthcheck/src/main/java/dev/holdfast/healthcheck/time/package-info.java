/**
 * Time as an injected dependency: a {@link dev.holdfast.healthcheck.time.Scheduler} owns the clock, the timers and
 * the one thread all checker and virtual-server state lives on, so tests drive it with a manual clock and
 * production drives it with the socket loop ({@code dev.holdfast.healthcheck.socket.SocketLoop}) or a Netty event
 * loop. Depends on the JDK and Netty only.
 */
package dev.holdfast.healthcheck.time;
