package dev.schedtune.search.trial;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * What samplers and pruners see of a study: its directions, its seed, its trials as stored (by every
 * worker and process) and a place for their own state (system attributes, persisted with the study).
 *
 * <h2>Randomness</h2>
 * Randomness belongs to the study and is drawn in trial-number order: a sampler's decision for trial
 * {@code n} draws from {@link #random(int, String)}, a stream fixed by (study seed, trial number, key), never
 * from a shared generator whose state depends on thread timing. So the same seed gives the same trials
 * whatever the number of threads or processes, as long as what a sampler conditions on is fixed too —
 * which is what {@link #conditioningSet} provides.
 */
public interface StudyView {
    String name();

    /** One direction per objective. */
    List<StudyDirection> directions();

    default boolean isMultiObjective() {
        return directions().size() > 1;
    }

    /** The study's seed: given when the study was created, or drawn then and stored with it. */
    long seed();

    /** Whether the study runs in reproducible mode (see {@link #conditioningSet}). */
    boolean isReproducible();

    /** A fresh snapshot of all trials (every state), indexed by number. */
    StudyTrials trials();

    /**
     * The trials that trial {@code trial} may condition on, for a sampler that works in batches of
     * {@code batchSize} trials (a generation, a TPE batch; use 1 for "every earlier trial").
     *
     * <ul>
     *   <li>Reproducible mode: exactly the trials numbered below {@code batchStart = (n / batchSize) *
     *       batchSize}, all finished. The call <em>waits</em> until every one of them is finished, so the
     *       set is a function of {@code n} alone and the sampled parameters do not depend on the number of
     *       workers or their timing. It throws {@link IllegalStateException} instead of waiting forever
     *       when one of them was asked by the calling thread itself through {@code Study.ask()} and not yet
     *       told (an ask/tell client must tell a batch before asking into the next one).
     *   <li>Default mode: never waits. Every other trial in storage right now, in any state (running ones
     *       included, for constant-liar strategies), including trials numbered above {@code n}.
     * </ul>
     */
    ConditioningSet conditioningSet(FrozenTrial trial, int batchSize);

    /** The random stream of trial {@code trialNumber} for {@code key} (e.g. {@code "tpe/lr"}). */
    default SplittableRandom random(int trialNumber, String key) {
        return RandomStreams.of(seed()).stream(trialNumber, key);
    }

    /** The study's system attributes (Optuna's table; samplers keep their state here). */
    Map<String, @Nullable Object> systemAttrs();

    void setSystemAttr(String key, @Nullable Object value);

    /**
     * Stores {@code value} under {@code key} unless present, atomically across workers and processes.
     *
     * @return the value stored after the call (this one or the first writer's)
     */
    @Nullable
    Object setSystemAttrIfAbsent(String key, @Nullable Object value);

    /** Sets a system attribute of a RUNNING trial (e.g. the generation a sampler assigned it). */
    void setTrialSystemAttr(int trialNumber, String key, @Nullable Object value);

    /** Asks running {@code optimize} loops of this study object to stop after their current trials. */
    void stop();
}
