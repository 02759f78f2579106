/*
 * The schedule factories for Kotlin callers, taking any number: Kotlin converts an integer literal to a
 * Double parameter nowhere, so `linear(0, 3e-4, 1_000)` and `warmup(s, 400)` need these. Import them next
 * to the Java factories (`import dev.schedtune.dsl.Schedules.*` and `import dev.schedtune.dsl.kotlin.*`):
 * with double arguments the Java factory is chosen (it is the more specific), with integers these.
 * They need kotlin-stdlib, which a Kotlin program has; Java programs never load them.
 */
@file:JvmName("KotlinSchedules")

package dev.schedtune.dsl.kotlin

import dev.schedtune.dsl.Curve
import dev.schedtune.dsl.Schedule
import dev.schedtune.dsl.Schedules
import dev.schedtune.dsl.combinators.Repeat
import dev.schedtune.dsl.combinators.Warmup
import dev.schedtune.dsl.primitives.Constant
import dev.schedtune.dsl.primitives.Cosine
import dev.schedtune.dsl.primitives.ExponentialDecay
import dev.schedtune.dsl.primitives.Linear
import dev.schedtune.dsl.primitives.OneCycle
import dev.schedtune.dsl.primitives.Polynomial

/** [Schedules.constant] with any number. */
fun constant(value: Number): Constant = Schedules.constant(value.toDouble())

/** [Schedules.linear]: `linear(0, 3e-4, 1_000)`. */
fun linear(from: Number, to: Number, steps: Number): Linear =
    Schedules.linear(from.toDouble(), to.toDouble(), steps.toDouble())

/** [Schedules.cosine]. */
fun cosine(from: Number, to: Number, steps: Number): Cosine =
    Schedules.cosine(from.toDouble(), to.toDouble(), steps.toDouble())

/** [Schedules.cosineWarmRestarts]. */
fun cosineWarmRestarts(max: Number, min: Number, period: Number): Repeat =
    Schedules.cosineWarmRestarts(max.toDouble(), min.toDouble(), period.toDouble())

/** [Schedules.exponentialDecay] with a transition length. */
fun exponentialDecay(init: Number, decayRate: Number, transitionSteps: Number): ExponentialDecay =
    Schedules.exponentialDecay(init.toDouble(), decayRate.toDouble(), transitionSteps.toDouble())

/** [Schedules.stepDecay]. */
fun stepDecay(init: Number, gamma: Number, stepSize: Number): ExponentialDecay =
    Schedules.stepDecay(init.toDouble(), gamma.toDouble(), stepSize.toDouble())

/** [Schedules.polynomial]. */
fun polynomial(from: Number, to: Number, steps: Number, power: Number): Polynomial =
    Schedules.polynomial(from.toDouble(), to.toDouble(), steps.toDouble(), power.toDouble())

/** [Schedules.oneCycle]: `oneCycle(0.1, 1_000)`. */
fun oneCycle(maxLr: Number, totalSteps: Number): OneCycle = Schedules.oneCycle(maxLr.toDouble(), totalSteps.toDouble())

/** [Schedules.warmup]: `warmup(cosine(3e-4, 0, 9_000), 1_000)`. */
fun warmup(main: Schedule, steps: Number): Warmup = Schedules.warmup(main, steps.toDouble())

/** [Schedule.withWarmup]: `schedule.withWarmup(400)`. */
fun Schedule.withWarmup(steps: Number): Curve = withWarmup(steps.toDouble())

/** [Schedule.withWarmup] from `startValue`. */
fun Schedule.withWarmup(steps: Number, startValue: Number): Curve = withWarmup(steps.toDouble(), startValue.toDouble())

/** [Schedule.repeat]: restarted every `period` steps. */
fun Schedule.repeat(period: Number): Curve = repeat(period.toDouble())
