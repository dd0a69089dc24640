/**
 * Benchmarks, each reported as a ratio against keepalived or ipvsadm measured in the same run. Timing lives here,
 * never in unit tests.
 */
package dev.holdfast.bench;
