/**
 * Checker benchmarks with real sockets: how long a dead real server stays in the desired table
 * ({@link dev.holdfast.bench.checkers.DeathToRemoval}), and what thousands of HTTP_GET checkers cost
 * ({@link dev.holdfast.bench.checkers.CheckerLoad}). Run by {@code bench/checkers}.
 */
package dev.holdfast.bench.checkers;
