/**
 * Real servers and virtual servers as keepalived's checker process sees them (ipwrapper.c): checker results roll
 * up into real-server state and effective weight, weights roll up into the quorum, and the quorum decides between
 * the real servers and the sorry server. The output is data — the desired destinations of each virtual server
 * and the notifications to deliver — for the IPVS module and the daemon to act on. Depends on {@code spec},
 * {@code time} and {@code checker}.
 */
package dev.holdfast.healthcheck.lvs;
