package dev.schedtune.export;

import com.google.common.collect.ImmutableMap;
import dev.schedtune.dsl.Checks;
import dev.schedtune.dsl.Curve;
import dev.schedtune.dsl.Schedule;
import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.dsl.spec.Expandable;
import dev.schedtune.dsl.spec.Piecewise;
import dev.schedtune.dsl.spec.Specified;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/** The values of every hyperparameter of a set at steps {@code 0 .. steps - 1}, and its piece boundaries. */
final class Samples {
    /** Most steps a plot samples; longer curves are sampled with a stride. */
    static final int MAX_POINTS = 2_000_000;

    private final long steps;
    private final long stride;
    private final ImmutableMap<String, double[]> values;
    private final ImmutableMap<String, double[]> boundaries;

    private Samples(long steps, long stride, ImmutableMap<String, double[]> values, ImmutableMap<String, double[]> b) {
        this.steps = steps;
        this.stride = stride;
        this.values = values;
        this.boundaries = b;
    }

    static Samples of(ScheduleSet set, long steps) {
        Checks.positive("steps", steps);
        long stride = Math.max(1, (steps + MAX_POINTS - 1) / MAX_POINTS);
        int n = (int) ((steps + stride - 1) / stride);
        ImmutableMap.Builder<String, double[]> values = ImmutableMap.builder();
        ImmutableMap.Builder<String, double[]> bounds = ImmutableMap.builder();
        for (Map.Entry<String, Schedule> e : set.asMap().entrySet()) {
            Schedule s = e.getValue();
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = s.valueAt(i * stride);
            }
            values.put(e.getKey(), v);
            bounds.put(e.getKey(), boundariesOf(s, steps));
        }
        return new Samples(steps, stride, values.buildOrThrow(), bounds.buildOrThrow());
    }

    private static double[] boundariesOf(Schedule s, long steps) {
        double[] raw;
        if (s instanceof Expandable e && e.expanded() instanceof Specified) {
            // a preset: the pieces of the composition it evaluates
            raw = boundariesOf(e.expanded(), steps);
        } else if (s instanceof Curve c && !isData(c)) {
            // a user function inside: no markers
            raw = new double[0];
        } else if (s instanceof Piecewise p) {
            raw = p.boundaries(0, steps);
        } else {
            raw = new double[0];
        }
        return Arrays.stream(raw)
                .filter(b -> b > 0 && b < steps)
                .distinct()
                .sorted()
                .toArray();
    }

    private static boolean isData(Curve c) {
        try {
            c.spec();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    long steps() {
        return steps;
    }

    /** Distance in steps between consecutive samples (1 unless the curve is very long). */
    long stride() {
        return stride;
    }

    int size() {
        return values.values().iterator().next().length;
    }

    Set<String> names() {
        return values.keySet();
    }

    double[] values(String name) {
        return values.get(name);
    }

    double[] boundaries(String name) {
        return boundaries.get(name);
    }
}
