/**
 * {@code holdfast genhash}: keepalived's genhash, the MD5 of a page's body as HTTP_GET/SSL_GET computes it, fetched
 * with the checkers' own exchange ({@code probe.HttpExchange}) so the digest is the one the checker will compare.
 * Depends on {@code spec}, {@code probe} and Netty.
 */
package dev.holdfast.healthcheck.genhash;
