/**
 * The LVS half of the daemon: the config model turned into health-check specs, and the health checker's
 * desired destinations turned into kernel IPVS operations. Depends on config, healthcheck and ipvs.
 */
package dev.holdfast.daemon.lvs;
