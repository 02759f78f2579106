package dev.schedtune.search.analysis;

import com.google.common.collect.ImmutableList;
import com.google.common.primitives.ImmutableDoubleArray;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.trial.TrialState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Pareto dominance and fronts. Points are compared after mapping each objective to "smaller is better"
 * ({@link StudyDirection#toMinimized}); {@code a} dominates {@code b} iff it is no worse in every objective and
 * strictly better in one. Equal points do not dominate each other, so duplicates all stay on a front.
 */
public final class Pareto {
    private Pareto() {}

    /** Whether minimised vector {@code a} dominates minimised vector {@code b}. */
    public static boolean dominates(double[] a, double[] b) {
        boolean strictly = false;
        for (int i = 0; i < a.length; i++) {
            if (a[i] > b[i]) {
                return false;
            }
            if (a[i] < b[i]) {
                strictly = true;
            }
        }
        return strictly;
    }

    /** The trial's values mapped to "smaller is better". */
    public static double[] minimized(ImmutableDoubleArray values, List<StudyDirection> directions) {
        double[] out = new double[directions.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = directions.get(i).toMinimized(values.get(i));
        }
        return out;
    }

    /**
     * Indices of the non-dominated points among minimised points, ascending. O(n log n + n f) for a front
     * of size f: after a lexicographic sort a point can only be dominated by points before it.
     */
    public static int[] frontIndices(double[][] points) {
        Integer[] order = new Integer[points.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparing(i -> points[i], Pareto::lexicographic));
        List<Integer> front = new ArrayList<>();
        for (int i : order) {
            boolean dominated = false;
            for (int j : front) {
                if (dominates(points[j], points[i])) {
                    dominated = true;
                    break;
                }
            }
            if (!dominated) {
                front.add(i);
            }
        }
        return front.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /**
     * Non-domination rank of each minimised point: 0 for the Pareto front, 1 for the front of the rest, and so
     * on.
     */
    public static int[] ranks(double[][] points) {
        int[] rank = new int[points.length];
        Arrays.fill(rank, -1);
        List<Integer> remaining = new ArrayList<>();
        for (int i = 0; i < points.length; i++) {
            remaining.add(i);
        }
        int r = 0;
        while (!remaining.isEmpty()) {
            double[][] sub = new double[remaining.size()][];
            for (int k = 0; k < sub.length; k++) {
                sub[k] = points[remaining.get(k)];
            }
            int[] f = frontIndices(sub);
            List<Integer> next = new ArrayList<>();
            int fi = 0;
            for (int k = 0; k < sub.length; k++) {
                if (fi < f.length && f[fi] == k) {
                    rank[remaining.get(k)] = r;
                    fi++;
                } else {
                    next.add(remaining.get(k));
                }
            }
            remaining = next;
            r++;
        }
        return rank;
    }

    /** The non-dominated trials among the COMPLETE ones of {@code trials}, in number order. */
    public static List<FrozenTrial> front(List<FrozenTrial> trials, List<StudyDirection> directions) {
        List<FrozenTrial> complete = new ArrayList<>();
        for (FrozenTrial t : trials) {
            if (t.state() == TrialState.COMPLETE && t.values() != null) {
                complete.add(t);
            }
        }
        return frontOf(complete, directions);
    }

    /**
     * The study's best trials: the Pareto front of the feasible COMPLETE trials; if none is feasible, the
     * front of those with the least total constraint violation. Empty without COMPLETE trials.
     */
    public static List<FrozenTrial> bestTrials(List<FrozenTrial> trials, List<StudyDirection> directions) {
        List<FrozenTrial> candidates = new ArrayList<>();
        double least = Double.POSITIVE_INFINITY;
        for (FrozenTrial t : trials) {
            if (t.state() != TrialState.COMPLETE || t.values() == null) {
                continue;
            }
            double v = t.constraintViolation();
            if (v < least) {
                least = v;
                candidates.clear();
            }
            if (v == least) {
                candidates.add(t);
            }
        }
        return frontOf(candidates, directions);
    }

    private static List<FrozenTrial> frontOf(List<FrozenTrial> trials, List<StudyDirection> directions) {
        double[][] points = new double[trials.size()][];
        for (int i = 0; i < points.length; i++) {
            points[i] = minimized(trials.get(i).values(), directions);
        }
        ImmutableList.Builder<FrozenTrial> out = ImmutableList.builder();
        for (int i : frontIndices(points)) {
            out.add(trials.get(i));
        }
        return out.build();
    }

    private static int lexicographic(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            int c = Double.compare(a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
