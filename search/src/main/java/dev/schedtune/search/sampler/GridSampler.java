package dev.schedtune.search.sampler;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import com.google.common.math.LongMath;
import com.google.common.primitives.ImmutableDoubleArray;
import dev.schedtune.search.distribution.Distribution;
import dev.schedtune.search.internal.Json;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.RandomStreams;
import dev.schedtune.search.trial.StudyView;
import dev.schedtune.search.trial.TrialState;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * Exhaustive search over a grid: the cartesian product of a list of values per parameter (parameter names in
 * sorted order, as Optuna does). Trial {@code n} runs grid point {@code order(n mod G)}, where {@code order}
 * is a seeded permutation of the {@code G} points ({@code i -> (a * i + c) mod G} with {@code a} coprime to
 * {@code G}), so the grid is visited in a shuffled but reproducible order whatever the number of workers.
 * Each trial records its point as system attribute {@value #GRID_ID_KEY}; once every point has been run, the
 * sampler stops the study. Suggesting a parameter that is not in the grid, or whose range does not contain
 * the grid's values, is an error naming it.
 */
public final class GridSampler implements Sampler {
    /** Optuna's system attribute for a trial's grid point. */
    public static final String GRID_ID_KEY = "grid_id";

    private final ImmutableSortedMap<String, ImmutableList<@Nullable Object>> space;
    private final long size;
    private final @Nullable Long seed;

    private GridSampler(Map<String, ? extends List<?>> space, @Nullable Long seed) {
        if (space.isEmpty()) {
            throw new IllegalArgumentException("the grid needs at least one parameter");
        }
        ImmutableSortedMap.Builder<String, ImmutableList<@Nullable Object>> b = ImmutableSortedMap.naturalOrder();
        long g = 1;
        for (Map.Entry<String, ? extends List<?>> e : space.entrySet()) {
            if (e.getValue().isEmpty()) {
                throw new IllegalArgumentException("grid values of '" + e.getKey() + "' must not be empty");
            }
            ImmutableList.Builder<@Nullable Object> values = ImmutableList.builder();
            for (Object v : e.getValue()) {
                Object n = Json.normalize(v, "grid value of '" + e.getKey() + "'");
                if (n == null) {
                    throw new IllegalArgumentException("grid values of '" + e.getKey() + "' must not be null");
                }
                values.add(n);
            }
            b.put(e.getKey(), values.build());
            g = LongMath.checkedMultiply(g, e.getValue().size());
        }
        this.space = b.build();
        this.size = g;
        this.seed = seed;
    }

    /** A grid visited in an order shuffled by the study's seed. */
    public static GridSampler of(Map<String, ? extends List<?>> space) {
        return new GridSampler(space, null);
    }

    /** A grid visited in an order shuffled by its own seed. */
    public static GridSampler of(Map<String, ? extends List<?>> space, long seed) {
        return new GridSampler(space, seed);
    }

    /** Number of grid points. */
    public long size() {
        return size;
    }

    @Override
    public OptionalLong ownSeed() {
        return seed == null ? OptionalLong.empty() : OptionalLong.of(seed);
    }

    /** The grid point run by trial {@code number} under {@code seed}. */
    long gridId(long seedValue, int number) {
        SplittableRandom r = RandomStreams.of(seedValue).stream(0, "grid/order");
        long a = 1;
        if (size > 1) {
            do {
                a = 1 + Math.floorMod(r.nextLong(), size - 1);
            } while (LongMath.gcd(a, size) != 1);
        }
        long c = Math.floorMod(r.nextLong(), size);
        long i = Math.floorMod((long) number, size);
        return Math.floorMod(LongMath.saturatedAdd(mulMod(a, i, size), c), size);
    }

    private static long mulMod(long a, long b, long m) {
        return java.math.BigInteger.valueOf(a)
                .multiply(java.math.BigInteger.valueOf(b))
                .mod(java.math.BigInteger.valueOf(m))
                .longValue();
    }

    @Override
    public void beforeTrial(StudyView study, FrozenTrial trial) {
        if (!trial.systemAttrs().containsKey(FrozenTrial.FIXED_PARAMS_KEY)) {
            study.setTrialSystemAttr(trial.number(), GRID_ID_KEY, gridId(seed(study), trial.number()));
        }
    }

    @Override
    public double sampleIndependent(StudyView study, FrozenTrial trial, String name, Distribution distribution) {
        ImmutableList<@Nullable Object> values = space.get(name);
        if (values == null) {
            throw new IllegalArgumentException("parameter '" + name + "' is not in the grid " + space.keySet());
        }
        long id = gridId(seed(study), trial.number());
        for (Map.Entry<String, ImmutableList<@Nullable Object>> e :
                space.descendingMap().entrySet()) {
            int k = e.getValue().size();
            if (e.getKey().equals(name)) {
                Object v = e.getValue().get((int) (id % k));
                double internal;
                try {
                    internal = distribution.toInternal(v);
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException(
                            "grid value " + v + " of parameter '" + name + "': " + ex.getMessage(), ex);
                }
                if (!distribution.contains(internal)) {
                    throw new IllegalArgumentException(
                            "grid value " + v + " of parameter '" + name + "' is outside " + distribution.describe());
                }
                return internal;
            }
            id /= k;
        }
        throw new IllegalStateException("unreachable: " + name + " is in the grid");
    }

    @Override
    public void afterTrial(
            StudyView study, FrozenTrial trial, TrialState state, @Nullable ImmutableDoubleArray values) {
        if (trial.number() + 1 < size) {
            return;
        }
        Set<Long> seen = new HashSet<>();
        for (FrozenTrial t : study.trials()) {
            Object id = t.systemAttrs().get(GRID_ID_KEY);
            if (id instanceof Number && (t.state().isFinished() || t.number() == trial.number())) {
                seen.add(((Number) id).longValue());
            }
        }
        if (seen.size() >= size) {
            study.stop();
        }
    }

    private long seed(StudyView study) {
        return seed != null ? seed : study.seed();
    }

    @Override
    public String toString() {
        return "GridSampler(" + space + ")";
    }
}
