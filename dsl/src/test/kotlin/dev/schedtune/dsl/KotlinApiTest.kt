package dev.schedtune.dsl

import dev.schedtune.dsl.Schedules.constant
import dev.schedtune.dsl.Schedules.cosine
import dev.schedtune.dsl.Schedules.cosineWarmRestarts
import dev.schedtune.dsl.Schedules.linear
import dev.schedtune.dsl.Schedules.oneCycleBuilder
import dev.schedtune.dsl.primitives.Interpolation
import dev.schedtune.dsl.spec.KindRegistry
import dev.schedtune.dsl.template.Template
import dev.schedtune.dsl.template.Tune
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNull
import kotlin.test.assertTrue

/** The Java API as a Kotlin user meets it: operators, lambdas, null-safety from JSpecify. */
class KotlinApiTest {
    private val lr = linear(0.0, 1e-3, 100.0)
        .then(cosine(1e-3, 1e-5, 900.0))
        .floor(1e-5)

    @Test
    fun `indexing and invoking read a schedule at a step`() {
        assertEquals(1e-3, lr[100])
        assertEquals(lr[50L], lr(50))
        val steps = 0 until 1000
        val values = steps.map { lr[it] }
        assertEquals(1000, values.size)
        assertTrue(values.all { it >= 1e-5 })
    }

    @Test
    fun `arithmetic operators build new schedules`() {
        val half = lr * 0.5
        assertEquals(0.5e-3, half[100])
        val withOffset = lr + 1e-6
        assertEquals(1e-3 + 1e-6, withOffset[100])
        val product = lr * constant(2.0)
        assertEquals(2e-3, product[100])
        val sum = lr + lr
        assertEquals(2e-3, sum[100])
        // combinators of built-ins stay data
        assertEquals("scale", half.spec().kind())
    }

    @Test
    fun `lambdas are schedules and compose`() {
        val inverse = Schedule { step -> 1.0 / (step + 1) }
        val warmed = inverse.withWarmup(10.0)
        assertEquals(1.0, warmed[10])
        assertEquals(0.5, warmed[11])
        assertFailsWith<NotSpecifiedException> { Curve.of(warmed).spec() }
    }

    @Test
    fun `schedule sets use get and in`() {
        val set = oneCycleBuilder(1.0, 10.0).anneal(Interpolation.LINEAR).buildSet()
        assertTrue(ScheduleSet.LR in set)
        assertEquals(1.0, set["lr"][3])
        assertEquals(0.85, set[ScheduleSet.MOMENTUM][3])
        assertNull(set.getOrNull("beta2"))
        val rebuilt = KindRegistry.builtIn().build(set.spec()) as ScheduleSet
        assertEquals(set, rebuilt)
    }

    @Test
    fun `restarts with decaying peaks`() {
        val restarts = cosineWarmRestarts(1.0, 0.0, 10.0, 2.0, 0.5, 3)
        assertEquals(1.0, restarts[0])
        assertEquals(0.5, restarts[10])
        assertEquals(0.25, restarts[30])
        assertEquals(0.0, restarts[70])
        assertEquals(70.0, restarts.horizon())
    }

    @Test
    fun `templates bind a map of values`() {
        val template = Template.from(cosine(1e-3, 0.0, 1000.0))
            .with("$.from", Tune.logUniform("peak", 1e-4, 1e-2))
        assertEquals(listOf("peak"), template.space().map { it.name() })
        val bound = template.bindSchedule(mapOf("peak" to 3e-3))
        assertEquals(3e-3, bound[0])
    }
}
