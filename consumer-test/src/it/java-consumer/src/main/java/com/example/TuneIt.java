package com.example;

import static dev.schedtune.dsl.Schedules.cosine;
import static dev.schedtune.dsl.Schedules.linear;

import dev.schedtune.dsl.Schedtune;
import dev.schedtune.dsl.Schedule;
import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.dsl.config.ConfigFormat;
import dev.schedtune.dsl.config.Configs;
import dev.schedtune.dsl.template.Template;
import dev.schedtune.dsl.template.Tune;
import dev.schedtune.export.PytorchExport;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.Storages;
import dev.schedtune.search.Study;
import dev.schedtune.search.TrialBudget;
import dev.schedtune.search.trial.TrialState;
import dev.schedtune.search.sampler.tpe.TpeSampler;
import dev.schedtune.trainers.data.TaskSpec;
import dev.schedtune.trainers.model.ModelSpec;
import dev.schedtune.trainers.pool.WorkerPool;
import dev.schedtune.trainers.tuning.ScheduleTuning;
import dev.schedtune.trainers.tuning.TuningObjective;
import java.nio.file.Files;
import java.nio.file.Path;

/** A new user's first program: a schedule, its config and PyTorch file, and 3 tuning trials in worker processes. */
public final class TuneIt {
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        System.out.println("schedtune " + Schedtune.version());
        String lang3 = Class.forName("org.apache.commons.lang3.StringUtils").getPackage().getImplementationVersion();
        check(args[1].equals(lang3), "commons-lang3 " + args[1] + " on the classpath, not " + lang3);

        Schedule lr = linear(0, 3e-4, 100).then(cosine(3e-4, 3e-5, 900));
        String yaml = Configs.write(lr, ConfigFormat.YAML);
        Files.writeString(out.resolve("schedule.yaml"), yaml);
        Schedule back = Configs.load(out.resolve("schedule.yaml")).get(ScheduleSet.LR);
        check(back.valueAt(50) == lr.valueAt(50) && back.valueAt(500) == lr.valueAt(500), "the config reads back");
        String python = PytorchExport.builder().build().python(ScheduleSet.of(lr));
        check(python.contains("def lr_lambda"), "the PyTorch file defines lr_lambda");

        TaskSpec task = TaskSpec.twoSpirals(200, 0.05, 3);
        int epochs = 2;
        int batch = 32;
        long steps = (long) epochs * ((task.load().train().size() + batch - 1) / batch);
        Template template = Template.from(cosine(0.1, 0, steps)).with("$.from", Tune.logUniform("peak", 0.01, 0.3));
        Path db = out.resolve("study.db");
        Files.deleteIfExists(db);
        try (WorkerPool pool = WorkerPool.builder().workers(1).build();
                Study study = Study.builder("consumer")
                        .directions(TuningObjective.VALIDATION_LOSS.direction(), TuningObjective.SECONDS.direction())
                        .objectiveNames("validation_loss", "seconds")
                        .sampler(TpeSampler.create())
                        .storage(Storages.open(db.toString()))
                        .seed(1)
                        .create()) {
            ScheduleTuning tuning = ScheduleTuning.builder(task, ModelSpec.mlp(16), template)
                    .objectives(TuningObjective.VALIDATION_LOSS, TuningObjective.SECONDS)
                    .epochs(epochs)
                    .batchSize(batch)
                    .pool(pool)
                    .build();
            study.optimizeMulti(tuning.asMultiObjective(), TrialBudget.total(3));
            for (FrozenTrial t : study.trials()) {
                System.out.println("trial " + t.number() + " " + t.state() + " " + t.valueList() + " " + t.params());
                check(t.state() == TrialState.COMPLETE, "trial " + t.number() + " is COMPLETE: " + t.systemAttrs());
            }
            check(study.trials().size() == 3, "3 trials ran");
        }
        System.out.println("OK: java consumer");
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError("expected: " + what);
        }
    }
}
