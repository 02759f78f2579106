package dev.schedtune.cli.worker;

import dev.schedtune.search.MultiObjective;
import dev.schedtune.search.pruner.Pruner;
import dev.schedtune.search.sampler.Sampler;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * A kind of study a worker can run, recognised by what the study stores (its user and system
 * attributes): everything needed to rebuild its sampler, pruner and objective, so that every worker on
 * every machine runs the same study from the storage URL and the study's name alone.
 */
@FunctionalInterface
public interface WorkerJob {
    /** How to run a study; {@code resources} (e.g. a pool of training processes) is closed when the worker ends. */
    record Plan(
            String description,
            Sampler sampler,
            @Nullable Pruner pruner,
            MultiObjective objective,
            OptionalInt totalTrials,
            AutoCloseable resources) {}

    /**
     * The plan for a stored study, or empty if this job does not know the study.
     *
     * @param jobs how many trials the worker runs at once ({@code --jobs})
     * @throws IllegalArgumentException if the study is this job's but what it stores is malformed
     */
    Optional<Plan> plan(
            String study, Map<String, @Nullable Object> userAttrs, Map<String, @Nullable Object> systemAttrs, int jobs);
}
