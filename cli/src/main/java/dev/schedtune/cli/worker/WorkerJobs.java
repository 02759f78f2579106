package dev.schedtune.cli.worker;

import java.util.List;

/**
 * The kinds of studies {@code schedtune worker} runs, tried in order. To let workers run another kind of
 * study, store what it needs with the study when it is created and add a {@link WorkerJob} that
 * recognises it here.
 */
public final class WorkerJobs {
    /** Every job, in the order they are asked. */
    public static final List<WorkerJob> ALL = List.of(new BenchmarkJob());

    private WorkerJobs() {}
}
