package com.example

import dev.schedtune.dsl.ScheduleSet
import dev.schedtune.dsl.Schedtune
import dev.schedtune.dsl.Schedules.*
import dev.schedtune.dsl.config.ConfigFormat
import dev.schedtune.dsl.config.Configs
import dev.schedtune.dsl.kotlin.*
import dev.schedtune.dsl.template.Template
import dev.schedtune.dsl.template.Tune
import dev.schedtune.export.PytorchExport
import dev.schedtune.search.Storages
import dev.schedtune.search.Study
import dev.schedtune.search.TrialBudget
import dev.schedtune.search.trial.TrialState
import dev.schedtune.search.sampler.tpe.TpeSampler
import dev.schedtune.trainers.data.TaskSpec
import dev.schedtune.trainers.model.ModelSpec
import dev.schedtune.trainers.pool.WorkerPool
import dev.schedtune.trainers.tuning.ScheduleTuning
import dev.schedtune.trainers.tuning.TuningObjective
import java.nio.file.Files
import java.nio.file.Path

/** The Kotlin user's first program: lengths as integers, `use {}` for the pool and the study. */
fun main(args: Array<String>) {
    val out = Path.of(args[0])
    println("schedtune ${Schedtune.version()}")

    val lr = linear(0, 3e-4, 100).then(cosine(3e-4, 3e-5, 900))
    Files.writeString(out.resolve("schedule.yaml"), Configs.write(lr, ConfigFormat.YAML))
    val back = Configs.load(out.resolve("schedule.yaml"))[ScheduleSet.LR]
    check(back[500] == lr[500]) { "the config reads back" }
    check("def lr_lambda" in PytorchExport.builder().build().python(ScheduleSet.of(lr))) { "lr_lambda" }

    val task = TaskSpec.twoSpirals(200, 0.05, 3)
    val epochs = 2
    val batch = 32
    val steps = epochs * ((task.load().train().size() + batch - 1) / batch)
    val template = Template.from(warmup(cosine(0.1, 0, steps), steps / 10))
        .with("$.steps", Tune.integer("warmup", 0, steps / 4))
        .with("$.schedule.from", Tune.logUniform("peak", 0.01, 0.3))
    println("template paths: ${template.paths().keys}")
    val db = out.resolve("study.db").also { Files.deleteIfExists(it) }

    WorkerPool.builder().workers(1).build().use { pool ->
        Study.builder("kotlin-consumer")
            .directions(TuningObjective.VALIDATION_LOSS.direction(), TuningObjective.SECONDS.direction())
            .objectiveNames("validation_loss", "seconds")
            .sampler(TpeSampler.create())
            .storage(Storages.open(db.toString()))
            .seed(2)
            .create()
            .use { study ->
                val tuning = ScheduleTuning.builder(task, ModelSpec.mlp(16), template)
                    .objectives(TuningObjective.VALIDATION_LOSS, TuningObjective.SECONDS)
                    .epochs(epochs)
                    .batchSize(batch)
                    .pool(pool)
                    .build()
                study.optimizeMulti(tuning.asMultiObjective(), TrialBudget.total(3))
                for (t in study.trials()) {
                    val (loss, seconds) = t.valueList()
                    println("trial ${t.number()} ${t.state()} loss $loss, $seconds s ${t.params()}")
                    check(t.state() == TrialState.COMPLETE) { "trial ${t.number()}: ${t.systemAttrs()}" }
                }
                check(study.trials().size == 3) { "3 trials" }
            }
    }
    println("OK: kotlin consumer")
}
