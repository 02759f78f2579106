/**
 * Schedule configs: versioned JSON and YAML documents that describe a schedule, a schedule set or a
 * template as {@code "type"} plus the kind's parameters, read safely (no code runs, no YAML tags or
 * aliases, bounded size and depth) into {@link dev.schedtune.dsl.spec.ScheduleSpec}s and written back
 * with a stable key order. Every problem is one {@link dev.schedtune.dsl.config.ConfigException} naming
 * the file, line, path, bad value and what is allowed. The format is documented in {@code
 * docs/config-format.md}.
 */
@NullMarked
package dev.schedtune.dsl.config;

import org.jspecify.annotations.NullMarked;
