package dev.schedtune.cli.worker;

import dev.schedtune.cli.tune.ScheduleWorkerJob;
import dev.schedtune.dsl.spec.KindRegistry;
import java.util.List;

/**
 * The kinds of studies {@code schedtune worker} runs, tried in order: benchmark studies ({@code --benchmark})
 * and the schedule-tuning studies of {@code schedtune tune} ({@link ScheduleWorkerJob}). To let workers run another kind of
 * study, store what it needs with the study when it is created and add a {@link WorkerJob} that
 * recognises it here.
 */
public final class WorkerJobs {
    /** Every job, in the order they are asked. */
    public static final List<WorkerJob> ALL =
            List.of(new BenchmarkJob(), new ScheduleWorkerJob(KindRegistry.builtIn()));

    private WorkerJobs() {}
}
