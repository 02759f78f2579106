package dev.schedtune.search.sampler;

import dev.schedtune.search.distribution.Distribution;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.RandomStreams;
import dev.schedtune.search.trial.StudyView;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * Uniform sampling: each parameter of trial {@code n} is {@code distribution.fromUnit(u)} with {@code u}
 * drawn from the stream (seed, {@code n}, {@code "random/" + name}). So a parameter's value depends only on
 * the seed, the trial number and its own name and range: adding a conditional parameter does not change the
 * others, and threads or processes cannot change any value.
 */
public final class RandomSampler implements Sampler {
    private final @Nullable Long seed;

    private RandomSampler(@Nullable Long seed) {
        this.seed = seed;
    }

    /** A sampler drawing from the study's seed. */
    public static RandomSampler create() {
        return new RandomSampler(null);
    }

    /** A builder for a sampler with its own seed (see {@link SeedBuilder#seed}). */
    public static SeedBuilder<RandomSampler> builder() {
        return new SeedBuilder<>(RandomSampler::new);
    }

    @Override
    public OptionalLong ownSeed() {
        return seed == null ? OptionalLong.empty() : OptionalLong.of(seed);
    }

    @Override
    public double sampleIndependent(StudyView study, FrozenTrial trial, String name, Distribution distribution) {
        RandomStreams streams = RandomStreams.of(seed != null ? seed : study.seed());
        return distribution.fromUnit(
                streams.stream(trial.number(), "random/" + name).nextDouble());
    }

    @Override
    public String toString() {
        return seed == null ? "RandomSampler" : "RandomSampler(seed=" + seed + ")";
    }
}
