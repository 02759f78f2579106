package dev.schedtune.dsl.primitives;

import static dev.schedtune.dsl.spec.Param.BOOLEAN;
import static dev.schedtune.dsl.spec.Param.FINITE;
import static dev.schedtune.dsl.spec.Param.NON_NEGATIVE;
import static dev.schedtune.dsl.spec.Param.POSITIVE;
import static dev.schedtune.dsl.spec.Param.optional;
import static dev.schedtune.dsl.spec.Param.required;
import static dev.schedtune.dsl.spec.ParamType.NUMBER;

import dev.schedtune.dsl.Checks;
import dev.schedtune.dsl.Curve;
import dev.schedtune.dsl.spec.Boundaries;
import dev.schedtune.dsl.spec.Kind;
import dev.schedtune.dsl.spec.Param;
import dev.schedtune.dsl.spec.ParamType;
import dev.schedtune.dsl.spec.ScheduleSpec;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A straight line from {@code from} to {@code to} over {@code steps} steps, starting at step {@code
 * begin}:
 *
 * <pre>
 *   p    = (t - begin) / steps
 *   f(t) = from                       if p &lt;= 0
 *        = from + (to - from) * p     if 0 &lt; p &lt; 1   (or any p &gt; 0 with extrapolate)
 *        = to                         if p &gt;= 1
 * </pre>
 *
 * <p>This is Optax's {@code linear_schedule(init, end, transition_steps, transition_begin)}, PyTorch's
 * {@code LinearLR} (as factors times the base lr) and a linear warmup. With {@code extrapolate} the line
 * continues past its end (as PyTorch's {@code OneCycleLR} linear phase does after {@code total_steps}).
 */
public final class Linear extends Curve {
    /** Kind name in specs. */
    private static final Param FROM = required("from", NUMBER, FINITE, "value at the start");

    private static final Param TO = required("to", NUMBER, FINITE, "value at the end");
    private static final Param STEPS = required("steps", NUMBER, POSITIVE, "length of the ramp in steps");
    private static final Param BEGIN = optional("begin", NUMBER, 0L, NON_NEGATIVE, "step at which the ramp starts");
    private static final Param EXTRAPOLATE =
            optional("extrapolate", ParamType.BOOLEAN, false, BOOLEAN, "continue the line past its end");

    /** The kind {@code linear(from, to, steps, begin, extrapolate)}. */
    public static final Kind KIND = Kind.schedule(
                    "linear",
                    "a straight line from 'from' to 'to' over 'steps' steps, then 'to'",
                    List.of(FROM, TO, STEPS, BEGIN, EXTRAPOLATE),
                    a -> of(FROM.number(a), TO.number(a), STEPS.number(a), BEGIN.number(a), EXTRAPOLATE.bool(a)))
            .withPython("""
            def _k_linear(**a):
                start, end, steps = a["from"], a["to"], a["steps"]
                begin, extrapolate = a.get("begin", 0), a.get("extrapolate", False)

                def f(x):
                    d = x - begin
                    if d <= 0:
                        return start
                    if d >= steps and (not extrapolate or d == steps):
                        return end
                    return start + (end - start) * (d / steps)
                return f
            """);

    private final double from;
    private final double to;
    private final double steps;
    private final double begin;
    private final boolean extrapolate;

    private Linear(double from, double to, double steps, double begin, boolean extrapolate) {
        this.from = Checks.finite("from", from);
        this.to = Checks.finite("to", to);
        this.steps = Checks.positive("steps", steps);
        this.begin = Checks.nonNegative("begin", begin);
        this.extrapolate = extrapolate;
    }

    /** From {@code from} at step 0 to {@code to} at step {@code steps}, then {@code to}. */
    public static Linear of(double from, double to, double steps) {
        return new Linear(from, to, steps, 0, false);
    }

    /** As {@link #of(double, double, double)}, holding {@code from} until step {@code begin}. */
    public static Linear of(double from, double to, double steps, double begin) {
        return new Linear(from, to, steps, begin, false);
    }

    /** All parameters; {@code extrapolate} continues the line past {@code begin + steps}. */
    public static Linear of(double from, double to, double steps, double begin, boolean extrapolate) {
        return new Linear(from, to, steps, begin, extrapolate);
    }

    public double from() {
        return from;
    }

    public double to() {
        return to;
    }

    public double steps() {
        return steps;
    }

    public double begin() {
        return begin;
    }

    public boolean extrapolate() {
        return extrapolate;
    }

    @Override
    public double valueAtReal(double position) {
        double d = position - begin;
        if (d <= 0) {
            return from;
        }
        if (d >= steps && (!extrapolate || d == steps)) {
            return to;
        }
        return from + (to - from) * (d / steps);
    }

    @Override
    public double horizon() {
        return begin + steps;
    }

    // Curve.fill's loop, repeated here on purpose: its call of valueAtReal is shared by every curve without
    // a fill of its own and soon sees many classes; this copy sees only Linear, so the JIT inlines it
    @Override
    protected void fill(double[] values, int from, int to) {
        for (int i = from; i < to; i++) {
            values[i] = valueAtReal(values[i]);
        }
    }

    @Override
    protected void mark(Boundaries found) {
        if (!extrapolate) {
            found.add(begin);
            found.add(begin + steps);
        }
    }

    @Override
    protected ScheduleSpec describe(boolean lenient) {
        ScheduleSpec.Builder b =
                ScheduleSpec.builder(KIND).put(FROM, from).put(TO, to).put(STEPS, position(steps));
        if (begin != 0) {
            b.put(BEGIN, position(begin));
        }
        if (extrapolate) {
            b.put(EXTRAPOLATE, true);
        }
        return b.build();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Linear l
                && same(from, l.from)
                && same(to, l.to)
                && same(steps, l.steps)
                && same(begin, l.begin)
                && extrapolate == l.extrapolate;
    }

    @Override
    public int hashCode() {
        return Objects.hash(KIND, from, to, steps, begin, extrapolate);
    }
}
