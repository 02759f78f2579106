package dev.schedtune.dsl.combinators;

import static dev.schedtune.dsl.spec.Param.required;
import static dev.schedtune.dsl.spec.ParamType.SCHEDULE_LIST;

import dev.schedtune.dsl.Checks;
import dev.schedtune.dsl.Curve;
import dev.schedtune.dsl.Schedule;
import dev.schedtune.dsl.spec.Boundaries;
import dev.schedtune.dsl.spec.Kind;
import dev.schedtune.dsl.spec.Param;
import dev.schedtune.dsl.spec.ScheduleSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Schedules combined pointwise: the minimum, maximum, product or sum of their values at each step. A
 * product is PyTorch's {@code ChainedScheduler} of closed forms (factor schedules multiplied).
 */
public final class Combine extends Curve {

    /** The pointwise operation; its lower-case name is the kind name. */
    public enum Op {
        /** {@code min_i s_i(t)}. */
        MIN("v if math.isnan(v) else (w if math.isnan(w) else (v if v <= w else w))"),
        /** {@code max_i s_i(t)}. */
        MAX("v if math.isnan(v) else (w if math.isnan(w) else (v if v >= w else w))"),
        /** {@code prod_i s_i(t)}. */
        PRODUCT("v * w"),
        /** {@code sum_i s_i(t)}. */
        SUM("v + w");

        /** The Python expression folding the next value {@code w} into {@code v}, as the Java fold does. */
        private final String python;

        Op(String python) {
            this.python = python;
        }

        /** The kind name ({@code "min"}, {@code "max"}, {@code "product"}, {@code "sum"}). */
        public String kind() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Param SCHEDULES = required("schedules", SCHEDULE_LIST, "at least one", "the schedules");

    /** The kinds {@code min}, {@code max}, {@code product} and {@code sum}, each of a list of schedules. */
    public static final List<Kind> KINDS =
            Arrays.stream(Op.values()).map(Combine::kind).toList();

    private static Kind kind(Op op) {
        return Kind.schedule(
                        op.kind(),
                        "the pointwise " + op.kind() + " of schedules",
                        List.of(SCHEDULES),
                        a -> of(op, SCHEDULES.schedules(a)))
                .withPython("""
                        def _k_%s(schedules):
                            def f(x):
                                v = schedules[0](x)
                                for part in schedules[1:]:
                                    w = part(x)
                                    v = %s
                                return v
                            return f
                        """.formatted(op.kind(), op.python));
    }

    private final Op op;
    private final Curve[] parts;

    private Combine(Op op, Curve[] parts) {
        Checks.require(parts.length >= 1, op.kind() + " needs at least one schedule");
        this.op = Checks.notNull("op", op);
        this.parts = parts;
    }

    /** {@code op} over {@code schedules}. */
    public static Combine of(Op op, List<? extends Schedule> schedules) {
        return new Combine(op, Curve.of(schedules.toArray(new Schedule[0])));
    }

    /** The pointwise minimum. */
    public static Combine min(Schedule... schedules) {
        return new Combine(Op.MIN, Curve.of(schedules));
    }

    /** The pointwise maximum. */
    public static Combine max(Schedule... schedules) {
        return new Combine(Op.MAX, Curve.of(schedules));
    }

    /** The pointwise product. */
    public static Combine product(Schedule... schedules) {
        return new Combine(Op.PRODUCT, Curve.of(schedules));
    }

    /** The pointwise sum. */
    public static Combine sum(Schedule... schedules) {
        return new Combine(Op.SUM, Curve.of(schedules));
    }

    public Op op() {
        return op;
    }

    /** The combined schedules, in order. */
    public List<Schedule> schedules() {
        List<Schedule> out = new ArrayList<>();
        for (Curve c : parts) {
            out.add(Curve.unwrap(c));
        }
        return List.copyOf(out);
    }

    @Override
    public double valueAtReal(double position) {
        double v = parts[0].valueAtReal(position);
        for (int i = 1; i < parts.length; i++) {
            v = combine(v, parts[i].valueAtReal(position));
        }
        return v;
    }

    private double combine(double v, double w) {
        return switch (op) {
            case MIN -> Math.min(v, w);
            case MAX -> Math.max(v, w);
            case PRODUCT -> v * w;
            case SUM -> v + w;
        };
    }

    @Override
    protected void fill(double[] values, int from, int to) {
        double[] positions = Arrays.copyOfRange(values, from, to);
        fill(parts[0], values, from, to);
        double[] other = new double[to - from];
        for (int p = 1; p < parts.length; p++) {
            System.arraycopy(positions, 0, other, 0, other.length);
            fill(parts[p], other, 0, other.length);
            for (int k = 0; k < other.length; k++) {
                values[from + k] = combine(values[from + k], other[k]);
            }
        }
    }

    /** The latest finite horizon of the parts (+Infinity if none has one). */
    @Override
    public double horizon() {
        double h = Double.NEGATIVE_INFINITY;
        for (Curve c : parts) {
            double ch = c.horizon();
            if (Double.isFinite(ch)) {
                h = Math.max(h, ch);
            }
        }
        return h == Double.NEGATIVE_INFINITY ? Double.POSITIVE_INFINITY : h;
    }

    @Override
    protected void mark(Boundaries found) {
        for (Curve part : parts) {
            mark(part, found);
        }
    }

    @Override
    protected ScheduleSpec describe(boolean lenient) {
        List<ScheduleSpec> specs = new ArrayList<>();
        for (Curve c : parts) {
            specs.add(describe(c, lenient));
        }
        return ScheduleSpec.builder(op.kind()).put(SCHEDULES, specs).build();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Combine that && that.op == op && Arrays.equals(that.parts, parts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(op, Arrays.hashCode(parts));
    }
}
