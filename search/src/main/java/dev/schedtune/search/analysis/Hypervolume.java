package dev.schedtune.search.analysis;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Exact hypervolume of a set of points in objective space, every objective minimised.
 *
 * <p>The hypervolume of a set S with reference point r is the Lebesgue measure of the union of the
 * boxes [p, r] for p in S. Points that do not strictly dominate r in every objective span no volume
 * and are ignored, so a front may be passed as it is, without clipping. Algorithms: a sort and sweep
 * in 2 objectives (O(n log n)), the HV3D dimension sweep in 3 (O(n log n)), the WFG algorithm of
 * While, Bradstreet and Barone (2012) beyond.
 *
 * <p>Unlike jMetal's {@code PISAHypervolume} and {@code WFGHypervolume}, which compute on {@code 1 -
 * x} clamped to [0, 1] and only take the dimension from the reference point, every method here uses
 * the reference point it is given. To compare objectives of different scales, map them with {@link
 * #normalize} first, or call {@link #computeNormalized}.
 */
public final class Hypervolume {
    private Hypervolume() {}

    /**
     * The hypervolume dominated by {@code points} and bounded by {@code referencePoint}.
     *
     * @param points one row per point, each of the reference point's length; not modified
     * @param referencePoint finite coordinates
     * @throws IllegalArgumentException for NaN coordinates, an infinite reference coordinate or rows
     *     of the wrong length
     */
    public static double compute(double[][] points, double[] referencePoint) {
        checkReference(referencePoint);
        checkPoints(points, referencePoint.length);
        return computeUnchecked(points, referencePoint);
    }

    /**
     * The hypervolume after mapping objective {@code i} of every point to {@code (v - lower[i]) /
     * (upper[i] - lower[i])}; {@code referencePoint} is given in the normalised space (e.g. 1.1 per
     * objective).
     */
    public static double computeNormalized(double[][] points, double[] lower, double[] upper, double[] referencePoint) {
        checkReference(referencePoint);
        return computeUnchecked(normalize(points, lower, upper), referencePoint);
    }

    /**
     * Maps objective {@code i} of every point to {@code (v - lower[i]) / (upper[i] - lower[i])};
     * returns new rows.
     *
     * @throws IllegalArgumentException unless {@code lower[i] < upper[i]}, both finite, for every i
     */
    public static double[][] normalize(double[][] points, double[] lower, double[] upper) {
        if (lower.length != upper.length) {
            throw new IllegalArgumentException("lower (length " + lower.length + ") and upper (length " + upper.length
                    + ") must have the same length");
        }
        for (int i = 0; i < lower.length; i++) {
            if (!(Double.isFinite(lower[i]) && Double.isFinite(upper[i]) && lower[i] < upper[i])) {
                throw new IllegalArgumentException("lower[" + i + "] (" + lower[i] + ") must be < upper[" + i + "] ("
                        + upper[i] + "), both finite");
            }
        }
        checkPoints(points, lower.length);
        double[][] out = new double[points.length][];
        for (int p = 0; p < points.length; p++) {
            double[] row = new double[lower.length];
            for (int i = 0; i < row.length; i++) {
                row[i] = (points[p][i] - lower[i]) / (upper[i] - lower[i]);
            }
            out[p] = row;
        }
        return out;
    }

    /**
     * The exclusive contribution of every point: the hypervolume lost when that point alone is
     * removed. Dominated and duplicated points contribute 0.
     */
    public static double[] contributions(double[][] points, double[] referencePoint) {
        checkReference(referencePoint);
        checkPoints(points, referencePoint.length);
        int n = points.length;
        double[] out = new double[n];
        if (referencePoint.length == 2 && contributions2dIfMutuallyNondominated(points, referencePoint, out)) {
            return out;
        }
        // Exclusive volume of p = its box minus the volume of the others limited to that box.
        double[][] limited = new double[Math.max(0, n - 1)][];
        for (int i = 0; i < n; i++) {
            double[] p = points[i];
            if (!strictlyInside(p, referencePoint)) {
                continue;
            }
            int k = 0;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    limited[k++] = max(p, points[j]);
                }
            }
            out[i] = Math.max(0.0, box(p, referencePoint) - computeUnchecked(limited, referencePoint));
        }
        return out;
    }

    static double computeUnchecked(double[][] points, double[] ref) {
        int m = ref.length;
        int count = 0;
        for (double[] p : points) {
            if (strictlyInside(p, ref)) {
                count++;
            }
        }
        if (count == 0) {
            return 0.0;
        }
        double[][] inside = points;
        if (count < points.length) {
            inside = new double[count][];
            int k = 0;
            for (double[] p : points) {
                if (strictlyInside(p, ref)) {
                    inside[k++] = p;
                }
            }
        }
        switch (m) {
            case 1:
                double min = Double.POSITIVE_INFINITY;
                for (double[] p : inside) {
                    min = Math.min(min, p[0]);
                }
                return ref[0] - min;
            case 2:
                return hv2d(inside, ref);
            case 3:
                return hv3d(inside, ref);
            default:
                return wfg(nondominated(sortedByFirst(inside)), ref);
        }
    }

    private static double hv2d(double[][] pts, double[] ref) {
        double[][] sorted = pts.clone();
        Arrays.sort(sorted, BY_X_THEN_Y);
        double volume = 0.0;
        double previousY = ref[1];
        for (double[] p : sorted) {
            if (p[1] < previousY) {
                volume += (ref[0] - p[0]) * (previousY - p[1]);
                previousY = p[1];
            }
        }
        return volume;
    }

    /**
     * The O(n log n) staircase formula, valid only when every point inside the reference box is on the
     * staircase (no dominated points, no duplicates); returns false without writing otherwise.
     */
    private static boolean contributions2dIfMutuallyNondominated(double[][] pts, double[] ref, double[] out) {
        int n = pts.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> BY_X_THEN_Y.compare(pts[a], pts[b]));
        int[] stair = new int[n];
        int size = 0;
        double previousY = ref[1];
        for (int k = 0; k < n; k++) {
            double[] p = pts[order[k]];
            if (!strictlyInside(p, ref)) {
                continue;
            }
            if (!(p[1] < previousY)) {
                return false;
            }
            stair[size++] = order[k];
            previousY = p[1];
        }
        for (int s = 0; s < size; s++) {
            double[] p = pts[stair[s]];
            double rightX = s + 1 < size ? pts[stair[s + 1]][0] : ref[0];
            double upperY = s > 0 ? pts[stair[s - 1]][1] : ref[1];
            out[stair[s]] = (rightX - p[0]) * (upperY - p[1]);
        }
        return true;
    }

    /** Dimension sweep on the third objective over an incrementally maintained 2D staircase. */
    private static double hv3d(double[][] pts, double[] ref) {
        if (pts.length <= SMALL) {
            return hv3dSmall(pts, ref);
        }
        double[][] sorted = pts.clone();
        Arrays.sort(sorted, Comparator.comparingDouble(p -> p[2]));
        TreeMap<Double, Double> stair = new TreeMap<>();
        double area = 0.0;
        double volume = 0.0;
        for (int i = 0; i < sorted.length; i++) {
            double x = sorted[i][0];
            double y = sorted[i][1];
            Map.Entry<Double, Double> floor = stair.floorEntry(x);
            if (floor == null || floor.getValue() > y) {
                // Old coverage of the strip [x, right) lies under the predecessor and the removed points.
                double coveredHeight = floor == null ? 0.0 : ref[1] - floor.getValue();
                double left = x;
                double removedArea = 0.0;
                Map.Entry<Double, Double> next = stair.ceilingEntry(x);
                while (next != null && next.getValue() >= y) {
                    removedArea += (next.getKey() - left) * coveredHeight;
                    left = next.getKey();
                    coveredHeight = ref[1] - next.getValue();
                    stair.remove(next.getKey());
                    next = stair.higherEntry(left);
                }
                double right = next == null ? ref[0] : next.getKey();
                removedArea += (right - left) * coveredHeight;
                area += (right - x) * (ref[1] - y) - removedArea;
                stair.put(x, y);
            }
            double nextZ = i + 1 < sorted.length ? sorted[i + 1][2] : ref[2];
            volume += area * (nextZ - sorted[i][2]);
        }
        return volume;
    }

    /** Below this size the 3D sweep keeps its staircase in arrays instead of a TreeMap. */
    private static final int SMALL = 64;

    /** {@link #hv3d} with the staircase in two sorted arrays (x ascending, y descending). */
    private static double hv3dSmall(double[][] pts, double[] ref) {
        double[][] sorted = pts.clone();
        Arrays.sort(sorted, Comparator.comparingDouble(p -> p[2]));
        int n = sorted.length;
        double[] xs = new double[n];
        double[] ys = new double[n];
        int size = 0;
        double area = 0.0;
        double volume = 0.0;
        for (int i = 0; i < n; i++) {
            double x = sorted[i][0];
            double y = sorted[i][1];
            // hi: first staircase point with x' > x; hi - 1 is the floor entry (x' <= x).
            int hi = 0;
            while (hi < size && xs[hi] <= x) {
                hi++;
            }
            int floor = hi - 1;
            if (floor < 0 || ys[floor] > y) {
                // A floor entry at the same x is dominated by the new point: it is removed too.
                int start = floor >= 0 && xs[floor] == x ? floor : hi;
                double coveredHeight = floor < 0 ? 0.0 : ref[1] - ys[floor];
                double left = x;
                double removedArea = 0.0;
                int end = start;
                while (end < size && ys[end] >= y) {
                    removedArea += (xs[end] - left) * coveredHeight;
                    left = xs[end];
                    coveredHeight = ref[1] - ys[end];
                    end++;
                }
                double right = end < size ? xs[end] : ref[0];
                removedArea += (right - left) * coveredHeight;
                area += (right - x) * (ref[1] - y) - removedArea;
                int removed = end - start;
                if (removed == 0) {
                    System.arraycopy(xs, start, xs, start + 1, size - start);
                    System.arraycopy(ys, start, ys, start + 1, size - start);
                    size++;
                } else if (removed > 1) {
                    System.arraycopy(xs, end, xs, start + 1, size - end);
                    System.arraycopy(ys, end, ys, start + 1, size - end);
                    size -= removed - 1;
                }
                xs[start] = x;
                ys[start] = y;
            }
            double nextZ = i + 1 < n ? sorted[i + 1][2] : ref[2];
            volume += area * (nextZ - sorted[i][2]);
        }
        return volume;
    }

    /** WFG on a non-dominated set sorted by the first objective. */
    private static double wfg(double[][] front, double[] ref) {
        int n = front.length;
        if (n == 0) {
            return 0.0;
        }
        if (n == 1) {
            return box(front[0], ref);
        }
        if (n == 2) {
            double[] corner = max(front[0], front[1]);
            return box(front[0], ref) + box(front[1], ref) - box(corner, ref);
        }
        double volume = 0.0;
        for (int k = 0; k < n; k++) {
            volume += box(front[k], ref) - wfg(limitSet(front, k), ref);
        }
        return volume;
    }

    /** Non-dominated set of {max(front[k], front[j]) : j > k}; keeps the first-objective order. */
    private static double[][] limitSet(double[][] front, int k) {
        int n = front.length - k - 1;
        double[][] limited = new double[n][];
        for (int j = 0; j < n; j++) {
            limited[j] = max(front[k], front[k + 1 + j]);
        }
        return nondominated(limited);
    }

    private static double[][] nondominated(double[][] sorted) {
        int n = sorted.length;
        boolean[] keep = new boolean[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            boolean dominated = false;
            for (int j = 0; j < n && !dominated; j++) {
                if (j == i) {
                    continue;
                }
                // A duplicate survives only as its first copy.
                dominated = weaklyDominates(sorted[j], sorted[i]) && (j < i || !Arrays.equals(sorted[j], sorted[i]));
            }
            keep[i] = !dominated;
            if (!dominated) {
                count++;
            }
        }
        double[][] out = new double[count][];
        int c = 0;
        for (int i = 0; i < n; i++) {
            if (keep[i]) {
                out[c++] = sorted[i];
            }
        }
        return out;
    }

    private static double[][] sortedByFirst(double[][] pts) {
        double[][] sorted = pts.clone();
        Arrays.sort(sorted, Comparator.comparingDouble(p -> p[0]));
        return sorted;
    }

    private static double box(double[] p, double[] ref) {
        double v = 1.0;
        for (int i = 0; i < ref.length; i++) {
            v *= ref[i] - p[i];
        }
        return v;
    }

    private static double[] max(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = Math.max(a[i], b[i]);
        }
        return out;
    }

    /** a is no worse than b in every objective (so a equal to b counts). */
    static boolean weaklyDominates(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] > b[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean strictlyInside(double[] p, double[] ref) {
        for (int i = 0; i < ref.length; i++) {
            if (!(p[i] < ref[i])) {
                return false;
            }
        }
        return true;
    }

    private static final Comparator<double[]> BY_X_THEN_Y =
            Comparator.<double[]>comparingDouble(p -> p[0]).thenComparingDouble(p -> p[1]);

    private static void checkReference(double[] referencePoint) {
        if (referencePoint.length == 0) {
            throw new IllegalArgumentException("referencePoint must have at least one objective");
        }
        for (int i = 0; i < referencePoint.length; i++) {
            if (!Double.isFinite(referencePoint[i])) {
                throw new IllegalArgumentException(
                        "referencePoint[" + i + "] (" + referencePoint[i] + ") must be finite");
            }
        }
    }

    private static void checkPoints(double[][] points, int m) {
        for (int p = 0; p < points.length; p++) {
            if (points[p].length != m) {
                throw new IllegalArgumentException(
                        "points[" + p + "] has " + points[p].length + " objectives, the reference point " + m);
            }
            for (int i = 0; i < m; i++) {
                if (Double.isNaN(points[p][i])) {
                    throw new IllegalArgumentException("points[" + p + "][" + i + "] (NaN) must not be NaN");
                }
            }
        }
    }
}
