package dev.schedtune.search.sampler.gp;

import dev.schedtune.search.distribution.CategoricalDistribution;
import dev.schedtune.search.distribution.Distribution;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One branch of a conditional search space: the dimensions a trial on it has (the others are absent,
 * NaN), and for categorical dimensions the choices allowed on it (a branch-selecting categorical, e.g. the
 * schedule family, allows only the choices that lead to this branch). A candidate on the branch is a
 * vector of genes in [0, 1], one per dimension, which is what the acquisition optimiser varies.
 */
final class Branch {
    private final SpaceModel space;
    final int[] dims;
    /** Per gene, the allowed category indices, or null for a numeric dimension. */
    final int[] @Nullable [] allowed;
    /** Whether the branch was observed (else it is an unexplored choice of a selector). */
    final boolean observed;

    Branch(SpaceModel space, int[] dims, int[] @Nullable [] allowed, boolean observed) {
        this.space = space;
        this.dims = dims;
        this.allowed = allowed;
        this.observed = observed;
    }

    int genes() {
        return dims.length;
    }

    /** The normalised point of {@code genes}: absent dimensions NaN, discrete ones at their cell centres. */
    double[] point(double[] genes) {
        double[] x = new double[space.dimensions()];
        Arrays.fill(x, Double.NaN);
        for (int g = 0; g < dims.length; g++) {
            int k = dims[g];
            int[] choices = allowed[g];
            if (choices != null) {
                x[k] = choices[cell(genes[g], choices.length)];
            } else {
                Distribution d = space.distribution(k);
                x[k] = space.isDiscrete(k) ? d.toUnit(d.fromUnit(genes[g])) : clamp(genes[g]);
            }
        }
        return x;
    }

    /** The internal parameter values of {@code genes}, by name. */
    Map<String, Double> params(double[] genes) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int g = 0; g < dims.length; g++) {
            int k = dims[g];
            int[] choices = allowed[g];
            Distribution d = space.distribution(k);
            double internal = choices != null ? choices[cell(genes[g], choices.length)] : d.fromUnit(genes[g]);
            out.put(space.name(k), internal);
        }
        return out;
    }

    /** The genes of an observed normalised point on this branch, or null if it is not on it. */
    double @Nullable [] genesOf(double[] point) {
        double[] genes = new double[dims.length];
        for (int g = 0; g < dims.length; g++) {
            double v = point[dims[g]];
            if (Double.isNaN(v)) {
                return null;
            }
            int[] choices = allowed[g];
            if (choices != null) {
                int pos = -1;
                for (int i = 0; i < choices.length; i++) {
                    if (choices[i] == v) {
                        pos = i;
                    }
                }
                if (pos < 0) {
                    return null;
                }
                genes[g] = (pos + 0.5) / choices.length;
            } else {
                genes[g] = clamp(v);
            }
        }
        return genes;
    }

    private static int cell(double gene, int size) {
        return Math.min(size - 1, Math.max(0, (int) Math.floor(gene * size)));
    }

    private static double clamp(double u) {
        return Math.min(1, Math.max(0, u));
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(observed ? "Branch[" : "UnseenBranch[");
        for (int g = 0; g < dims.length; g++) {
            s.append(g > 0 ? ", " : "").append(space.name(dims[g]));
            int[] choices = allowed[g];
            if (choices != null
                    && space.distribution(dims[g]) instanceof CategoricalDistribution c
                    && choices.length < c.size()) {
                s.append('=').append(Arrays.toString(choices));
            }
        }
        return s.append(']').toString();
    }
}
