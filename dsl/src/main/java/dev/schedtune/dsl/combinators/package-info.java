/**
 * Schedules made of schedules: warmup, join (sequence with boundaries), repeat (with period multiplier,
 * per-repetition decay and a cycle limit), scale, offset, shift, clamp, hold after a step, pointwise
 * min/max/product/sum, and epoch time units.
 */
@NullMarked
package dev.schedtune.dsl.combinators;

import org.jspecify.annotations.NullMarked;
