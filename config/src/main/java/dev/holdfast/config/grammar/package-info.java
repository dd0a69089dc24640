/**
 * The grammar as data: one keyword table per block (name, handler, deprecated alias, support status), the value
 * readers every handler uses, and the nearest-keyword suggestions. The tables also generate the compatibility
 * table in docs/.
 */
package dev.holdfast.config.grammar;
