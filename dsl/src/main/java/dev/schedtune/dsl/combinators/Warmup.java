package dev.schedtune.dsl.combinators;

import static dev.schedtune.dsl.spec.Param.BOOLEAN;
import static dev.schedtune.dsl.spec.Param.FINITE;
import static dev.schedtune.dsl.spec.Param.INNER;
import static dev.schedtune.dsl.spec.Param.NON_NEGATIVE;
import static dev.schedtune.dsl.spec.Param.choice;
import static dev.schedtune.dsl.spec.Param.optional;
import static dev.schedtune.dsl.spec.Param.required;
import static dev.schedtune.dsl.spec.ParamType.NUMBER;

import dev.schedtune.dsl.Checks;
import dev.schedtune.dsl.Curve;
import dev.schedtune.dsl.Schedule;
import dev.schedtune.dsl.spec.Boundaries;
import dev.schedtune.dsl.spec.Kind;
import dev.schedtune.dsl.spec.Param;
import dev.schedtune.dsl.spec.ParamType;
import dev.schedtune.dsl.spec.ScheduleSpec;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A warmup of {@code steps} steps in front of (prefix) or over (overlay) a main schedule:
 *
 * <pre>
 *   p    = t / steps
 *   f(t) = start + (target - start) * w(p)   for t &lt; steps
 *        = main(t - steps)                    for t &gt;= steps, prefix (the main schedule starts after the warmup)
 *        = main(t)                            for t &gt;= steps, overlay (the warmup replaces its first steps)
 * </pre>
 *
 * <p>{@code w} is linear {@code p}, cosine {@code (1 - cos(pi p)) / 2}, exponential (the value is {@code
 * start * (target / start)^p}) or constant ({@code start} until the end of the warmup). {@code target}
 * defaults to the main schedule's value at step 0. A warmup of 0 steps is no warmup (useful when the
 * warmup length is tuned). Prefix is Optax's and DJL's semantics and Hugging
 * Face's; overlay is timm's {@code warmup_prefix=False}, where the value jumps at the end of the warmup.
 */
public final class Warmup extends Curve {
    /** Kind name in specs. */
    private static final Param STEPS = required("steps", NUMBER, NON_NEGATIVE, "warmup length (0 = none)");

    private static final Param START = optional("start", NUMBER, 0.0, FINITE, "value at step 0");
    private static final Param TARGET =
            optional("target", NUMBER, null, FINITE, "value reached (default: the schedule's first)");
    private static final Param SHAPE = choice("shape", Shape.LINEAR, Shape.values(), "warmup curve");
    private static final Param PREFIX =
            optional("prefix", ParamType.BOOLEAN, true, BOOLEAN, "the schedule starts after the warmup");

    /** The kind {@code warmup(schedule, steps, start, target, shape, prefix)}. */
    public static final Kind KIND = Kind.schedule(
                    "warmup",
                    "a warmup in front of (prefix) or over (overlay) a schedule",
                    List.of(INNER, STEPS, START, TARGET, SHAPE, PREFIX),
                    a -> {
                        Warmup w = of(
                                INNER.schedule(a),
                                STEPS.number(a),
                                START.number(a),
                                SHAPE.choice(a, Shape.class),
                                PREFIX.bool(a));
                        return TARGET.isGiven(a) ? w.withTarget(TARGET.number(a)) : w;
                    })
            .withPython("""
            def _k_warmup(schedule, steps, start=0.0, target=None, shape="linear", prefix=True):
                if target is None:
                    target = schedule(0.0)

                def f(x):
                    if x < steps:
                        p = max(0.0, x) / steps
                        if shape == "linear":
                            return start + (target - start) * p
                        if shape == "cosine":
                            return start + (target - start) * (0.5 * (1 - math.cos(math.pi * p)))
                        if shape == "exponential":
                            return start * _pow(target / start, p)
                        return start
                    return schedule(x - steps if prefix else x)
                return f
            """);

    /** The warmup curve. */
    public enum Shape {
        /** A straight line from start to target. */
        LINEAR,
        /** A half cosine from start to target. */
        COSINE,
        /** A geometric ramp ({@code start * (target/start)^p}); start and target must be positive. */
        EXPONENTIAL,
        /** {@code start} until the end of the warmup (PyTorch's {@code ConstantLR}, DJL's CONSTANT). */
        CONSTANT;

        /** The lower-case name used in specs. */
        public String specName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Curve main;
    private final double steps;
    private final double start;
    private final double explicitTarget;
    private final double target;
    private final Shape shape;
    private final boolean prefix;

    private Warmup(Curve main, double steps, double start, double explicitTarget, Shape shape, boolean prefix) {
        this.main = main;
        this.steps = Checks.nonNegative("steps", steps);
        this.start = Checks.finite("start", start);
        if (!Double.isNaN(explicitTarget)) {
            Checks.finite("target", explicitTarget);
        }
        this.explicitTarget = explicitTarget;
        this.target = Double.isNaN(explicitTarget) ? main.valueAtReal(0) : explicitTarget;
        this.shape = Checks.notNull("shape", shape);
        this.prefix = prefix;
        if (shape == Shape.EXPONENTIAL) {
            Checks.positive("start", start);
            Checks.require(
                    target > 0,
                    "target (" + target + ") must be > 0 for an exponential warmup (start * (target/start)^p)");
        }
    }

    /** A linear warmup from {@code start} to {@code main}'s first value, then {@code main} (prefix). */
    public static Warmup linear(Schedule main, double steps, double start) {
        return new Warmup(Curve.of(main), steps, start, Double.NaN, Shape.LINEAR, true);
    }

    /** A warmup of the given shape, in front of {@code main} (prefix) or over its first steps (overlay). */
    public static Warmup of(Schedule main, double steps, double start, Shape shape, boolean prefix) {
        return new Warmup(Curve.of(main), steps, start, Double.NaN, shape, prefix);
    }

    /** This warmup ramping to {@code target} instead of the main schedule's first value. */
    public Warmup withTarget(double target) {
        return new Warmup(main, steps, start, Checks.finite("target", target), shape, prefix);
    }

    public Schedule main() {
        return Curve.unwrap(main);
    }

    public double steps() {
        return steps;
    }

    public double start() {
        return start;
    }

    /** The value the warmup ramps to. */
    public double target() {
        return target;
    }

    public Shape shape() {
        return shape;
    }

    public boolean prefix() {
        return prefix;
    }

    @Override
    public double valueAtReal(double position) {
        if (position < steps) {
            double p = Math.max(0, position) / steps;
            switch (shape) {
                case LINEAR:
                    return start + (target - start) * p;
                case COSINE:
                    return start + (target - start) * (0.5 * (1 - Math.cos(Math.PI * p)));
                case EXPONENTIAL:
                    return start * Math.pow(target / start, p);
                case CONSTANT:
                    return start;
                default:
                    throw new AssertionError(shape);
            }
        }
        return main.valueAtReal(prefix ? position - steps : position);
    }

    @Override
    protected void fill(double[] values, int from, int to) {
        int i = from;
        while (i < to && values[i] < steps) {
            values[i] = valueAtReal(values[i]);
            i++;
        }
        if (prefix) {
            for (int k = i; k < to; k++) {
                values[k] = values[k] - steps;
            }
        }
        fill(main, values, i, to);
    }

    @Override
    public double horizon() {
        return prefix ? steps + main.horizon() : Math.max(steps, main.horizon());
    }

    @Override
    protected void mark(Boundaries found) {
        found.add(steps);
        mark(main, found.child(prefix ? steps : 0, 1, steps, Double.POSITIVE_INFINITY));
    }

    @Override
    protected ScheduleSpec describe(boolean lenient) {
        ScheduleSpec.Builder b = ScheduleSpec.builder(KIND)
                .put(INNER, describe(main, lenient))
                .put(STEPS, position(steps))
                .put(START, start);
        if (!Double.isNaN(explicitTarget)) {
            b.put(TARGET, explicitTarget);
        }
        if (shape != Shape.LINEAR) {
            b.put(SHAPE, shape.specName());
        }
        if (!prefix) {
            b.put(PREFIX, false);
        }
        return b.build();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Warmup w
                && main.equals(w.main)
                && same(steps, w.steps)
                && same(start, w.start)
                && same(explicitTarget, w.explicitTarget)
                && shape == w.shape
                && prefix == w.prefix;
    }

    @Override
    public int hashCode() {
        return Objects.hash(KIND, main, steps, start, explicitTarget, shape, prefix);
    }
}
