/**
 * keepalived's line-level language, applied before any keyword is read: comments, includes with globs and brace
 * expansion, {@code @id} conditionals, {@code $NAME} parameters (single and multi-line), {@code ~SEQ}/{@code ~LST}.
 * Produces positioned logical lines; knows nothing of keywords.
 */
package dev.holdfast.config.pre;
