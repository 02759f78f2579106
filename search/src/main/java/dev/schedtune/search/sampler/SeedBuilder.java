package dev.schedtune.search.sampler;

import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The builder of a sampler whose one option is its own seed ({@link RandomSampler#builder()}, {@link
 * HaltonSampler#builder()}), so that every sampler is made by {@code create()} or {@code builder()...build()}.
 *
 * @param <S> the sampler it builds
 */
public final class SeedBuilder<S extends Sampler> {
    private final Function<@Nullable Long, S> factory;
    private @Nullable Long seed;

    SeedBuilder(Function<@Nullable Long, S> factory) {
        this.factory = factory;
    }

    /**
     * The sampler's own seed instead of the study's. Prefer {@code Study.builder().seed(n)}: a study given both
     * refuses them if they differ.
     */
    public SeedBuilder<S> seed(long seed) {
        this.seed = seed;
        return this;
    }

    public S build() {
        return factory.apply(seed);
    }
}
