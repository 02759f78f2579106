package dev.schedtune.search.sampler.tpe;

import dev.schedtune.search.analysis.Hypervolume;
import java.util.Arrays;
import java.util.PriorityQueue;

/**
 * The multi-objective "good" set of MOTPE as in Optuna 3.1: whole non-domination levels while they fit,
 * then the rest of the boundary level chosen by greedy hypervolume subset selection; and the weights of
 * the good observations, proportional to their hypervolume contributions.
 */
final class HypervolumeSplit {
    private HypervolumeSplit() {}

    static final double EPS = 1e-12;

    /** The k best trial numbers, ascending. */
    static int[] best(NondominatedLevels levels, int k) {
        int[] out = new int[k];
        int filled = 0;
        for (int level = 0; level < levels.levelCount() && filled < k; level++) {
            int[] ids = levels.level(level);
            if (filled + ids.length <= k) {
                System.arraycopy(ids, 0, out, filled, ids.length);
                filled += ids.length;
            } else {
                int[] chosen = greedySubset(levels, ids, k - filled);
                System.arraycopy(chosen, 0, out, filled, chosen.length);
                filled += chosen.length;
            }
        }
        int[] result = Arrays.copyOf(out, filled);
        Arrays.sort(result);
        return result;
    }

    /**
     * Greedy hypervolume subset selection (a 1 - 1/e approximation, Optuna's {@code _solve_hssp}) with
     * lazy re-evaluation: contributions only shrink as the subset grows, so a stale value is an upper
     * bound and only the current maximum needs refreshing: first by the overlap of its box with each
     * point chosen since (O(m) each), then, if it stays on top, exactly. Ties go to the lower index, as
     * numpy's argmax.
     */
    static int[] greedySubset(NondominatedLevels levels, int[] ids, int size) {
        int n = ids.length;
        double[][] pts = new double[n][];
        for (int i = 0; i < n; i++) {
            pts[i] = levels.point(ids[i]);
        }
        double[] ref = referencePoint(pts);
        double[] box = new double[n];
        // The subset size at which a candidate's bound was exact (-1 once taken), and up to which chosen
        // points its cheap overlap bound accounts for.
        int[] exactAt = new int[n];
        int[] cheapAt = new int[n];
        int[] version = new int[n];
        PriorityQueue<Entry> queue = new PriorityQueue<>((a, b) -> {
            int c = Double.compare(b.bound, a.bound);
            return c != 0 ? c : Integer.compare(a.index, b.index);
        });
        for (int i = 0; i < n; i++) {
            box[i] = box(pts[i], ref);
            queue.add(new Entry(box[i], i, 0));
        }
        double[][] selected = new double[size][];
        int[] chosen = new int[size];
        int count = 0;
        while (count < size) {
            Entry top = queue.poll();
            int i = top.index;
            if (exactAt[i] < 0 || top.version != version[i]) {
                continue;
            }
            if (exactAt[i] == count) {
                selected[count] = pts[i];
                chosen[count++] = ids[i];
                exactAt[i] = -1;
                continue;
            }
            double bound = top.bound;
            // First the cheap bound: what each point chosen since leaves of this box (O(m) each).
            for (; cheapAt[i] < count; cheapAt[i]++) {
                bound = Math.min(bound, box[i] - overlap(pts[i], selected[cheapAt[i]], ref));
            }
            if (bound < top.bound) {
                queue.add(new Entry(bound, i, ++version[i]));
                continue;
            }
            exactAt[i] = count;
            queue.add(new Entry(exclusive(pts[i], selected, count, ref), i, ++version[i]));
        }
        return chosen;
    }

    private record Entry(double bound, int index, int version) {}

    /** Volume of the intersection of the boxes of p and q. */
    private static double overlap(double[] p, double[] q, double[] ref) {
        double v = 1;
        for (int d = 0; d < p.length; d++) {
            v *= ref[d] - Math.max(p[d], q[d]);
        }
        return v;
    }

    /** Volume of p's box not covered by the first {@code count} selected points. */
    private static double exclusive(double[] p, double[][] selected, int count, double[] ref) {
        double[][] limited = new double[count][];
        for (int j = 0; j < count; j++) {
            double[] q = selected[j];
            double[] l = new double[p.length];
            for (int d = 0; d < p.length; d++) {
                l[d] = Math.max(p[d], q[d]);
            }
            limited[j] = l;
        }
        return box(p, ref) - Hypervolume.compute(limited, ref);
    }

    /**
     * Weights of the good observations (losses of the feasible ones): each one's hypervolume
     * contribution plus EPS, divided by the largest, clipped to [0, 1].
     */
    static double[] weights(double[][] losses) {
        int n = losses.length;
        if (n == 0) {
            return new double[0];
        }
        if (n == 1) {
            return new double[] {1.0};
        }
        double[] contributions = Hypervolume.contributions(losses, referencePoint(losses));
        double max = 0;
        for (int i = 0; i < n; i++) {
            contributions[i] += EPS;
            max = Math.max(max, contributions[i]);
        }
        for (int i = 0; i < n; i++) {
            contributions[i] = Math.min(1.0, Math.max(0.0, contributions[i] / max));
        }
        return contributions;
    }

    /** Optuna's reference point: max(1.1 w, 0.9 w) of the worst point w, zeros replaced by EPS. */
    static double[] referencePoint(double[][] pts) {
        int m = pts[0].length;
        double[] ref = new double[m];
        Arrays.fill(ref, Double.NEGATIVE_INFINITY);
        for (double[] p : pts) {
            for (int d = 0; d < m; d++) {
                ref[d] = Math.max(ref[d], p[d]);
            }
        }
        for (int d = 0; d < m; d++) {
            ref[d] = Math.max(1.1 * ref[d], 0.9 * ref[d]);
            if (ref[d] == 0) {
                ref[d] = EPS;
            }
        }
        return ref;
    }

    private static double box(double[] p, double[] ref) {
        double v = 1;
        for (int d = 0; d < p.length; d++) {
            v *= ref[d] - p[d];
        }
        return v;
    }
}
