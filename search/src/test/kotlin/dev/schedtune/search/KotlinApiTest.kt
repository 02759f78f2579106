package dev.schedtune.search

import dev.schedtune.search.pruner.ParetoPruner
import dev.schedtune.search.sampler.HaltonSampler
import dev.schedtune.search.trial.StudyDirection
import dev.schedtune.search.trial.TrialState
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import java.nio.file.Path
import java.time.Duration

/** The Kotlin example of search/README.md, compiled and run: the Java API must read naturally from Kotlin. */
class KotlinApiTest {
    @TempDir
    lateinit var dir: Path

    @Test
    fun `readme example tunes two objectives with pruning on SQLite`() {
        Storages.sqlite(dir.resolve("tune.db")).use { storage ->
            val study = Study.builder("kotlin-demo")
                .directions(StudyDirection.MINIMIZE, StudyDirection.MINIMIZE)
                .sampler(HaltonSampler.create())
                .pruner(ParetoPruner.create())
                .storage(storage)
                .seed(42)
                .create()

            study.optimizeMulti({ trial ->
                val lr = trial.suggestFloatLog("lr", 1e-4, 1.0)
                val warmup = trial.suggestInt("warmup", 0, 500)
                val schedule = trial.suggestCategorical("schedule", "cosine", "linear")
                var loss = 1.0
                for (epoch in 0 until 5) {
                    loss = loss * (1 - lr) + (if (schedule == "cosine") 0.0 else 0.01)
                    trial.report(epoch.toLong(), loss, warmup * 0.001)
                    if (trial.shouldPrune()) throw TrialPrunedException()
                }
                doubleArrayOf(loss, warmup * 0.001)
            }, TrialBudget.total(40), Duration.ofMinutes(1), 2)

            val front = study.bestTrials()
            assertThat(front).isNotEmpty
            front.forEach { t -> assertThat(t.params()).containsKeys("lr", "warmup", "schedule") }
            assertThat(study.trials()).hasSize(40)
        }
    }

    @Test
    fun `single objective, ask and tell, enqueue and attributes`() {
        val study = Study.builder("ask-tell").seed(1).create()
        study.enqueueTrial(mapOf("x" to 0.5))
        val trial = study.ask()
        val x = trial.suggestFloat("x", 0.0, 1.0)
        trial.setUserAttr("note", listOf(1, 2))
        study.tell(trial, (x - 0.3) * (x - 0.3))
        study.optimize({ t -> t.suggestFloat("x", 0.0, 1.0) }, TrialBudget.more(5))
        assertThat(study.bestTrial().number()).isGreaterThanOrEqualTo(0)
        assertThat(study.trials()[0].params()["x"]).isEqualTo(0.5)
        assertThat(study.trials()[0].userAttrs()["note"]).isEqualTo(listOf(1L, 2L))
        assertThat(study.trials(TrialState.COMPLETE)).hasSize(6)
    }
}
