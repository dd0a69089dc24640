/**
 * The resolved configuration: immutable records with every keepalived default filled in, so no other module ever
 * guesses a default. Field names follow keepalived's keywords.
 */
package dev.holdfast.config.model;
