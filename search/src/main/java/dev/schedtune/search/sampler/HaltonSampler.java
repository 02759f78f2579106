package dev.schedtune.search.sampler;

import dev.schedtune.search.distribution.Distribution;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.RandomStreams;
import dev.schedtune.search.trial.StudyView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Quasi-random sampling with a scrambled Halton sequence: trial {@code n} is point {@code n} of the sequence,
 * each parameter one dimension, {@code u = sum_j perm_{d,j}(digit_j(n)) * b^-(j+1)} in the {@code d}-th prime
 * base {@code b}, where {@code perm_{d,j}} is a random permutation of the digits for dimension {@code d} and
 * digit position {@code j} (random digit-permutation scrambling, drawn from the seed). Scrambling removes the
 * correlation between high dimensions of the plain sequence and makes point 0 random instead of the corner.
 *
 * <p>Dimensions belong to parameter names, in the order the study first suggests them; the assignment is
 * stored in the study's system attributes ({@value #DIM_KEY}{@code <k>} = name, claimed atomically), so every
 * worker and every resumed run agrees. As the point depends only on (seed, trial number, dimension), results do
 * not depend on threads or processes. Define-by-run parameters that appear only in some trials still get a
 * dimension of their own.
 */
public final class HaltonSampler implements Sampler {
    static final String DIM_KEY = "schedtune:halton:dim:";
    private static final int[] PRIMES = primes(2000);

    private final @Nullable Long seed;
    private final ConcurrentHashMap<String, Map<String, Integer>> dimsByStudy = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, int[][]> permutations = new ConcurrentHashMap<>();

    private HaltonSampler(@Nullable Long seed) {
        this.seed = seed;
    }

    /** Scrambled with the study's seed. */
    public static HaltonSampler create() {
        return new HaltonSampler(null);
    }

    /** A builder for a sampler with its own seed (see {@link SeedBuilder#seed}). */
    public static SeedBuilder<HaltonSampler> builder() {
        return new SeedBuilder<>(HaltonSampler::new);
    }

    @Override
    public OptionalLong ownSeed() {
        return seed == null ? OptionalLong.empty() : OptionalLong.of(seed);
    }

    @Override
    public double sampleIndependent(StudyView study, FrozenTrial trial, String name, Distribution distribution) {
        int dim = dimension(study, name);
        long s = seed != null ? seed : study.seed();
        return distribution.fromUnit(point(s, trial.number(), dim));
    }

    /** Coordinate {@code dim} of point {@code index} of the sequence scrambled by {@code seed}. */
    double point(long seed, long index, int dim) {
        if (dim >= PRIMES.length) {
            throw new IllegalStateException(
                    "Halton sampling supports " + PRIMES.length + " parameters, not " + (dim + 1));
        }
        int base = PRIMES[dim];
        int[][] perms = permutations(seed, dim, base);
        double u = 0;
        double scale = 1.0 / base;
        long n = index;
        for (int level = 0; level < perms.length; level++) {
            int digit = (int) (n % base);
            n /= base;
            u += perms[level][digit] * scale;
            scale /= base;
        }
        return Math.min(u, Math.nextDown(1.0));
    }

    /** Digit permutations for every level that matters in double precision. */
    private int[][] permutations(long seed, int dim, int base) {
        long key = RandomStreams.mix(seed * 31 + dim);
        return permutations.computeIfAbsent(key, k -> {
            int levels = (int) Math.ceil(53 * Math.log(2) / Math.log(base)) + 1;
            int[][] perms = new int[levels][base];
            RandomStreams streams = RandomStreams.of(seed);
            for (int level = 0; level < levels; level++) {
                SplittableRandom r = streams.stream(dim, "halton/permutation/" + level);
                int[] p = perms[level];
                for (int i = 0; i < base; i++) {
                    p[i] = i;
                }
                for (int i = base - 1; i > 0; i--) {
                    int j = r.nextInt(i + 1);
                    int t = p[i];
                    p[i] = p[j];
                    p[j] = t;
                }
            }
            return perms;
        });
    }

    /** The dimension of a parameter name, claimed in the study's system attributes if new. */
    private int dimension(StudyView study, String name) {
        Map<String, Integer> dims = dimsByStudy.computeIfAbsent(study.name(), k -> new ConcurrentHashMap<>());
        Integer known = dims.get(name);
        if (known != null) {
            return known;
        }
        synchronized (dims) {
            known = dims.get(name);
            if (known != null) {
                return known;
            }
            List<String> claimed = new ArrayList<>();
            Map<String, @Nullable Object> attrs = study.systemAttrs();
            for (int k = 0; attrs.get(DIM_KEY + k) instanceof String; k++) {
                claimed.add((String) attrs.get(DIM_KEY + k));
            }
            for (int k = 0; ; k++) {
                String holder =
                        k < claimed.size() ? claimed.get(k) : (String) study.setSystemAttrIfAbsent(DIM_KEY + k, name);
                dims.put(holder, k);
                if (holder.equals(name)) {
                    return k;
                }
            }
        }
    }

    private static int[] primes(int count) {
        int[] out = new int[count];
        int n = 0;
        for (int c = 2; n < count; c++) {
            boolean prime = true;
            for (int i = 0; i < n && out[i] * out[i] <= c; i++) {
                if (c % out[i] == 0) {
                    prime = false;
                    break;
                }
            }
            if (prime) {
                out[n++] = c;
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return seed == null ? "HaltonSampler" : "HaltonSampler(seed=" + seed + ")";
    }
}
