package dev.schedtune.examples;

import dev.schedtune.dsl.Schedules;
import dev.schedtune.dsl.combinators.Warmup;
import dev.schedtune.dsl.config.ConfigFormat;
import dev.schedtune.dsl.config.Configs;
import dev.schedtune.dsl.template.Template;
import dev.schedtune.dsl.template.Tune;
import dev.schedtune.search.Storages;
import dev.schedtune.search.Study;
import dev.schedtune.search.TrialBudget;
import dev.schedtune.search.pruner.ParetoPruner;
import dev.schedtune.search.sampler.tpe.TpeSampler;
import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.trainers.data.CsvOptions;
import dev.schedtune.trainers.data.TaskSpec;
import dev.schedtune.trainers.model.ModelSpec;
import dev.schedtune.trainers.optim.OptimizerSpec;
import dev.schedtune.trainers.pool.WorkerPool;
import dev.schedtune.trainers.train.TrainingPlan;
import dev.schedtune.trainers.tuning.ScheduleTuning;
import dev.schedtune.trainers.tuning.TrialRecord;
import dev.schedtune.trainers.tuning.TuningObjective;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Tuning a schedule on your own data, from Java: a CSV file (a header row, the class in column
 * "label"), a small MLP trained by Adam, a warmup-cosine template whose peak lr and warmup length the
 * study searches for low validation loss and few seconds, two trials at a time in worker processes, the
 * study in a SQLite file. The same study as a config: examples/configs/studies/csv-task.yaml.
 *
 * <pre>mvn -q -pl examples -am compile -Dexample=TuneOnCsv \
 *     -Dexample.args="examples/data/three-moons.csv 30 20"</pre>
 */
public final class TuneOnCsv {
    private TuneOnCsv() {}

    public static void main(String[] args) throws Exception {
        Path csv = Path.of(args.length > 0 ? args[0] : "examples/data/three-moons.csv");
        int trials = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        Path db = Path.of(args.length > 3 ? args[3] : "three-moons-java.db");

        TaskSpec task = TaskSpec.csv(CsvOptions.classification(csv)
                .withLabelColumn("label")
                .withStandardize(true)
                .withValidationSplit(0.25, 0));
        int batchSize = 32;
        // schedules count optimizer steps: the run has epochs * ceil(training rows / batch size) of them
        int stepsPerEpoch = (task.load().train().size() + batchSize - 1) / batchSize;
        long totalSteps = (long) epochs * stepsPerEpoch;

        // the family: a cosine from a peak to zero over the run, its start replaced by a linear warmup;
        // the study picks the peak and the warmup's length
        Template template = Template.from(Schedules.warmupOverlay(
                        Schedules.cosine(0.01, 0, totalSteps), 0.1 * totalSteps, 0, Warmup.Shape.LINEAR))
                .with("$.schedule.from", Tune.logUniform("peak_lr", 1e-3, 0.1))
                .with("$.steps", Tune.uniform("warmup_steps", 0, 0.3 * totalSteps));

        Files.deleteIfExists(db);
        try (Storage storage = Storages.sqlite(db);
                WorkerPool pool = WorkerPool.builder().workers(2).build()) {
            ScheduleTuning tuning = ScheduleTuning.builder(task, ModelSpec.mlp(32, 32), template)
                    .optimizer(OptimizerSpec.adam())
                    .epochs(epochs)
                    .batchSize(batchSize)
                    .objectives(TuningObjective.VALIDATION_LOSS, TuningObjective.SECONDS)
                    .pool(pool)
                    .build();
            Study study = Study.builder("three-moons")
                    .directions(tuning.directions())
                    .sampler(TpeSampler.create())
                    .pruner(ParetoPruner.create())
                    .storage(storage)
                    .seed(1)
                    .create();
            study.optimizeMulti(tuning.asMultiObjective(), TrialBudget.total(trials), null, 2);

            System.out.println("Pareto front (validation loss, seconds) after "
                    + study.trials().size() + " trials:");
            FrozenTrial fastest = null;
            for (FrozenTrial t : study.bestTrials()) {
                System.out.println(String.format(
                        Locale.ROOT,
                        "  #%-3d loss %.4f  %.2f s  accuracy %.3f  %s",
                        t.number(),
                        t.values().get(0),
                        t.values().get(1),
                        TrialRecord.from(t).accuracy().orElse(Double.NaN),
                        t.params()));
                if (fastest == null || t.values().get(1) < fastest.values().get(1)) {
                    fastest = t;
                }
            }
            // the chosen schedule as a config, ready for `schedtune plot` or PyTorch export
            if (fastest != null) {
                Map<String, Object> values = Map.copyOf(fastest.params());
                TrainingPlan plan = tuning.plan(values);
                System.out.print(Configs.write(plan.schedules(), ConfigFormat.YAML));
            }
        }
    }
}
