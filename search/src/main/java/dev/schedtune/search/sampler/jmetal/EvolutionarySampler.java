package dev.schedtune.search.sampler.jmetal;

import dev.schedtune.search.distribution.Distribution;
import dev.schedtune.search.sampler.EngineCache;
import dev.schedtune.search.sampler.RandomSampler;
import dev.schedtune.search.sampler.Sampler;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.RandomStreams;
import dev.schedtune.search.trial.StudyView;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * What NSGA-II and SMS-EMOA share as samplers: breeding from a {@link Population} its per-study engine
 * assigns to a trial, their own seed or the study's, and random sampling of parameters outside the relative
 * search space.
 */
abstract class EvolutionarySampler<E extends EvolutionarySampler.Engine> implements Sampler {
    /** The per-study state of a sampler: a trial's population and the child bred from it. */
    interface Engine {
        Population assign(StudyView study, FrozenTrial trial);

        Map<String, Double> offspring(StudyView study, FrozenTrial trial, Map<String, Distribution> space);
    }

    final int populationSize;
    final Breeding breeding;
    private final @Nullable Long seed;
    private final RandomSampler random;
    private final EngineCache<E> engines = EngineCache.of(this::newEngine);

    EvolutionarySampler(EvolutionaryBuilder<?> b) {
        this.populationSize = b.populationSize;
        this.breeding = b.breeding();
        this.seed = b.seed;
        this.random = b.seed == null
                ? RandomSampler.create()
                : RandomSampler.builder().seed(b.seed).build();
    }

    abstract E newEngine(StudyView study);

    @Override
    public OptionalLong ownSeed() {
        return seed == null ? OptionalLong.empty() : OptionalLong.of(seed);
    }

    SplittableRandom random(StudyView study, int trialNumber, String key) {
        return seed != null ? RandomStreams.of(seed).stream(trialNumber, key) : study.random(trialNumber, key);
    }

    @Override
    public Map<String, Distribution> inferRelativeSearchSpace(StudyView study, FrozenTrial trial) {
        return engines.apply(study, e -> e.assign(study, trial).genome.space);
    }

    @Override
    public Map<String, Double> sampleRelative(
            StudyView study, FrozenTrial trial, Map<String, Distribution> searchSpace) {
        if (searchSpace.isEmpty()) {
            return Map.of();
        }
        return engines.apply(study, e -> e.offspring(study, trial, searchSpace));
    }

    @Override
    public double sampleIndependent(StudyView study, FrozenTrial trial, String name, Distribution distribution) {
        return random.sampleIndependent(study, trial, name, distribution);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(populationSize=" + populationSize + (seed != null ? ", seed=" + seed : "")
                + ")";
    }
}
