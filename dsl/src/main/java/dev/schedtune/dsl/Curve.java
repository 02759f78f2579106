package dev.schedtune.dsl;

import dev.schedtune.dsl.spec.Boundaries;
import dev.schedtune.dsl.spec.Piecewise;
import dev.schedtune.dsl.spec.ScheduleSpec;
import dev.schedtune.dsl.spec.Specified;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A built-in schedule: an immutable value with a closed form at every real position, structural
 * equality, a {@link #spec() spec} that rebuilds it, and a {@link #toString()} that shows its structure.
 *
 * <p>Combinators hold their children as curves; a user's lambda is wrapped by {@link #of(Schedule)} so
 * it composes like any other schedule (but then the composite cannot be written as data: {@link #spec()}
 * throws {@link NotSpecifiedException}).
 */
public abstract class Curve implements Schedule, Specified, Piecewise {

    /** For subclasses (built-in kinds and user-defined kinds registered in a {@code KindRegistry}). */
    protected Curve() {}

    /** The value at a real position; {@link #valueAt(long)} is this at whole steps. */
    @Override
    public abstract double valueAtReal(double position);

    @Override
    public final double valueAt(long step) {
        return valueAtReal((double) step);
    }

    /**
     * Writes the values at steps {@code from .. from + count - 1} into {@code out[0..count)}. Built-ins
     * evaluate whole segments at a time: every branch (which piece, which cycle, which phase) is decided
     * on the same positions as {@link #valueAt(long)}, and smooth curves may differ from it in the last
     * bits (cosines are filled by angle addition from exact anchors every 64 steps, about 1e-15 of the
     * range).
     */
    @Override
    public final void sample(long from, int count, double[] out) {
        Checks.require(
                count >= 0 && count <= out.length,
                "count (" + count + ") must be in [0, " + out.length + "] (the length of out)");
        for (int i = 0; i < count; i++) {
            out[i] = (double) (from + i);
        }
        fill(out, 0, count);
    }

    /**
     * Bulk evaluation in place: on entry {@code values[from..to)} hold non-decreasing positions, on exit
     * the values of this curve there. Subclasses override it to handle runs of positions at once; the
     * default evaluates each position with {@link #valueAtReal(double)}.
     */
    protected void fill(double[] values, int from, int to) {
        for (int i = from; i < to; i++) {
            values[i] = valueAtReal(values[i]);
        }
    }

    /** Calls {@code child.fill}, for subclasses filling runs of their children. */
    protected static void fill(Curve child, double[] values, int from, int to) {
        child.fill(values, from, to);
    }

    /**
     * This schedule as data.
     *
     * @throws NotSpecifiedException if it contains a user function (a lambda), which has no data form
     */
    @Override
    public final ScheduleSpec spec() {
        return describe(false);
    }

    /**
     * This schedule as a spec; with {@code lenient}, user functions inside it appear as {@code
     * function(of=...)} instead of failing (used by {@link #toString()}).
     */
    protected abstract ScheduleSpec describe(boolean lenient);

    /** The spec of a child, for subclasses describing nested schedules. */
    protected static ScheduleSpec describe(Curve child, boolean lenient) {
        return child.describe(lenient);
    }

    /** Where this curve's pieces meet in {@code [from, to)}, as {@link #mark(Boundaries)} marks them. */
    @Override
    public final double[] boundaries(double from, double to) {
        Boundaries found = Boundaries.upTo(to);
        mark(found);
        return Arrays.stream(found.toArray()).filter(b -> b >= from).toArray();
    }

    /**
     * Marks where this curve's pieces meet (the end of a ramp, phase ends, cycle starts, the boundaries
     * of a join) in its own steps, for plot markers; composites pass their children a {@link
     * Boundaries#child frame}. The default marks nothing.
     */
    protected void mark(Boundaries found) {}

    /** Calls {@code child.mark}, for composites. */
    protected static void mark(Curve child, Boundaries frame) {
        child.mark(frame);
    }

    /** Reads like a call: {@code cosine(from=1.0, to=0.0, steps=100)}. */
    @Override
    public String toString() {
        return describe(true).toString();
    }

    @Override
    public abstract boolean equals(@Nullable Object o);

    @Override
    public abstract int hashCode();

    /** {@code schedule} as a curve: itself if it is one, otherwise a wrapper around the user function. */
    public static Curve of(Schedule schedule) {
        Checks.notNull("schedule", schedule);
        return schedule instanceof Curve c ? c : new FunctionCurve(schedule);
    }

    /** The schedule a curve stands for: the user function for a wrapped lambda, else the curve itself. */
    public static Schedule unwrap(Curve curve) {
        return curve instanceof FunctionCurve f ? f.function() : curve;
    }

    /** Curves for several schedules. */
    public static Curve[] of(Schedule... schedules) {
        Curve[] curves = new Curve[schedules.length];
        for (int i = 0; i < schedules.length; i++) {
            curves[i] = of(Checks.notNull("schedules[" + i + "]", schedules[i]));
        }
        return curves;
    }

    /**
     * A step count or position as a spec value: a {@code Long} when it is a whole number (so configs read
     * {@code steps: 1000}), else a {@code Double}.
     */
    protected static Object position(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 0x1p53 && !(value == 0 && 1 / value < 0)) {
            return (long) value;
        }
        return value;
    }

    /** Positions as spec values (see {@link #position(double)}). */
    protected static List<Object> positions(double[] values) {
        return Arrays.stream(values).mapToObj(Curve::position).toList();
    }

    /**
     * The number of elements of the non-decreasing array {@code sorted} that are {@code <= x}: the index
     * of the segment holding {@code x} (linear scan for short arrays, binary search otherwise).
     */
    protected static int countAtOrBelow(double[] sorted, double x) {
        int n = sorted.length;
        if (n <= 8) {
            int k = 0;
            while (k < n && sorted[k] <= x) {
                k++;
            }
            return k;
        }
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * The first index in {@code [from, to)} of the non-decreasing {@code sorted} whose value is {@code >= x}
     * ({@code to} if none): where a run of positions below {@code x} ends, found by bisection.
     */
    protected static int firstAtOrAbove(double[] sorted, int from, int to, double x) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Equality of doubles as {@link Double#equals(Object)} (NaN equals NaN; 0.0 differs from -0.0). */
    protected static boolean same(double a, double b) {
        return Double.doubleToLongBits(a) == Double.doubleToLongBits(b);
    }
}
