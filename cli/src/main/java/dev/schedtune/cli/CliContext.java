package dev.schedtune.cli;

import dev.schedtune.cli.worker.WorkerJob;
import dev.schedtune.dsl.spec.KindRegistry;
import java.util.List;

/**
 * What every subcommand shares: the kinds configs may use, the kinds of studies workers run, and whether
 * to explain failures in detail.
 */
public final class CliContext {
    private final KindRegistry registry;
    private final List<WorkerJob> workerJobs;
    private boolean verbose;

    CliContext(KindRegistry registry, List<WorkerJob> workerJobs) {
        this.registry = registry;
        this.workerJobs = List.copyOf(workerJobs);
    }

    /** The kinds that configs may name. */
    public KindRegistry registry() {
        return registry;
    }

    /** The kinds of studies {@code schedtune worker} runs, in the order they are asked (see {@link SchedtuneCli}). */
    public List<WorkerJob> workerJobs() {
        return workerJobs;
    }

    /** Whether {@code --verbose} was given. */
    public boolean verbose() {
        return verbose;
    }

    void verbose(boolean verbose) {
        this.verbose = verbose;
    }
}
