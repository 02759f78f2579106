package dev.schedtune.dsl.primitives;

import static dev.schedtune.dsl.spec.Param.FINITE;
import static dev.schedtune.dsl.spec.Param.NON_NEGATIVE;
import static dev.schedtune.dsl.spec.Param.POSITIVE;
import static dev.schedtune.dsl.spec.Param.choice;
import static dev.schedtune.dsl.spec.Param.optional;
import static dev.schedtune.dsl.spec.Param.required;
import static dev.schedtune.dsl.spec.ParamType.NUMBER;
import static dev.schedtune.dsl.spec.ParamType.SCHEDULE;
import static dev.schedtune.dsl.spec.ParamType.STRING;

import dev.schedtune.dsl.Checks;
import dev.schedtune.dsl.Curve;
import dev.schedtune.dsl.NotSpecifiedException;
import dev.schedtune.dsl.Schedule;
import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.dsl.spec.Boundaries;
import dev.schedtune.dsl.spec.Kind;
import dev.schedtune.dsl.spec.Param;
import dev.schedtune.dsl.spec.ScheduleSpec;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Cyclical learning rates (Smith 2017; PyTorch's {@code CyclicLR}, DJL's {@code CyclicalTracker}): a
 * triangle wave between {@code low} and {@code high} whose amplitude is scaled by a schedule.
 *
 * <pre>
 *   L     = stepSizeUp + stepSizeDown,   r = stepSizeUp / L
 *   cycle = floor(1 + t / L)             (1-based)
 *   x     = 1 + t / L - cycle            (position in the cycle, in [0, 1))
 *   sf    = x / r  if x &lt;= r,  else (x - 1) / (r - 1)
 *   f(t)  = low + (high - low) * sf * amplitude(cycle or t)
 * </pre>
 *
 * <p>The amplitude schedule is evaluated at the 1-based cycle number ({@link AmplitudeBy#CYCLE}) or at
 * the step ({@link AmplitudeBy#STEP}); none means 1. PyTorch's modes: {@code triangular} = no amplitude,
 * {@code triangular2} = {@code 0.5^(cycle - 1)}, {@code exp_range} = {@code gamma^t} by step. The inverse
 * momentum cycle is the same wave between other values: {@link #withValues(double, double)
 * withValues(maxMomentum, baseMomentum)}.
 */
public final class Cyclic extends Curve {
    /** Kind name in specs. */
    private static final Param LOW = required("low", NUMBER, FINITE, "the bottom of the wave (base_lr)");

    private static final Param HIGH = required("high", NUMBER, FINITE, "the top of the wave (max_lr)");
    private static final Param STEP_SIZE_UP = required("step_size_up", NUMBER, POSITIVE, "steps from low to high");
    private static final Param STEP_SIZE_DOWN =
            optional("step_size_down", NUMBER, null, NON_NEGATIVE, "steps from high to low (default: up)");
    private static final Param AMPLITUDE = optional(
            "amplitude",
            SCHEDULE,
            null,
            "a schedule",
            "amplitude factor as a function of the 1-based cycle or of the step (default 1)");
    private static final Param AMPLITUDE_BY =
            choice("amplitude_by", AmplitudeBy.CYCLE, AmplitudeBy.values(), "argument of the amplitude");
    private static final Param BASE_MOMENTUM =
            optional("base_momentum", NUMBER, 0.8, FINITE, "momentum where the lr peaks");
    private static final Param MAX_MOMENTUM =
            optional("max_momentum", NUMBER, 0.9, FINITE, "momentum where the lr is lowest");
    private static final Param MOMENTUM_NAME =
            optional("momentum_name", STRING, ScheduleSet.MOMENTUM, "an identifier", "e.g. beta1 for Adam");
    private static final List<Param> PARAMS = List.of(LOW, HIGH, STEP_SIZE_UP, STEP_SIZE_DOWN, AMPLITUDE, AMPLITUDE_BY);

    /** The kind {@code cyclic(low, high, step_size_up, step_size_down, amplitude, amplitude_by)}. */
    public static final Kind KIND = Kind.schedule(
                    "cyclic", "cyclical learning rate (CLR triangle wave)", PARAMS, Cyclic::read)
            .withPython("""
            def _k_cyclic(low, high, step_size_up, step_size_down=None, amplitude=None, amplitude_by="cycle"):
                if step_size_down is None:
                    step_size_down = step_size_up
                total = step_size_up + step_size_down
                ratio = step_size_up / total

                def f(x):
                    cycle = float(math.floor(1 + x / total))
                    u = 1. + x / total - cycle
                    sf = u / ratio if u <= ratio else (u - 1) / (ratio - 1)
                    height = (high - low) * sf
                    if amplitude is None:
                        return low + height
                    return low + height * amplitude(cycle if amplitude_by == "cycle" else x)
                return f
            """);
    /** Kind name of the learning rate and momentum as a set. */
    public static final Kind SET_KIND = Kind.scheduleSet(
            "cyclic_set",
            "cyclical learning rate with PyTorch's inverse momentum cycle",
            Param.append(PARAMS, BASE_MOMENTUM, MAX_MOMENTUM, MOMENTUM_NAME),
            a -> read(a).withMomentum(BASE_MOMENTUM.number(a), MAX_MOMENTUM.number(a), MOMENTUM_NAME.string(a)));

    private static Cyclic read(Map<String, Object> a) {
        double up = STEP_SIZE_UP.number(a);
        return of(
                LOW.number(a),
                HIGH.number(a),
                up,
                STEP_SIZE_DOWN.number(a, up),
                AMPLITUDE.scheduleOrNull(a),
                AMPLITUDE_BY.choice(a, AmplitudeBy.class));
    }

    /** What the amplitude schedule is a function of (PyTorch's {@code scale_mode}). */
    public enum AmplitudeBy {
        /** The 1-based cycle number ({@code scale_mode='cycle'}). */
        CYCLE,
        /** The step ({@code scale_mode='iterations'}). */
        STEP;

        /** The lower-case name used in specs. */
        public String specName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final double low;
    private final double high;
    private final double stepSizeUp;
    private final double stepSizeDown;
    private final @Nullable Curve amplitude;
    private final AmplitudeBy amplitudeBy;
    private final double total;
    private final double ratio;

    private Cyclic(
            double low,
            double high,
            double stepSizeUp,
            double stepSizeDown,
            @Nullable Curve amplitude,
            AmplitudeBy amplitudeBy) {
        this.low = Checks.finite("low", low);
        this.high = Checks.finite("high", high);
        this.stepSizeUp = Checks.positive("stepSizeUp", stepSizeUp);
        this.stepSizeDown = Checks.nonNegative("stepSizeDown", stepSizeDown);
        this.amplitude = amplitude;
        // without an amplitude schedule its argument is irrelevant: normalise so equal waves are equal
        this.amplitudeBy = amplitude == null ? AmplitudeBy.CYCLE : Checks.notNull("amplitudeBy", amplitudeBy);
        this.total = stepSizeUp + stepSizeDown;
        this.ratio = stepSizeUp / total;
    }

    /** PyTorch's {@code triangular}: constant amplitude. */
    public static Cyclic triangular(double low, double high, double stepSizeUp, double stepSizeDown) {
        return new Cyclic(low, high, stepSizeUp, stepSizeDown, null, AmplitudeBy.CYCLE);
    }

    /** PyTorch's {@code triangular2}: the amplitude halves every cycle ({@code 0.5^(cycle - 1)}). */
    public static Cyclic triangular2(double low, double high, double stepSizeUp, double stepSizeDown) {
        return new Cyclic(
                low, high, stepSizeUp, stepSizeDown, ExponentialDecay.of(1, 0.5).withBegin(1), AmplitudeBy.CYCLE);
    }

    /** PyTorch's {@code exp_range}: amplitude {@code gamma^t} (the step, not the cycle). */
    public static Cyclic expRange(double low, double high, double stepSizeUp, double stepSizeDown, double gamma) {
        return new Cyclic(
                low,
                high,
                stepSizeUp,
                stepSizeDown,
                ExponentialDecay.of(1, Checks.positive("gamma", gamma)),
                AmplitudeBy.STEP);
    }

    /** A custom amplitude schedule (PyTorch's {@code scale_fn}) evaluated at the cycle or the step. */
    public static Cyclic of(
            double low,
            double high,
            double stepSizeUp,
            double stepSizeDown,
            @Nullable Schedule amplitude,
            AmplitudeBy amplitudeBy) {
        return new Cyclic(
                low, high, stepSizeUp, stepSizeDown, amplitude == null ? null : Curve.of(amplitude), amplitudeBy);
    }

    /** The same wave (timing and amplitude) between other values: the inverse momentum cycle. */
    public Cyclic withValues(double low, double high) {
        return new Cyclic(low, high, stepSizeUp, stepSizeDown, amplitude, amplitudeBy);
    }

    /**
     * This wave as the learning rate ({@code lr}) with PyTorch's inverse momentum cycle under {@code
     * momentumName}: momentum is {@code maxMomentum} where the lr is {@code low} and {@code baseMomentum}
     * where it peaks.
     */
    public ScheduleSet withMomentum(double baseMomentum, double maxMomentum, String momentumName) {
        Cyclic momentum =
                withValues(Checks.finite("maxMomentum", maxMomentum), Checks.finite("baseMomentum", baseMomentum));
        ScheduleSet.Builder set =
                ScheduleSet.builder().put(ScheduleSet.LR, this).put(momentumName, momentum);
        if (amplitude == null || isData(amplitude)) {
            ScheduleSpec.Builder spec = ScheduleSpec.builder(SET_KIND);
            spec().args().forEach(spec::put);
            set.describedBy(spec.put(BASE_MOMENTUM, baseMomentum)
                    .put(MAX_MOMENTUM, maxMomentum)
                    .put(MOMENTUM_NAME, momentumName)
                    .build());
        }
        return set.build();
    }

    private static boolean isData(Curve c) {
        try {
            c.spec();
            return true;
        } catch (NotSpecifiedException e) {
            return false;
        }
    }

    public double low() {
        return low;
    }

    public double high() {
        return high;
    }

    public double stepSizeUp() {
        return stepSizeUp;
    }

    public double stepSizeDown() {
        return stepSizeDown;
    }

    /** The amplitude schedule, or null for a constant amplitude of 1. */
    public @Nullable Schedule amplitude() {
        return amplitude == null ? null : Curve.unwrap(amplitude);
    }

    public AmplitudeBy amplitudeBy() {
        return amplitudeBy;
    }

    @Override
    public double valueAtReal(double position) {
        double cycle = Math.floor(1 + position / total);
        double x = 1. + position / total - cycle;
        double sf = x <= ratio ? x / ratio : (x - 1) / (ratio - 1);
        double height = (high - low) * sf;
        if (amplitude == null) {
            return low + height;
        }
        return low + height * amplitude.valueAtReal(amplitudeBy == AmplitudeBy.CYCLE ? cycle : position);
    }

    @Override
    protected void mark(Boundaries found) {
        for (int i = 1; i < Boundaries.MAX && found.reaches(i * total); i++) {
            found.add(i * total);
        }
    }

    @Override
    protected ScheduleSpec describe(boolean lenient) {
        ScheduleSpec.Builder b = ScheduleSpec.builder(KIND)
                .put(LOW, low)
                .put(HIGH, high)
                .put(STEP_SIZE_UP, position(stepSizeUp))
                .put(STEP_SIZE_DOWN, position(stepSizeDown));
        if (amplitude != null) {
            b.put(AMPLITUDE, describe(amplitude, lenient)).put(AMPLITUDE_BY, amplitudeBy.specName());
        }
        return b.build();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Cyclic c
                && same(low, c.low)
                && same(high, c.high)
                && same(stepSizeUp, c.stepSizeUp)
                && same(stepSizeDown, c.stepSizeDown)
                && Objects.equals(amplitude, c.amplitude)
                && amplitudeBy == c.amplitudeBy;
    }

    @Override
    public int hashCode() {
        return Objects.hash(KIND, low, high, stepSizeUp, stepSizeDown, amplitude, amplitudeBy);
    }
}
