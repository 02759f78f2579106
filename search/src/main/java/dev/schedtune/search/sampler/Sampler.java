package dev.schedtune.search.sampler;

import com.google.common.primitives.ImmutableDoubleArray;
import dev.schedtune.search.distribution.Distribution;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.RandomStreams;
import dev.schedtune.search.trial.StudyView;
import dev.schedtune.search.trial.TrialState;
import java.util.Map;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * Chooses parameter values; the SPI of every sampler, in Optuna's shape.
 *
 * <p>For each trial the study calls, in this order:
 *
 * <ol>
 *   <li>{@link #beforeTrial} once the trial exists (RUNNING, number assigned);
 *   <li>{@link #inferRelativeSearchSpace} and then {@link #sampleRelative}: parameters sampled jointly
 *       (multivariate TPE, NSGA-II, QMC); the values are used when the objective suggests those names with
 *       those distributions;
 *   <li>{@link #sampleIndependent} for every other parameter, at the moment the objective suggests it
 *       (define-by-run: conditional parameters appear here);
 *   <li>{@link #afterTrial} when the trial is told, <em>before</em> its state is stored, so a sampler may
 *       still set system attributes on it.
 * </ol>
 *
 * <p>All values are internal (see {@link Distribution}). A sampler reads trials only through the
 * {@link StudyView} (which reads storage), so it works across threads, processes and resumed studies; it
 * may keep per-study caches but must stay correct when other processes add trials. Its randomness for trial
 * {@code n} comes from {@link StudyView#random(int, String)} (or {@link RandomStreams} with its own seed),
 * and what it conditions on from {@link StudyView#conditioningSet}, so that a seeded study is reproducible.
 *
 * <p>Implementations must be thread-safe: {@code optimize} with {@code nJobs > 1} calls one sampler from
 * several threads.
 */
public interface Sampler {

    /**
     * The sampler's own seed, if it was built with one; empty (the default) when it draws from the study's
     * seed. A study refuses a sampler whose own seed differs from the seed it is given, so that one seed
     * decides a study's trials ({@code StudyBuilder#seed}; prefer seeding the study alone).
     */
    default OptionalLong ownSeed() {
        return OptionalLong.empty();
    }

    /** The parameters to sample jointly for this trial; empty (the default) for none. */
    default Map<String, Distribution> inferRelativeSearchSpace(StudyView study, FrozenTrial trial) {
        return Map.of();
    }

    /**
     * Samples the relative search space jointly.
     *
     * @return internal values by parameter name (a subset of {@code searchSpace} is fine)
     */
    default Map<String, Double> sampleRelative(
            StudyView study, FrozenTrial trial, Map<String, Distribution> searchSpace) {
        return Map.of();
    }

    /** Samples one parameter on its own; returns an internal value inside {@code distribution}. */
    double sampleIndependent(StudyView study, FrozenTrial trial, String name, Distribution distribution);

    /** Called when a trial starts, before any sampling for it. */
    default void beforeTrial(StudyView study, FrozenTrial trial) {}

    /**
     * Called when a trial is told, before its final state is stored.
     *
     * @param values the objective values for COMPLETE (and PRUNED with reports), else null
     */
    default void afterTrial(
            StudyView study, FrozenTrial trial, TrialState state, @Nullable ImmutableDoubleArray values) {}
}
