package dev.schedtune.dsl.combinators;

import static dev.schedtune.dsl.spec.Param.required;
import static dev.schedtune.dsl.spec.ParamType.NUMBER_LIST;
import static dev.schedtune.dsl.spec.ParamType.SCHEDULE_LIST;

import dev.schedtune.dsl.Checks;
import dev.schedtune.dsl.Curve;
import dev.schedtune.dsl.Schedule;
import dev.schedtune.dsl.primitives.Constant;
import dev.schedtune.dsl.spec.Boundaries;
import dev.schedtune.dsl.spec.Kind;
import dev.schedtune.dsl.spec.Param;
import dev.schedtune.dsl.spec.ScheduleSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Schedules in sequence: with boundaries {@code b[0] <= b[1] <= ...}, piece {@code i} runs from {@code
 * b[i-1]} (0 for the first) to {@code b[i]} and sees the step relative to its start:
 *
 * <pre>
 *   f(t) = pieces[i](t - b[i-1])   for b[i-1] &lt;= t &lt; b[i]
 * </pre>
 *
 * <p>This is Optax's {@code join_schedules(schedules, boundaries)} and PyTorch's {@code
 * SequentialLR(schedulers, milestones)}. Finding the piece is a scan (few pieces) or a binary search.
 */
public final class Join extends Curve {
    /** Kind name in specs. */
    private static final Param SCHEDULES = required("schedules", SCHEDULE_LIST, "at least one", "the pieces in order");

    private static final Param BOUNDARIES =
            required("boundaries", NUMBER_LIST, "non-decreasing, >= 0, one fewer than schedules", "");

    /** The kind {@code join(schedules, boundaries)}. */
    public static final Kind KIND = Kind.schedule(
                    "join",
                    "schedules in sequence; each sees the step minus its boundary",
                    List.of(SCHEDULES, BOUNDARIES),
                    a -> of(SCHEDULES.schedules(a), BOUNDARIES.numbers(a)))
            .withPython("""
            def _k_join(schedules, boundaries):
                offsets = [0.0] + list(boundaries)

                def f(x):
                    i = _count_at_or_below(boundaries, x)
                    return schedules[i](x - offsets[i])
                return f
            """);

    private final Curve[] pieces;
    private final double[] boundaries;
    private final double[] offsets;
    /** The value of each constant piece, NaN for the others: constants are answered without a call. */
    private final double[] constants;
    // Up to four pieces are also held in fields, each called from its own call site: a site then sees
    // one receiver class and the JIT inlines the piece (an array element called from one site would
    // make that site megamorphic as soon as the pieces differ in class).
    private final boolean small;
    private final Curve p0;
    private final Curve p1;
    private final Curve p2;
    private final Curve p3;
    private final double b0;
    private final double b1;
    private final double b2;

    private Join(Curve[] pieces, double[] boundaries) {
        Checks.require(pieces.length >= 1, "a join needs at least one schedule");
        Checks.require(
                boundaries.length == pieces.length - 1,
                "boundaries (" + boundaries.length + " of them) must number one less than schedules (" + pieces.length
                        + ")");
        this.pieces = pieces;
        this.boundaries = Checks.nonDecreasing("boundaries", boundaries);
        for (int i = 0; i < boundaries.length; i++) {
            Checks.nonNegative("boundaries[" + i + "]", boundaries[i]);
        }
        this.offsets = new double[pieces.length];
        System.arraycopy(this.boundaries, 0, offsets, 1, boundaries.length);
        this.small = pieces.length <= 4;
        this.p0 = pieces[0];
        this.p1 = pieces[Math.min(1, pieces.length - 1)];
        this.p2 = pieces[Math.min(2, pieces.length - 1)];
        this.p3 = pieces[Math.min(3, pieces.length - 1)];
        this.b0 = boundaries.length > 0 ? this.boundaries[0] : Double.POSITIVE_INFINITY;
        this.b1 = boundaries.length > 1 ? this.boundaries[1] : Double.POSITIVE_INFINITY;
        this.b2 = boundaries.length > 2 ? this.boundaries[2] : Double.POSITIVE_INFINITY;
        this.constants = new double[pieces.length];
        for (int i = 0; i < pieces.length; i++) {
            constants[i] = pieces[i] instanceof Constant ? ((Constant) pieces[i]).value() : Double.NaN;
        }
    }

    /** {@code schedules[i]} from {@code boundaries[i-1]} on, each seeing steps from its own start. */
    public static Join of(List<? extends Schedule> schedules, double[] boundaries) {
        return new Join(Curve.of(schedules.toArray(new Schedule[0])), boundaries);
    }

    /** {@code first} before {@code boundary}, then {@code next} at {@code step - boundary}. */
    public static Join of(Schedule first, double boundary, Schedule next) {
        Curve head = Curve.of(first);
        if (head instanceof Join) {
            Join j = (Join) head;
            if (j.boundaries.length == 0 || j.boundaries[j.boundaries.length - 1] <= boundary) {
                Curve[] pieces = Arrays.copyOf(j.pieces, j.pieces.length + 1);
                pieces[pieces.length - 1] = Curve.of(next);
                double[] bounds = Arrays.copyOf(j.boundaries, j.boundaries.length + 1);
                bounds[bounds.length - 1] = boundary;
                return new Join(pieces, bounds);
            }
        }
        return new Join(new Curve[] {head, Curve.of(next)}, new double[] {boundary});
    }

    /**
     * Pieces given by their lengths rather than their boundaries: {@code schedules[i]} runs for {@code
     * lengths[i]} steps ({@code lengths.length == schedules.size() - 1}; the last runs for ever).
     */
    public static Join sequence(List<? extends Schedule> schedules, double... lengths) {
        double[] bounds = new double[lengths.length];
        double sum = 0;
        for (int i = 0; i < lengths.length; i++) {
            sum += Checks.nonNegative("lengths[" + i + "]", lengths[i]);
            bounds[i] = sum;
        }
        return of(schedules, bounds);
    }

    /** The pieces, in order. */
    public List<Schedule> schedules() {
        List<Schedule> out = new ArrayList<>();
        for (Curve c : pieces) {
            out.add(Curve.unwrap(c));
        }
        return List.copyOf(out);
    }

    /** The boundaries (a copy). */
    public double[] boundaries() {
        return boundaries.clone();
    }

    @Override
    public double valueAtReal(double position) {
        if (small) {
            if (position < b0) {
                return p0.valueAtReal(position);
            }
            if (position < b1) {
                return p1.valueAtReal(position - b0);
            }
            if (position < b2) {
                return p2.valueAtReal(position - b1);
            }
            return p3.valueAtReal(position - b2);
        }
        int i = countAtOrBelow(boundaries, position);
        double constant = constants[i];
        // a constant piece (a floor, a stable phase) needs no call; keeping it off the call site leaves
        // the JIT fewer receiver types there, so the common warmup + decay pair is inlined
        return constant == constant ? constant : pieces[i].valueAtReal(position - offsets[i]);
    }

    @Override
    protected void fill(double[] values, int from, int to) {
        int i = from;
        while (i < to) {
            int piece = countAtOrBelow(boundaries, values[i]);
            double limit = piece < boundaries.length ? boundaries[piece] : Double.POSITIVE_INFINITY;
            double offset = offsets[piece];
            // positions are non-decreasing: the piece's run ends at the first one at or past its limit
            int end = firstAtOrAbove(values, i, to, limit);
            for (int k = i; k < end; k++) {
                values[k] -= offset;
            }
            fill(pieces[piece], values, i, end);
            i = end;
        }
    }

    @Override
    public double horizon() {
        return offsets[offsets.length - 1] + pieces[pieces.length - 1].horizon();
    }

    @Override
    protected void mark(Boundaries found) {
        for (int i = 0; i < pieces.length; i++) {
            double start = i == 0 ? 0 : boundaries[i - 1];
            double end = i < boundaries.length ? boundaries[i] : Double.POSITIVE_INFINITY;
            if (i > 0) {
                found.add(start);
            }
            mark(pieces[i], found.child(start, 1, start, end));
        }
    }

    @Override
    protected ScheduleSpec describe(boolean lenient) {
        List<ScheduleSpec> specs = new ArrayList<>();
        for (Curve c : pieces) {
            specs.add(describe(c, lenient));
        }
        return ScheduleSpec.builder(KIND)
                .put(SCHEDULES, specs)
                .put(BOUNDARIES, positions(boundaries))
                .build();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Join
                && Arrays.equals(((Join) o).pieces, pieces)
                && Arrays.equals(((Join) o).boundaries, boundaries);
    }

    @Override
    public int hashCode() {
        return Objects.hash(KIND, Arrays.hashCode(pieces), Arrays.hashCode(boundaries));
    }
}
