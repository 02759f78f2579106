/**
 * Runnable Java examples: the DSL, presets, exports, an ask/tell loop and a tuning run on a CSV task.
 * Kotlin examples are in {@code dev.schedtune.examples.kotlin}.
 */
@NullMarked
package dev.schedtune.examples;

import org.jspecify.annotations.NullMarked;
