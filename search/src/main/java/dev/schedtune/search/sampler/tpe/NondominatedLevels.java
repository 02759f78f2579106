package dev.schedtune.search.sampler.tpe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Non-dominated sorting maintained point by point (minimisation): level 0 is the Pareto front, level
 * {@code i+1} the front of what remains after removing levels 0..i. A new point goes to the first level
 * holding nothing that dominates it (found by binary search: a point dominated by level i is dominated by
 * every earlier level); the points it dominates there move down one level, cascading. So Optuna's O(n²)
 * ranking per trial becomes a small incremental update, and the best levels are read directly.
 */
final class NondominatedLevels {
    private final List<int[]> levels = new ArrayList<>();
    private final List<Integer> sizes = new ArrayList<>();
    private final Map<Integer, double[]> points = new HashMap<>();

    int levelCount() {
        return levels.size();
    }

    int levelSize(int level) {
        return sizes.get(level);
    }

    /** Trial numbers of a level, in ascending order. */
    int[] level(int level) {
        int[] ids = Arrays.copyOf(levels.get(level), sizes.get(level));
        Arrays.sort(ids);
        return ids;
    }

    double[] point(int id) {
        return points.get(id);
    }

    int size() {
        return points.size();
    }

    void add(int id, double[] loss) {
        points.put(id, loss);
        int lo = 0;
        int hi = levels.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (dominatedBy(loss, mid)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        int[] moving = {id};
        int movingCount = 1;
        for (int level = lo; movingCount > 0; level++) {
            if (level == levels.size()) {
                levels.add(new int[Math.max(4, movingCount)]);
                sizes.add(0);
            }
            int[] members = levels.get(level);
            int count = sizes.get(level);
            int[] pushed = new int[count];
            int pushedCount = 0;
            int kept = 0;
            for (int i = 0; i < count; i++) {
                int q = members[i];
                if (dominatedByAny(points.get(q), moving, movingCount)) {
                    pushed[pushedCount++] = q;
                } else {
                    members[kept++] = q;
                }
            }
            if (kept + movingCount > members.length) {
                members = Arrays.copyOf(members, Math.max(2 * members.length, kept + movingCount));
                levels.set(level, members);
            }
            System.arraycopy(moving, 0, members, kept, movingCount);
            sizes.set(level, kept + movingCount);
            moving = pushed;
            movingCount = pushedCount;
        }
    }

    private boolean dominatedBy(double[] p, int level) {
        int[] members = levels.get(level);
        int count = sizes.get(level);
        for (int i = 0; i < count; i++) {
            if (dominates(points.get(members[i]), p)) {
                return true;
            }
        }
        return false;
    }

    private boolean dominatedByAny(double[] p, int[] ids, int count) {
        for (int i = 0; i < count; i++) {
            if (dominates(points.get(ids[i]), p)) {
                return true;
            }
        }
        return false;
    }

    /** a ≤ b everywhere and a < b somewhere. */
    static boolean dominates(double[] a, double[] b) {
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
}
