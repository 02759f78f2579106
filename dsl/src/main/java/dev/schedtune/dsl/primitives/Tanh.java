package dev.schedtune.dsl.primitives;

import static dev.schedtune.dsl.spec.Param.FINITE;
import static dev.schedtune.dsl.spec.Param.POSITIVE;
import static dev.schedtune.dsl.spec.Param.optional;
import static dev.schedtune.dsl.spec.Param.required;
import static dev.schedtune.dsl.spec.ParamType.NUMBER;

import dev.schedtune.dsl.Checks;
import dev.schedtune.dsl.Curve;
import dev.schedtune.dsl.spec.Boundaries;
import dev.schedtune.dsl.spec.Kind;
import dev.schedtune.dsl.spec.Param;
import dev.schedtune.dsl.spec.ScheduleSpec;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Hyperbolic-tangent decay (timm's {@code TanhLRScheduler}, Hsueh et al. 2019):
 *
 * <pre>
 *   r    = max(0, t) / steps
 *   f(t) = to + (from - to) / 2 * (1 - tanh(lower * (1 - r) + upper * r))   for r &lt; 1
 *        = to                                                          for r &gt;= 1
 * </pre>
 *
 * <p>With timm's defaults {@code lower = -7}, {@code upper = 3}: {@code f(0) = 0.999999 * from} (not
 * exactly {@code from}), and as in timm the value drops to {@code to} at {@code steps} (the formula
 * itself would stop at {@code to + 0.0025 * (from - to)}).
 */
public final class Tanh extends Curve {
    /** Kind name in specs. */
    private static final Param FROM = required("from", NUMBER, FINITE, "value at the start");

    private static final Param TO = required("to", NUMBER, FINITE, "value at the end");
    private static final Param STEPS = required("steps", NUMBER, POSITIVE, "length of the decay");
    private static final Param LOWER = optional("lower", NUMBER, -7.0, "< upper", "tanh argument at the start");
    private static final Param UPPER = optional("upper", NUMBER, 3.0, "> lower", "tanh argument at the end");

    /** The kind {@code tanh(from, to, steps, lower, upper)}. */
    public static final Kind KIND = Kind.schedule(
                    "tanh",
                    "to + (from - to)/2 * (1 - tanh(lower (1 - r) + upper r)), r = t/steps",
                    List.of(FROM, TO, STEPS, LOWER, UPPER),
                    a -> of(FROM.number(a), TO.number(a), STEPS.number(a), LOWER.number(a), UPPER.number(a)))
            .withPython("""
            def _k_tanh(**a):
                start, end, steps = a["from"], a["to"], a["steps"]
                lower, upper = a.get("lower", -7.0), a.get("upper", 3.0)

                def f(x):
                    r = max(0.0, x) / steps
                    if r >= 1:
                        return end
                    return end + 0.5 * (start - end) * (1 - math.tanh(lower * (1. - r) + upper * r))
                return f
            """);

    private final double from;
    private final double to;
    private final double steps;
    private final double lower;
    private final double upper;

    private Tanh(double from, double to, double steps, double lower, double upper) {
        this.from = Checks.finite("from", from);
        this.to = Checks.finite("to", to);
        this.steps = Checks.positive("steps", steps);
        this.lower = Checks.finite("lower", lower);
        this.upper = Checks.finite("upper", upper);
        Checks.require(lower < upper, "lower (" + lower + ") must be < upper (" + upper + ")");
    }

    /** timm's bounds {@code lower = -7}, {@code upper = 3}. */
    public static Tanh of(double from, double to, double steps) {
        return new Tanh(from, to, steps, -7, 3);
    }

    /** Explicit bounds of the tanh argument. */
    public static Tanh of(double from, double to, double steps, double lower, double upper) {
        return new Tanh(from, to, steps, lower, upper);
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

    public double lower() {
        return lower;
    }

    public double upper() {
        return upper;
    }

    @Override
    public double valueAtReal(double position) {
        double r = Math.max(0, position) / steps;
        if (r >= 1) {
            return to;
        }
        return to + 0.5 * (from - to) * (1 - Math.tanh(lower * (1. - r) + upper * r));
    }

    @Override
    public double horizon() {
        return steps;
    }

    @Override
    protected void mark(Boundaries found) {
        found.add(steps);
    }

    @Override
    protected ScheduleSpec describe(boolean lenient) {
        ScheduleSpec.Builder b =
                ScheduleSpec.builder(KIND).put(FROM, from).put(TO, to).put(STEPS, position(steps));
        if (lower != -7 || upper != 3) {
            b.put(LOWER, lower).put(UPPER, upper);
        }
        return b.build();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Tanh t
                && same(from, t.from)
                && same(to, t.to)
                && same(steps, t.steps)
                && same(lower, t.lower)
                && same(upper, t.upper);
    }

    @Override
    public int hashCode() {
        return Objects.hash(KIND, from, to, steps, lower, upper);
    }
}
