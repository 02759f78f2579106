package dev.schedtune.cli.tune;

import dev.schedtune.cli.study.StudyAttrs;
import dev.schedtune.cli.tune.config.StudyConfig;
import dev.schedtune.cli.tune.config.StudyConfigReader;
import dev.schedtune.cli.worker.WorkerJob;
import dev.schedtune.dsl.config.ConfigFormat;
import dev.schedtune.dsl.spec.KindRegistry;
import dev.schedtune.trainers.pool.WorkerPool;
import dev.schedtune.trainers.tuning.StopSignal;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * Lets {@code schedtune worker} run the studies {@code schedtune tune} creates: they store their study config
 * (system attribute {@value StudyAttrs#CONFIG}), from which the worker rebuilds the sampler, the pruner and
 * the training objective; trials train in a pool of {@code --jobs} worker processes, as {@code tune}'s do.
 * The budget is the config's {@code trials}.
 */
public final class ScheduleWorkerJob implements WorkerJob {
    private final KindRegistry registry;

    public ScheduleWorkerJob(KindRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Optional<Plan> plan(
            String study,
            Map<String, @Nullable Object> userAttrs,
            Map<String, @Nullable Object> systemAttrs,
            int jobs) {
        Object stored = systemAttrs.get(StudyAttrs.CONFIG);
        if (!(stored instanceof String)) {
            return Optional.empty();
        }
        StudyConfig config = StudyConfigReader.parse(
                (String) stored,
                ConfigFormat.JSON,
                "the stored config of study '" + study + "'",
                Path.of(""),
                registry);
        WorkerPool pool = WorkerPool.builder().workers(jobs).build();
        try {
            return Optional.of(new Plan(
                    "schedule tuning on " + config.task() + ", sampler " + config.sampler() + ", pruner "
                            + config.pruner() + ", " + config.trials() + " trials",
                    config.sampler().create(),
                    config.pruner().create(),
                    config.tuning(pool, StopSignal.NEVER).asMultiObjective(),
                    OptionalInt.of(config.trials()),
                    pool));
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }
}
