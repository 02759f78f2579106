package dev.schedtune.search.sampler.gp;

import dev.schedtune.search.distribution.CategoricalDistribution;
import dev.schedtune.search.distribution.Distribution;
import dev.schedtune.search.distribution.FloatDistribution;
import dev.schedtune.search.distribution.IntDistribution;
import dev.schedtune.search.trial.FrozenTrial;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The space the Gaussian processes live in: one dimension per parameter, normalised as Optuna's
 * {@code search_space.py} (which is {@link Distribution#toUnit}: [0, 1] per numeric parameter, log
 * ranges in log space, discrete ranges on cells of equal width; categoricals as their index, compared
 * by equality in the kernel).
 *
 * <p>Two modes:
 *
 * <ul>
 *   <li><b>union</b> (default): every parameter of the observed trials, with its latest distribution; a
 *       parameter absent from a trial is NaN there (see {@link Matern52}). The observed trials fall into
 *       branches by the set of parameters they have; a root categorical whose value determines that set
 *       is a <em>selector</em> (the schedule family), and each branch allows only its own selector
 *       values. Selector values never observed form one more branch over the root parameters.
 *   <li><b>intersection</b> (Optuna's GPSampler): only the parameters every observed trial has, with
 *       the same distribution; one branch; other parameters are sampled independently at random.
 * </ul>
 */
final class SpaceModel {
    private final List<String> names;
    private final Distribution[] distributions;
    private final boolean[] categorical;
    private final boolean[] discrete;

    private SpaceModel(Map<String, Distribution> space) {
        this.names = new ArrayList<>(space.keySet());
        this.distributions = space.values().toArray(new Distribution[0]);
        int d = distributions.length;
        this.categorical = new boolean[d];
        this.discrete = new boolean[d];
        for (int k = 0; k < d; k++) {
            Distribution dist = distributions[k];
            categorical[k] = dist instanceof CategoricalDistribution;
            discrete[k] = dist instanceof IntDistribution || (dist instanceof FloatDistribution f && f.hasStep());
        }
    }

    /** The space of {@code trials} (in number order) in union or intersection mode; single-valued ranges are left out. */
    static SpaceModel of(List<FrozenTrial> trials, boolean union) {
        return new SpaceModel(searchSpace(trials, union));
    }

    /** The parameters and distributions of the space of {@code trials}. */
    static Map<String, Distribution> searchSpace(List<FrozenTrial> trials, boolean union) {
        Map<String, Distribution> space = new LinkedHashMap<>();
        if (union) {
            for (FrozenTrial t : trials) {
                // later trials override the distribution (dynamic ranges: the latest one is current)
                space.putAll(t.distributions());
            }
        } else {
            boolean first = true;
            for (FrozenTrial t : trials) {
                if (first) {
                    space.putAll(t.distributions());
                    first = false;
                } else {
                    space.entrySet()
                            .removeIf(
                                    e -> !e.getValue().equals(t.distributions().get(e.getKey())));
                }
            }
        }
        space.values().removeIf(Distribution::isSingle);
        return space;
    }

    int dimensions() {
        return names.size();
    }

    String name(int k) {
        return names.get(k);
    }

    Distribution distribution(int k) {
        return distributions[k];
    }

    boolean isDiscrete(int k) {
        return discrete[k];
    }

    boolean[] categorical() {
        return categorical.clone();
    }

    Map<String, Distribution> asMap() {
        Map<String, Distribution> out = new LinkedHashMap<>();
        for (int k = 0; k < names.size(); k++) {
            out.put(names.get(k), distributions[k]);
        }
        return out;
    }

    /** The normalised point of a trial: NaN for parameters it lacks or has with an incompatible distribution. */
    double[] encode(FrozenTrial t) {
        double[] x = new double[names.size()];
        for (int k = 0; k < x.length; k++) {
            String name = names.get(k);
            Double v = t.internalParams().get(name);
            Distribution d = t.distributions().get(name);
            Distribution current = distributions[k];
            if (v == null || d == null || !d.isCompatibleWith(current)) {
                x[k] = Double.NaN;
            } else if (categorical[k]) {
                x[k] = v;
            } else {
                x[k] = current.toUnit(v);
            }
        }
        return x;
    }

    /**
     * The branches of the observed points: one per distinct set of present dimensions (in order of first
     * appearance), plus one for the never-observed values of each selector.
     */
    List<Branch> branches(List<double[]> points) {
        int d = names.size();
        Map<BitSet, List<double[]>> bySignature = new LinkedHashMap<>();
        BitSet root = new BitSet();
        root.set(0, d);
        for (double[] p : points) {
            BitSet s = signature(p);
            bySignature.computeIfAbsent(s, k -> new ArrayList<>()).add(p);
            root.and(s);
        }
        boolean[] selector = new boolean[d];
        if (bySignature.size() > 1) {
            for (int k = root.nextSetBit(0); k >= 0; k = root.nextSetBit(k + 1)) {
                if (categorical[k]) {
                    selector[k] = determinesSignature(points, k);
                }
            }
        }
        List<Branch> out = new ArrayList<>();
        for (Map.Entry<BitSet, List<double[]>> e : bySignature.entrySet()) {
            int[] dims = e.getKey().stream().toArray();
            int[][] allowed = new int[dims.length][];
            for (int g = 0; g < dims.length; g++) {
                int k = dims[g];
                if (selector[k]) {
                    TreeSet<Integer> seen = new TreeSet<>();
                    for (double[] p : e.getValue()) {
                        seen.add((int) p[k]);
                    }
                    allowed[g] = seen.stream().mapToInt(Integer::intValue).toArray();
                } else if (categorical[k]) {
                    allowed[g] = allChoices(k);
                }
            }
            out.add(new Branch(this, dims, allowed, true));
        }
        int[] rootDims = root.stream().toArray();
        for (int k : rootDims) {
            if (!selector[k]) {
                continue;
            }
            TreeSet<Integer> unseen = new TreeSet<>();
            for (int c : allChoices(k)) {
                unseen.add(c);
            }
            for (double[] p : points) {
                unseen.remove((int) p[k]);
            }
            if (unseen.isEmpty()) {
                continue;
            }
            int[][] allowed = new int[rootDims.length][];
            for (int g = 0; g < rootDims.length; g++) {
                int r = rootDims[g];
                if (r == k) {
                    allowed[g] = unseen.stream().mapToInt(Integer::intValue).toArray();
                } else if (categorical[r]) {
                    allowed[g] = allChoices(r);
                }
            }
            out.add(new Branch(this, rootDims, allowed, false));
        }
        return out;
    }

    private int[] allChoices(int k) {
        int size = ((CategoricalDistribution) distributions[k]).size();
        int[] all = new int[size];
        for (int i = 0; i < size; i++) {
            all[i] = i;
        }
        return all;
    }

    private static BitSet signature(double[] p) {
        BitSet s = new BitSet(p.length);
        for (int k = 0; k < p.length; k++) {
            if (!Double.isNaN(p[k])) {
                s.set(k);
            }
        }
        return s;
    }

    /** Whether every value of dimension k occurs with one set of present dimensions only. */
    private static boolean determinesSignature(List<double[]> points, int k) {
        Map<Double, BitSet> seen = new HashMap<>();
        for (double[] p : points) {
            BitSet s = signature(p);
            @Nullable BitSet before = seen.putIfAbsent(p[k], s);
            if (before != null && !before.equals(s)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "SpaceModel" + asMap() + Arrays.toString(categorical);
    }
}
