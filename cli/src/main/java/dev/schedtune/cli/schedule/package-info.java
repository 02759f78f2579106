/**
 * Subcommands that work on schedule configs without training anything: {@code curve}, {@code plot},
 * {@code export}, {@code validate} and {@code presets}.
 */
@NullMarked
package dev.schedtune.cli.schedule;

import org.jspecify.annotations.NullMarked;
