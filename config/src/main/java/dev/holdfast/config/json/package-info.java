/** The resolved model as JSON (holdfast -d): stable snake_case field names, every default present. */
package dev.holdfast.config.json;
