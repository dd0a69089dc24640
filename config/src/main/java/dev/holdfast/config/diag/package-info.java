/** Positioned messages (file:line:col) produced while reading a configuration; the only way problems leave config/. */
package dev.holdfast.config.diag;
