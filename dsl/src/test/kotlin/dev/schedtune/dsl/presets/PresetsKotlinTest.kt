package dev.schedtune.dsl.presets

import dev.schedtune.dsl.ScheduleSet
import dev.schedtune.dsl.spec.KindRegistry
import dev.schedtune.dsl.template.Template
import dev.schedtune.dsl.template.Tune
import kotlin.math.abs
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNull
import kotlin.test.assertTrue

/** The presets as a Kotlin user meets them: factories, builders, indexing, sets, templates. */
class PresetsKotlinTest {
    @Test
    fun `a preset reads like the anchor call and indexes like any schedule`() {
        val cosine = Torch.cosineAnnealingLR(0.1, 100)
        assertEquals(0.1, cosine[0])
        assertEquals("torch.CosineAnnealingLR(base_lr=0.1, T_max=100)", cosine.spec().toString())
        assertTrue(abs(cosine[100]) < 1e-15)
        assertEquals(cosine[10], cosine(10))
        val clamped = cosine.holdAfterHorizon() * 0.5
        assertEquals(clamped[100], clamped[150])
    }

    @Test
    fun `builders take the many optional keyword arguments`() {
        val oneCycle: ScheduleSet = Torch.oneCycleLRBuilder(1.0)
            .totalSteps(10)
            .annealStrategy(Torch.AnnealStrategy.LINEAR)
            .build()
        assertEquals(1.0, oneCycle.valueAt("lr", 2))
        assertEquals(0.85, oneCycle.valueAt("momentum", 2))
        val noMomentum = Torch.oneCycleLRBuilder(1.0).totalSteps(10).cycleMomentum(false).build()
        assertNull(noMomentum.getOrNull("momentum"))

        val timm = Timm.cosineLRSchedulerBuilder(1.0, 4)
            .lrMin(0.1)
            .warmupT(2)
            .warmupLrInit(0.01)
            .build()
        assertEquals(listOf(0.01, 0.505, 0.55), (0 until 3).map { Math.round(timm[it] * 1e6) / 1e6 })
    }

    @Test
    fun `a preset's arguments can be tuned with a template`() {
        val template = Template.from(Optax.warmupCosineDecaySchedule(0.0, 0.1, 10, 100))
            .with("$.peak_value", Tune.logUniform("peak", 1e-3, 1.0))
            .with("$.warmup_steps", Tune.integer("warmup", 0, 20))
        val bound = template.bindSchedule(mapOf("peak" to 0.3, "warmup" to 5L))
        assertEquals(Optax.warmupCosineDecaySchedule(0.0, 0.3, 5, 100), bound)
        assertEquals(0.3, bound[5])
        assertEquals(listOf("peak", "warmup"), template.space().map { it.name() })
    }

    @Test
    fun `bad arguments name the anchor's parameter`() {
        val e = assertFailsWith<IllegalArgumentException> { Djl.cosineTracker(1.0, 0) }
        assertEquals("max_updates (0) must be > 0", e.message)
        val fromConfig = assertFailsWith<IllegalArgumentException> {
            KindRegistry.builtIn().build(Torch.stepLR(0.1, 3).spec().let {
                dev.schedtune.dsl.spec.ScheduleSpec.of(it.kind(), it.args() + ("gamma" to -1.0))
            })
        }
        assertEquals("$.gamma: gamma (-1.0) must be > 0", fromConfig.message)
    }
}
