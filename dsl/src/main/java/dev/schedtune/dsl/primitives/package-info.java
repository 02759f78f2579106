/**
 * The primitive schedule families, each a closed form of the (real-valued) step: constant, linear,
 * cosine, exponential decay, piecewise constant and interpolated, polynomial, inverse square root,
 * inverse time, tanh, cyclic (CLR), cyclic exponential decay, one-cycle and warmup-stable-decay.
 * Build them with {@link dev.schedtune.dsl.Schedules} or the classes' static factories and builders.
 */
@NullMarked
package dev.schedtune.dsl.primitives;

import org.jspecify.annotations.NullMarked;
