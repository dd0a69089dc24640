/**
 * Talking to kernel IPVS over generic netlink: the numbers from linux/ip_vs.h, the attribute codec for
 * every IPVS command, and {@link dev.holdfast.ipvs.kernel.IpvsClient}, which reads the table, applies
 * operations in pipelined batches and turns kernel errors into one-line messages. Depends on the model in
 * {@code dev.holdfast.ipvs} and on the netlink module.
 */
package dev.holdfast.ipvs.kernel;
