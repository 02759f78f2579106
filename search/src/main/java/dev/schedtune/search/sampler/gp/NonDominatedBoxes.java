package dev.schedtune.search.sampler.gp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The region that improves on a Pareto front, as disjoint boxes: the points {@code z <= ref} (objectives
 * minimised) dominated by no point of the front, so that the hypervolume improvement of a point {@code y}
 * is {@code Σ_boxes Π_j max(0, upper_j - max(y_j, lower_j))}.
 *
 * <p>Construction: the sorted front coordinates of the first m-1 objectives cut them into a grid; in a
 * grid cell with lower corner {@code l}, a point is dominated iff some front point {@code p} with
 * {@code p_j <= l_j} for every j < m-1 has {@code p_m <= z_m}; so the cell's improving part is the box
 * {@code cell × (-∞, b)} with {@code b} the least such {@code p_m} (or {@code ref_m}). For two objectives
 * that is the usual staircase of n + 1 boxes; for m objectives there are at most (n + 1)^(m-1) boxes.
 * Lower bounds may be -∞ (the boxes are open towards better values).
 */
final class NonDominatedBoxes {
    final double[][] lower;
    final double[][] upper;
    /**
     * Per objective, the distinct intervals of the boxes ({@code intervals[j][i] = {lower, upper}}), and
     * per box and objective the index of its interval: boxes share few intervals (at most n + 1 per
     * objective), so an acquisition computes each interval's term once per candidate.
     */
    final double[][][] intervals;

    final int[][] intervalOf;

    private NonDominatedBoxes(double[][] lower, double[][] upper) {
        this.lower = lower;
        this.upper = upper;
        int m = lower.length == 0 ? 0 : lower[0].length;
        this.intervals = new double[m][][];
        this.intervalOf = new int[lower.length][m];
        for (int j = 0; j < m; j++) {
            java.util.Map<java.util.List<Double>, Integer> index = new java.util.LinkedHashMap<>();
            for (int b = 0; b < lower.length; b++) {
                java.util.List<Double> key = java.util.List.of(lower[b][j], upper[b][j]);
                Integer i = index.get(key);
                if (i == null) {
                    i = index.size();
                    index.put(key, i);
                }
                intervalOf[b][j] = i;
            }
            intervals[j] = new double[index.size()][];
            for (java.util.Map.Entry<java.util.List<Double>, Integer> e : index.entrySet()) {
                intervals[j][e.getValue()] =
                        new double[] {e.getKey().get(0), e.getKey().get(1)};
            }
        }
    }

    int size() {
        return lower.length;
    }

    /**
     * The boxes of the front's non-dominated region below {@code ref}; {@code front} may contain
     * dominated points and points not below {@code ref} (they change nothing).
     */
    static NonDominatedBoxes of(double[][] front, double[] ref) {
        int m = ref.length;
        if (m == 1) {
            double best = ref[0];
            for (double[] p : front) {
                best = Math.min(best, p[0]);
            }
            return new NonDominatedBoxes(new double[][] {{Double.NEGATIVE_INFINITY}}, new double[][] {{best}});
        }
        List<double[]> points = new ArrayList<>();
        for (double[] p : front) {
            boolean below = true;
            for (int j = 0; j < m; j++) {
                below &= p[j] < ref[j];
            }
            if (below) {
                points.add(p);
            }
        }
        // Grid coordinates of the first m-1 objectives: -∞, the sorted distinct values, ref.
        double[][] grid = new double[m - 1][];
        for (int j = 0; j < m - 1; j++) {
            final int jj = j;
            double[] values =
                    points.stream().mapToDouble(p -> p[jj]).sorted().distinct().toArray();
            grid[j] = new double[values.length + 2];
            grid[j][0] = Double.NEGATIVE_INFINITY;
            System.arraycopy(values, 0, grid[j], 1, values.length);
            grid[j][values.length + 1] = ref[j];
        }
        List<double[]> lowers = new ArrayList<>();
        List<double[]> uppers = new ArrayList<>();
        int[] cell = new int[m - 1];
        while (true) {
            double bound = ref[m - 1];
            for (double[] p : points) {
                boolean dominatesCell = true;
                for (int j = 0; j < m - 1 && dominatesCell; j++) {
                    dominatesCell = p[j] <= grid[j][cell[j]];
                }
                if (dominatesCell) {
                    bound = Math.min(bound, p[m - 1]);
                }
            }
            double[] lo = new double[m];
            double[] hi = new double[m];
            for (int j = 0; j < m - 1; j++) {
                lo[j] = grid[j][cell[j]];
                hi[j] = grid[j][cell[j] + 1];
            }
            lo[m - 1] = Double.NEGATIVE_INFINITY;
            hi[m - 1] = bound;
            lowers.add(lo);
            uppers.add(hi);
            int j = 0;
            while (j < m - 1 && ++cell[j] == grid[j].length - 1) {
                cell[j] = 0;
                j++;
            }
            if (j == m - 1) {
                break;
            }
        }
        return new NonDominatedBoxes(lowers.toArray(new double[0][]), uppers.toArray(new double[0][]));
    }

    /** The hypervolume improvement of {@code y} (for tests and references). */
    double improvement(double[] y) {
        double sum = 0;
        for (int b = 0; b < lower.length; b++) {
            double v = 1;
            for (int j = 0; j < y.length; j++) {
                v *= Math.max(0, upper[b][j] - Math.max(y[j], lower[b][j]));
            }
            sum += v;
        }
        return sum;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (int b = 0; b < lower.length; b++) {
            s.append(Arrays.toString(lower[b]))
                    .append("..")
                    .append(Arrays.toString(upper[b]))
                    .append('\n');
        }
        return s.toString();
    }
}
