/**
 * Logical lines to a tree of statements: tokens (words, quoted strings, braces) and blocks, with recovery from
 * missing and extra braces. Knows which keywords only exist at top level, nothing else of the grammar.
 */
package dev.holdfast.config.syntax;
