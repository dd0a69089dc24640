/**
 * The resolved inputs of the health checker: one record per virtual server, real server, sorry server and
 * checker, every value explicit. The config module resolves keepalived's defaults and inheritance chain and maps
 * its model onto these records; nothing in this module guesses a default. Depends on nothing but the JDK.
 */
package dev.holdfast.healthcheck.spec;
