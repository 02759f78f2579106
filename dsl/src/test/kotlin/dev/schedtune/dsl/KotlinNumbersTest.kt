package dev.schedtune.dsl

import dev.schedtune.dsl.Schedules.*
import dev.schedtune.dsl.kotlin.*
import dev.schedtune.dsl.template.Template
import dev.schedtune.dsl.template.Tune
import kotlin.test.Test
import kotlin.test.assertEquals

/** Lengths and bounds as a Kotlin user writes them: integers where the Java API takes doubles or longs. */
class KotlinNumbersTest {
    @Test
    fun `schedules take integer literals and Int variables`() {
        val warmupSteps = 1_000
        val lr = linear(0, 3e-4, warmupSteps).then(cosine(3e-4, 3e-5, 9_000)).floor(3e-5)
        assertEquals(linear(0.0, 3e-4, 1_000.0).then(cosine(3e-4, 3e-5, 9_000.0)).floor(3e-5), lr)
        assertEquals(1.5e-4, lr[500], 1e-12)
        assertEquals(warmup(cosine(0.1, 0.0, 100.0), 10.0), warmup(cosine(0.1, 0, 100), 10))
        assertEquals(cosine(0.1, 0.0, 100.0).withWarmup(10.0), cosine(0.1, 0, 100).withWarmup(10))
        assertEquals(oneCycle(0.1, 1_000.0), oneCycle(0.1, 1_000))
        assertEquals(constant(1.0), constant(1))
    }

    @Test
    fun `tune takes Int bounds and a template lists its paths`() {
        val totalSteps = 400
        val template = Template.from(warmup(cosine(0.1, 0, totalSteps), 40))
            .with("$.steps", Tune.integer("warmup", 0, totalSteps / 4))
            .with("$.schedule.from", Tune.logUniform("peak", 1e-3, 1.0))
        assertEquals(listOf("peak", "warmup"), template.space().map { it.name() })
        val paths = template.paths().keys
        assertEquals(true, "$.schedule.from" in paths && "$.schedule.to" in paths && "$.steps" in paths, "$paths")
        assertEquals(0.5, template.bindSchedule(mapOf("warmup" to 0, "peak" to 0.5))[0])
    }
}
