package dev.schedtune.search.sampler.jmetal;

import com.google.common.primitives.ImmutableDoubleArray;
import dev.schedtune.search.distribution.CategoricalDistribution;
import dev.schedtune.search.distribution.Distribution;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyDirection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The parameters an evolutionary sampler evolves, and the translation between trials and jMetal
 * solutions: numeric parameters become variables in [0, 1] ({@link Distribution#toUnit}), categorical
 * ones genes; objectives are negated where maximised, constraints negated (ours are feasible at {@code <=
 * 0}, jMetal's at {@code >= 0}).
 */
final class Genome {
    final List<String> numericNames = new ArrayList<>();
    final List<Distribution> numeric = new ArrayList<>();
    final List<String> categoricalNames = new ArrayList<>();
    final List<CategoricalDistribution> categorical = new ArrayList<>();
    final Map<String, Distribution> space;

    private Genome(Map<String, Distribution> sorted) {
        for (Map.Entry<String, Distribution> e : sorted.entrySet()) {
            if (e.getValue() instanceof CategoricalDistribution c) {
                categoricalNames.add(e.getKey());
                categorical.add(c);
            } else {
                numericNames.add(e.getKey());
                numeric.add(e.getValue());
            }
        }
        this.space = Collections.unmodifiableMap(new LinkedHashMap<>(sorted));
    }

    static final Genome EMPTY = new Genome(Map.of());

    /** The parameters every trial has with one same distribution, multi-valued ones only, by name. */
    static Genome common(List<FrozenTrial> trials) {
        if (trials.isEmpty()) {
            return EMPTY;
        }
        TreeMap<String, Distribution> space = new TreeMap<>(trials.get(0).distributions());
        for (FrozenTrial t : trials) {
            space.entrySet()
                    .removeIf(e -> !e.getValue().equals(t.distributions().get(e.getKey())));
        }
        space.values().removeIf(Distribution::isSingle);
        return new Genome(space);
    }

    int genes() {
        return numeric.size() + categorical.size();
    }

    /** A finished trial as a solution (parameters it lacks are drawn from {@code fill}). */
    TrialSolution encode(FrozenTrial t, List<StudyDirection> directions, int constraints, SplittableRandom fill) {
        double[] unit = new double[numeric.size()];
        for (int i = 0; i < unit.length; i++) {
            Double v = t.internalParams().get(numericNames.get(i));
            unit[i] = v != null ? numeric.get(i).toUnit(v) : fill.nextDouble();
        }
        int[] cats = new int[categorical.size()];
        for (int i = 0; i < cats.length; i++) {
            Double v = t.internalParams().get(categoricalNames.get(i));
            cats[i] = v != null
                    ? (int) Math.rint(v)
                    : fill.nextInt(categorical.get(i).size());
        }
        TrialSolution s = new TrialSolution(t.number(), unit, cats, directions.size(), constraints);
        ImmutableDoubleArray values = t.values();
        for (int i = 0; i < directions.size(); i++) {
            double v = values == null ? Double.POSITIVE_INFINITY : values.get(i);
            s.objectives()[i] = directions.get(i) == StudyDirection.MAXIMIZE ? -v : v;
        }
        ImmutableDoubleArray c = t.constraints();
        for (int i = 0; i < constraints; i++) {
            // A missing or NaN constraint counts as infinitely violated.
            double v = i < c.length() ? c.get(i) : Double.NaN;
            s.constraints()[i] = Double.isNaN(v) ? Double.NEGATIVE_INFINITY : -v;
        }
        s.constraintsChanged();
        return s;
    }

    /** Internal parameter values of an offspring. */
    Map<String, Double> decode(TrialSolution child) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < numeric.size(); i++) {
            out.put(
                    numericNames.get(i),
                    numeric.get(i).fromUnit(child.variables().get(i)));
        }
        for (int i = 0; i < categorical.size(); i++) {
            out.put(categoricalNames.get(i), (double) child.categories[i]);
        }
        return out;
    }

    static int constraintCount(List<FrozenTrial> trials) {
        int max = 0;
        for (FrozenTrial t : trials) {
            max = Math.max(max, t.constraints().length());
        }
        return max;
    }
}
