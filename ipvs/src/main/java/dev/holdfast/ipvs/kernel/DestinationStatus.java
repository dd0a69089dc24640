package dev.holdfast.ipvs.kernel;

import dev.holdfast.ipvs.Destination;
import dev.holdfast.ipvs.Stats;

/** A destination read from the kernel, with its connection counts and counters. */
public record DestinationStatus(Destination destination, long activeConnections, long inactiveConnections,
                                long persistentConnections, Stats stats) {}
