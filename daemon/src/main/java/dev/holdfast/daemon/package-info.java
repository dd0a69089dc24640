/**
 * The holdfast process: command line, wiring of the modules, reload, signals, metrics and logging.
 * Depends on every other module; nothing depends on it.
 */
package dev.holdfast.daemon;
