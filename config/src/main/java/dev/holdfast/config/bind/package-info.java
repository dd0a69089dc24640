/**
 * Reads statement trees into the model through the keyword tables: one binder per area (global, LVS, VRRP),
 * inheritance and defaults resolved when each block is built, cross-references checked once everything is read.
 */
package dev.holdfast.config.bind;
