/*
 * The DSL quick start, in Kotlin: schedules read with [] or (), combine with * and +, lambdas are
 * schedules, and sets answer `in`.
 *
 *   mvn -q -pl examples -am compile -Dexample=kotlin.QuickStartKt
 */
package dev.schedtune.examples.kotlin

import dev.schedtune.dsl.Schedule
import dev.schedtune.dsl.ScheduleSet
import dev.schedtune.dsl.Schedules.constant
import dev.schedtune.dsl.Schedules.cosine
import dev.schedtune.dsl.Schedules.cosineWarmRestarts
import dev.schedtune.dsl.Schedules.linear
import dev.schedtune.dsl.Schedules.oneCycle
import dev.schedtune.export.Plot

fun main() {
    // a primitive, read at any step
    val decay = cosine(1e-3, 1e-5, 1_000.0)
    println("cosine at 0, 500, 1000: ${decay[0]}, ${decay[500]}, ${decay(1_000)}")

    // composition reads as a sentence: warm up, then restart cosines, never below 1e-5
    val lr = linear(0.0, 3e-4, 1_000.0).then(cosineWarmRestarts(3e-4, 3e-5, 10_000.0)).floor(1e-5)
    println("warmup + restarts at 500: ${lr[500]}; at 11000 (a restart): ${lr[11_000]}")

    // arithmetic on schedules, and a lambda is a schedule too
    val halved = lr * 0.5 + constant(1e-6)
    val inverse = Schedule { step -> 1e-2 / (step + 1) }
    println("halved + 1e-6 at 500: ${halved[500]}; inverse-time lambda at 99: ${inverse[99]}")

    // one-cycle drives the lr and, inversely, the momentum
    val set: ScheduleSet = oneCycle(0.1, 1_000.0).asSet()
    println("one-cycle at its peak: lr ${set["lr"][300]}, momentum ${set["momentum"][300]}; beta1 in set: ${"beta1" in set}")

    // the whole curve, idiomatically
    val curve = (0 until 20_000 step 1_000).map { lr[it] }
    println("every 1000 steps: ${curve.joinToString { "%.2e".format(it) }}")

    // every built-in schedule is data
    println("as data: ${halved.spec()}")
    print(Plot.builder().steps(1_000).add("", set).title("one-cycle: lr and momentum").build().ascii(72, 8))
}
