/**
 * keepalived.conf front end: reads a configuration the way keepalived does, repairs what copy-paste damaged,
 * resolves every default once and hands out an immutable model with positioned diagnostics.
 * Depends on nothing of holdfast's; every other module depends on it.
 */
package dev.holdfast.config;
