/*
 * A tuning run in Kotlin: a schedule template read from a config, two spirals learned by a small MLP,
 * MOTPE searching for low validation loss and few seconds, the Pareto pruner, two worker processes and
 * a SQLite study.
 *
 *   mvn -q -pl examples -am compile -Dexample=kotlin.TuningKt -Dexample.args="20 12"
 */
package dev.schedtune.examples.kotlin

import dev.schedtune.dsl.config.ConfigFormat
import dev.schedtune.dsl.config.Configs
import dev.schedtune.dsl.spec.KindRegistry
import dev.schedtune.dsl.template.Template
import dev.schedtune.search.Storages
import dev.schedtune.search.Study
import dev.schedtune.search.TrialBudget
import dev.schedtune.search.pruner.ParetoPruner
import dev.schedtune.search.sampler.tpe.TpeSampler
import dev.schedtune.trainers.data.TaskSpec
import dev.schedtune.trainers.model.ModelSpec
import dev.schedtune.trainers.pool.WorkerPool
import dev.schedtune.trainers.tuning.ScheduleTuning
import dev.schedtune.trainers.tuning.TuningObjective
import java.nio.file.Files
import java.nio.file.Path

/** One-cycle or exponential decay over the whole run, in optimizer steps. */
private fun template(totalSteps: Long): Template {
    val yaml = """
        type: template
        schedule:
          type: tune_choice
          name: family
          labels: [one_cycle, exp_decay]
          options:
            - type: one_cycle_set
              max_lr: {type: tune_float, name: max_lr, low: 0.01, high: 1.0, log: true}
              pct_start: {type: tune_float, name: pct_start, low: 0.1, high: 0.5}
              total_steps: $totalSteps
            - type: exponential_decay
              init: {type: tune_float, name: init_lr, low: 0.01, high: 1.0, log: true}
              decay_rate: {type: tune_float, name: final_ratio, low: 0.001, high: 0.5, log: true}
              transition_steps: $totalSteps
    """.trimIndent()
    return Configs.parse(yaml, ConfigFormat.YAML, "template").build(KindRegistry.builtIn()) as Template
}

fun main(args: Array<String>) {
    val trials = args.getOrNull(0)?.toInt() ?: 20
    val epochs = args.getOrNull(1)?.toInt() ?: 12
    val db = Path.of(args.getOrNull(2) ?: "spirals-kotlin.db").also { Files.deleteIfExists(it) }

    val task = TaskSpec.twoSpirals(600, 0.05, 3)
    val batchSize = 32
    val stepsPerEpoch = (task.load().train().size() + batchSize - 1) / batchSize
    val tuning = ScheduleTuning.builder(task, ModelSpec.mlp(32, 32), template(epochs.toLong() * stepsPerEpoch))
        .objectives(TuningObjective.VALIDATION_LOSS, TuningObjective.SECONDS)
        .epochs(epochs)
        .batchSize(batchSize)

    Storages.sqlite(db).use { storage ->
        WorkerPool.builder().workers(2).build().use { pool ->
            val objective = tuning.pool(pool).build()
            val study = Study.builder("spirals")
                .directions(objective.directions())
                .sampler(TpeSampler.create())
                .pruner(ParetoPruner.create())
                .storage(storage)
                .seed(5)
                .create()
            study.optimizeMulti(objective.asMultiObjective(), TrialBudget.total(trials), null, 2)

            val front = study.bestTrials().sortedBy { it.values()!![1] }
            println("Pareto front after ${study.trials().size} trials (validation loss, seconds):")
            front.forEach { t ->
                val (loss, seconds) = t.values()!!.let { it[0] to it[1] }
                println("  #%-3d %-10s loss %.4f  %.2f s  %s".format(t.number(), t.params()["family"], loss, seconds, t.params()))
            }
        }
    }
}
