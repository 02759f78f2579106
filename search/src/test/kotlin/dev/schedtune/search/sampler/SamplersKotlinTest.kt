package dev.schedtune.search.sampler

import dev.schedtune.search.Study
import dev.schedtune.search.trial.StudyDirection
import dev.schedtune.search.TrialBudget
import dev.schedtune.search.analysis.HypervolumeHistory
import dev.schedtune.search.sampler.jmetal.Nsga2Sampler
import dev.schedtune.search.sampler.jmetal.SmsEmoaSampler
import dev.schedtune.search.sampler.tpe.TpeSampler
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test
import kotlin.math.ceil
import kotlin.math.ln

/** The samplers' builders and functional settings read naturally from Kotlin. */
class SamplersKotlinTest {
    private fun tune(sampler: Sampler): Study {
        val study = Study.builder()
            .directions(StudyDirection.MINIMIZE, StudyDirection.MINIMIZE)
            .sampler(sampler)
            .seed(7)
            .create()
        study.optimizeMulti({ trial ->
            val lr = trial.suggestFloatLog("lr", 1e-5, 1.0)
            val warmup = trial.suggestInt("warmup", 0, 1000)
            val loss = (ln(lr) + 7).let { it * it } / 10 + warmup / 1000.0
            doubleArrayOf(loss, 1000.0 / (warmup + 1))
        }, TrialBudget.total(60))
        return study
    }

    @Test
    fun `samplers are configured with builders and lambdas`() {
        val samplers = listOf(
            TpeSampler.builder()
                .gamma { n -> minOf(ceil(0.15 * n).toInt(), 20) }
                .weights { n -> DoubleArray(n) { 1.0 } }
                .multivariate(true)
                .build(),
            Nsga2Sampler.builder().populationSize(12).crossoverProbability(0.8).build(),
            SmsEmoaSampler.builder().populationSize(10).build(),
        )
        for (sampler in samplers) {
            val study = tune(sampler)
            val history = HypervolumeHistory.of(study.trials(), study.directions(), 10.0, 1000.0)
            assertThat(history.last()).isGreaterThan(history[9])
        }
    }
}
