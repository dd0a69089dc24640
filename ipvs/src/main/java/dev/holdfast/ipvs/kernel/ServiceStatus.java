package dev.holdfast.ipvs.kernel;

import dev.holdfast.ipvs.Service;
import dev.holdfast.ipvs.Stats;

/** A service read from the kernel, with its counters. */
public record ServiceStatus(Service service, Stats stats) {}
