/**
 * The IPVS table as data: services, destinations, the operations that change them, the pure
 * {@link dev.holdfast.ipvs.Reconciler} that plans those operations and the ipvsadm-style
 * {@link dev.holdfast.ipvs.PlanPrinter}. Depends on the JDK only; talking to the kernel lives in
 * {@code dev.holdfast.ipvs.kernel}.
 */
package dev.holdfast.ipvs;
