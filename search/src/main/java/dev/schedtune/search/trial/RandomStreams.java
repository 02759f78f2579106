package dev.schedtune.search.trial;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Independent random streams addressed by (seed, trial number, key), so that a draw for trial {@code n} is
 * the same whichever thread or process makes it and whatever was drawn before. The stream's seed is a
 * SplitMix64 mix of the seed, the trial number and a 64-bit fingerprint of the key.
 */
public final class RandomStreams {
    private final long seed;

    private RandomStreams(long seed) {
        this.seed = seed;
    }

    public static RandomStreams of(long seed) {
        return new RandomStreams(seed);
    }

    public long seed() {
        return seed;
    }

    /** The stream for trial {@code trialNumber} and purpose {@code key} (e.g. {@code "random/lr"}). */
    public SplittableRandom stream(int trialNumber, String key) {
        return new SplittableRandom(streamSeed(trialNumber, key));
    }

    /** The seed of {@link #stream(int, String)}. */
    public long streamSeed(int trialNumber, String key) {
        long k = Hashing.farmHashFingerprint64()
                .hashString(key, StandardCharsets.UTF_8)
                .asLong();
        return mix(mix(mix(seed) ^ trialNumber) + k);
    }

    /** The SplitMix64 finaliser: a bijective, well-mixing map of 64-bit values. */
    public static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
