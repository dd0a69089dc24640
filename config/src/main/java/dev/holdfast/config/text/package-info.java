/**
 * Bytes to lines: UTF-8 decoding with positioned complaints, and the repair of copy-paste damage (no-break and
 * ideographic spaces, typographic quotes, stray backquotes, full-width colons) that keepalived silently misreads.
 */
package dev.holdfast.config.text;
