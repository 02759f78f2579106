package dev.schedtune.dsl.primitives;

import static dev.schedtune.dsl.spec.Param.BOOLEAN;
import static dev.schedtune.dsl.spec.Param.FINITE;
import static dev.schedtune.dsl.spec.Param.POSITIVE;
import static dev.schedtune.dsl.spec.Param.choice;
import static dev.schedtune.dsl.spec.Param.optional;
import static dev.schedtune.dsl.spec.Param.required;
import static dev.schedtune.dsl.spec.ParamType.NUMBER;
import static dev.schedtune.dsl.spec.ParamType.STRING;

import dev.schedtune.dsl.Checks;
import dev.schedtune.dsl.Curve;
import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.dsl.spec.Boundaries;
import dev.schedtune.dsl.spec.Kind;
import dev.schedtune.dsl.spec.Param;
import dev.schedtune.dsl.spec.ParamType;
import dev.schedtune.dsl.spec.ScheduleSpec;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The 1-cycle policy (Smith and Topin 2018) with its inverse momentum cycle, as PyTorch's {@code
 * OneCycleLR} defines it. With {@code T = totalSteps}, {@code o = phaseOffset}, {@code initial = maxLr /
 * divFactor} and {@code min = initial / finalDivFactor}, the learning rate interpolates ({@link
 * Interpolation#COSINE} or {@link Interpolation#LINEAR}) between knots:
 *
 * <pre>
 *   two phases:    step 0 -&gt; pctStart*T + o -&gt; T + o
 *                  lr  initial -&gt; maxLr -&gt; min          momentum  max -&gt; base -&gt; max
 *   three phases:  step 0 -&gt; pctStart*T + o -&gt; 2*pctStart*T + 2*o -&gt; T + o
 *                  lr  initial -&gt; maxLr -&gt; initial -&gt; min   momentum  max -&gt; base -&gt; max -&gt; max
 * </pre>
 *
 * <p>With the default offset 0 the peak is at step {@code pctStart * T} and the minimum at {@code T}.
 * PyTorch ends each phase one step earlier ({@code float(pct_start * total_steps) - 1}, {@code
 * total_steps - 1}): {@code phaseOffset(-1)}; PyTorch also continues the last phase past its end
 * ({@code extrapolate(true)}). Before the first knot and (without extrapolation) after the last, the
 * values hold.
 */
public final class OneCycle extends Curve {
    /** Kind name in specs. */
    private static final Param MAX_LR = required("max_lr", NUMBER, FINITE, "the peak learning rate");

    private static final Param TOTAL_STEPS = required("total_steps", NUMBER, POSITIVE, "length of the cycle");
    private static final Param PCT_START =
            optional("pct_start", NUMBER, 0.3, "in [0, 1]", "fraction of the cycle spent increasing");
    private static final Param DIV_FACTOR =
            optional("div_factor", NUMBER, 25.0, POSITIVE, "initial lr = max_lr / div_factor");
    private static final Param FINAL_DIV_FACTOR =
            optional("final_div_factor", NUMBER, 1e4, POSITIVE, "min lr = initial lr / final_div_factor");
    private static final Param THREE_PHASE =
            optional("three_phase", ParamType.BOOLEAN, false, BOOLEAN, "up, down to initial, annihilate");
    private static final Param ANNEAL =
            choice("anneal", Interpolation.COSINE, Interpolation.values(), "annealing shape");
    private static final Param BASE_MOMENTUM =
            optional("base_momentum", NUMBER, 0.85, FINITE, "momentum at the lr peak");
    private static final Param MAX_MOMENTUM =
            optional("max_momentum", NUMBER, 0.95, FINITE, "momentum at the start and end");
    private static final Param PHASE_OFFSET =
            optional("phase_offset", NUMBER, 0L, FINITE, "shift of every phase end (PyTorch: -1)");
    private static final Param EXTRAPOLATE =
            optional("extrapolate", ParamType.BOOLEAN, false, BOOLEAN, "continue the last phase past its end");
    private static final Param OUTPUT = choice("output", Output.LR, Output.values(), "which curve: lr or momentum");
    private static final Param MOMENTUM_NAME =
            optional("momentum_name", STRING, ScheduleSet.MOMENTUM, "an identifier", "e.g. beta1 for Adam");
    private static final List<Param> PARAMS = List.of(
            MAX_LR,
            TOTAL_STEPS,
            PCT_START,
            DIV_FACTOR,
            FINAL_DIV_FACTOR,
            THREE_PHASE,
            ANNEAL,
            BASE_MOMENTUM,
            MAX_MOMENTUM,
            PHASE_OFFSET,
            EXTRAPOLATE);

    /** The kind {@code one_cycle(max_lr, total_steps, ..., output)}: the learning rate or the momentum. */
    public static final Kind KIND = Kind.schedule(
                    "one_cycle", "the 1-cycle policy (learning rate or momentum)", Param.append(PARAMS, OUTPUT), a -> {
                        OneCycle c = read(a).build();
                        return OUTPUT.choice(a, Output.class) == Output.LR ? c : c.momentum();
                    })
            .withPython("""
            def _k_one_cycle(max_lr, total_steps, pct_start=0.3, div_factor=25.0, final_div_factor=1e4,
                             three_phase=False, anneal="cosine", base_momentum=0.85, max_momentum=0.95,
                             phase_offset=0, extrapolate=False, output="lr"):
                initial = max_lr / div_factor
                low = initial / final_div_factor
                peak_at = pct_start * total_steps + phase_offset
                end_at = total_steps + phase_offset
                if three_phase:
                    down_at = 2 * pct_start * total_steps + 2 * phase_offset
                    positions = [0.0, peak_at, down_at, end_at]
                    lr = [initial, max_lr, initial, low]
                    momentum = [max_momentum, base_momentum, max_momentum, max_momentum]
                else:
                    positions = [0.0, peak_at, end_at]
                    lr = [initial, max_lr, low]
                    momentum = [max_momentum, base_momentum, max_momentum]
                values = lr if output == "lr" else momentum
                return lambda x: _knots_at(positions, values, anneal, extrapolate, x)
            """);
    /** Kind name of the learning rate and momentum as a set. */
    public static final Kind SET_KIND = Kind.scheduleSet(
            "one_cycle_set",
            "the 1-cycle learning rate with its inverse momentum cycle",
            Param.append(PARAMS, MOMENTUM_NAME),
            a -> read(a).build().asSet(MOMENTUM_NAME.string(a)));

    private static Builder read(Map<String, Object> a) {
        return builder(MAX_LR.number(a), TOTAL_STEPS.number(a))
                .pctStart(PCT_START.number(a))
                .divFactor(DIV_FACTOR.number(a))
                .finalDivFactor(FINAL_DIV_FACTOR.number(a))
                .threePhase(THREE_PHASE.bool(a))
                .anneal(ANNEAL.choice(a, Interpolation.class))
                .momentum(BASE_MOMENTUM.number(a), MAX_MOMENTUM.number(a))
                .phaseOffset(PHASE_OFFSET.number(a))
                .extrapolate(EXTRAPOLATE.bool(a));
    }

    /** Which hyperparameter this curve gives. */
    public enum Output {
        /** The learning rate. */
        LR,
        /** The inverse momentum cycle (or Adam's beta1). */
        MOMENTUM;

        /** The lower-case name used in specs. */
        public String specName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final double maxLr;
    private final double totalSteps;
    private final double pctStart;
    private final double divFactor;
    private final double finalDivFactor;
    private final boolean threePhase;
    private final Interpolation anneal;
    private final double baseMomentum;
    private final double maxMomentum;
    private final double phaseOffset;
    private final boolean extrapolate;
    private final Output output;
    private final Knots knots;

    private OneCycle(Builder b, Output output) {
        this.maxLr = Checks.finite("maxLr", b.maxLr);
        this.totalSteps = Checks.positive("totalSteps", b.totalSteps);
        this.pctStart = Checks.inClosedRange("pctStart", b.pctStart, 0.0, 1.0);
        this.divFactor = Checks.positive("divFactor", b.divFactor);
        this.finalDivFactor = Checks.positive("finalDivFactor", b.finalDivFactor);
        this.threePhase = b.threePhase;
        this.anneal = Checks.notNull("anneal", b.anneal);
        this.baseMomentum = Checks.finite("baseMomentum", b.baseMomentum);
        this.maxMomentum = Checks.finite("maxMomentum", b.maxMomentum);
        this.phaseOffset = Checks.finite("phaseOffset", b.phaseOffset);
        this.extrapolate = b.extrapolate;
        this.output = output;
        double initial = maxLr / divFactor;
        double min = initial / finalDivFactor;
        double peakAt = pctStart * totalSteps + phaseOffset;
        double endAt = totalSteps + phaseOffset;
        Checks.require(
                peakAt >= 0,
                "pctStart * totalSteps + phaseOffset (" + peakAt + ") must be >= 0: the first phase would end"
                        + " before step 0");
        double[] positions;
        double[] lr;
        double[] momentum;
        if (threePhase) {
            double downAt = 2 * pctStart * totalSteps + 2 * phaseOffset;
            Checks.require(
                    downAt <= endAt,
                    "three phases need pctStart (" + pctStart + ") <= 0.5 so the second phase ends by the last");
            positions = new double[] {0, peakAt, downAt, endAt};
            lr = new double[] {initial, maxLr, initial, min};
            momentum = new double[] {maxMomentum, baseMomentum, maxMomentum, maxMomentum};
        } else {
            Checks.require(peakAt <= endAt, "pctStart * totalSteps + phaseOffset (" + peakAt + ") must be <= " + endAt);
            positions = new double[] {0, peakAt, endAt};
            lr = new double[] {initial, maxLr, min};
            momentum = new double[] {maxMomentum, baseMomentum, maxMomentum};
        }
        this.knots =
                new Knots("phase ends", positions, "values", output == Output.LR ? lr : momentum, anneal, extrapolate);
    }

    /** Starts a 1-cycle with PyTorch's defaults (pct_start 0.3, div 25, final div 1e4, cosine, momentum 0.85-0.95). */
    public static Builder builder(double maxLr, double totalSteps) {
        return new Builder(maxLr, totalSteps);
    }

    /** The learning rate with PyTorch's defaults, peaking at step {@code 0.3 * totalSteps}. */
    public static OneCycle of(double maxLr, double totalSteps) {
        return builder(maxLr, totalSteps).build();
    }

    /** The learning-rate curve of this cycle. */
    public OneCycle lr() {
        return output == Output.LR ? this : new OneCycle(toBuilder(), Output.LR);
    }

    /** The inverse momentum cycle of this cycle. */
    public OneCycle momentum() {
        return output == Output.MOMENTUM ? this : new OneCycle(toBuilder(), Output.MOMENTUM);
    }

    /** Learning rate ({@code lr}) and momentum ({@code momentum}) as one set. */
    public ScheduleSet asSet() {
        return asSet(ScheduleSet.MOMENTUM);
    }

    /** Learning rate and the momentum cycle under {@code momentumName} (e.g. {@code beta1} for Adam). */
    public ScheduleSet asSet(String momentumName) {
        OneCycle lr = lr();
        ScheduleSpec.Builder spec = ScheduleSpec.builder(SET_KIND);
        lr.spec().args().forEach((name, value) -> {
            if (!name.equals(OUTPUT.name())) {
                spec.put(name, value);
            }
        });
        spec.put(MOMENTUM_NAME, momentumName);
        return ScheduleSet.builder()
                .put(ScheduleSet.LR, lr)
                .put(momentumName, momentum())
                .describedBy(spec.build())
                .build();
    }

    /** A builder holding this cycle's parameters. */
    public Builder toBuilder() {
        return new Builder(maxLr, totalSteps)
                .pctStart(pctStart)
                .divFactor(divFactor)
                .finalDivFactor(finalDivFactor)
                .threePhase(threePhase)
                .anneal(anneal)
                .momentum(baseMomentum, maxMomentum)
                .phaseOffset(phaseOffset)
                .extrapolate(extrapolate);
    }

    public double maxLr() {
        return maxLr;
    }

    public double totalSteps() {
        return totalSteps;
    }

    public double pctStart() {
        return pctStart;
    }

    public double divFactor() {
        return divFactor;
    }

    public double finalDivFactor() {
        return finalDivFactor;
    }

    public boolean threePhase() {
        return threePhase;
    }

    public Interpolation anneal() {
        return anneal;
    }

    public double baseMomentum() {
        return baseMomentum;
    }

    public double maxMomentum() {
        return maxMomentum;
    }

    public double phaseOffset() {
        return phaseOffset;
    }

    public boolean extrapolate() {
        return extrapolate;
    }

    public Output output() {
        return output;
    }

    /** The phase boundaries (first knot 0, last the end of the cycle). */
    public double[] phaseEnds() {
        return knots.positions.clone();
    }

    @Override
    public double valueAtReal(double position) {
        return knots.at(position);
    }

    @Override
    public double horizon() {
        return knots.last();
    }

    @Override
    protected void mark(Boundaries found) {
        found.add(pctStart * totalSteps + phaseOffset);
        if (threePhase) {
            found.add(2 * pctStart * totalSteps + 2 * phaseOffset);
        }
        found.add(totalSteps + phaseOffset);
    }

    @Override
    protected ScheduleSpec describe(boolean lenient) {
        return ScheduleSpec.builder(KIND)
                .put(MAX_LR, maxLr)
                .put(TOTAL_STEPS, position(totalSteps))
                .put(PCT_START, pctStart)
                .put(DIV_FACTOR, divFactor)
                .put(FINAL_DIV_FACTOR, finalDivFactor)
                .put(THREE_PHASE, threePhase)
                .put(ANNEAL, anneal.specName())
                .put(BASE_MOMENTUM, baseMomentum)
                .put(MAX_MOMENTUM, maxMomentum)
                .put(PHASE_OFFSET, position(phaseOffset))
                .put(EXTRAPOLATE, extrapolate)
                .put(OUTPUT, output.specName())
                .build();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof OneCycle c
                && same(maxLr, c.maxLr)
                && same(totalSteps, c.totalSteps)
                && same(pctStart, c.pctStart)
                && same(divFactor, c.divFactor)
                && same(finalDivFactor, c.finalDivFactor)
                && threePhase == c.threePhase
                && anneal == c.anneal
                && same(baseMomentum, c.baseMomentum)
                && same(maxMomentum, c.maxMomentum)
                && same(phaseOffset, c.phaseOffset)
                && extrapolate == c.extrapolate
                && output == c.output;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                KIND,
                maxLr,
                totalSteps,
                pctStart,
                divFactor,
                finalDivFactor,
                threePhase,
                anneal,
                baseMomentum,
                maxMomentum,
                phaseOffset,
                extrapolate,
                output);
    }

    /** Collects a 1-cycle's parameters; defaults are PyTorch's {@code OneCycleLR} defaults. */
    public static final class Builder {
        private final double maxLr;
        private final double totalSteps;
        private double pctStart = 0.3;
        private double divFactor = 25;
        private double finalDivFactor = 1e4;
        private boolean threePhase;
        private Interpolation anneal = Interpolation.COSINE;
        private double baseMomentum = 0.85;
        private double maxMomentum = 0.95;
        private double phaseOffset;
        private boolean extrapolate;

        private Builder(double maxLr, double totalSteps) {
            this.maxLr = maxLr;
            this.totalSteps = totalSteps;
        }

        /** The fraction of the cycle spent increasing the learning rate (0.3). */
        public Builder pctStart(double pctStart) {
            this.pctStart = pctStart;
            return this;
        }

        /** {@code initial lr = maxLr / divFactor} (25). */
        public Builder divFactor(double divFactor) {
            this.divFactor = divFactor;
            return this;
        }

        /** {@code min lr = initial lr / finalDivFactor} (1e4). */
        public Builder finalDivFactor(double finalDivFactor) {
            this.finalDivFactor = finalDivFactor;
            return this;
        }

        /** Three phases (up, symmetric down to the initial lr, annihilation) instead of two. */
        public Builder threePhase(boolean threePhase) {
            this.threePhase = threePhase;
            return this;
        }

        /** The annealing shape (cosine). */
        public Builder anneal(Interpolation anneal) {
            this.anneal = anneal;
            return this;
        }

        /** The momentum cycle's low ({@code base}, at the lr peak) and high ({@code max}) values (0.85, 0.95). */
        public Builder momentum(double baseMomentum, double maxMomentum) {
            this.baseMomentum = baseMomentum;
            this.maxMomentum = maxMomentum;
            return this;
        }

        /** Shifts every phase end by {@code offset} steps; PyTorch's convention is -1 (0). */
        public Builder phaseOffset(double offset) {
            this.phaseOffset = offset;
            return this;
        }

        /** Continue the last phase past its end instead of holding the final value (false). */
        public Builder extrapolate(boolean extrapolate) {
            this.extrapolate = extrapolate;
            return this;
        }

        /** The learning-rate curve. */
        public OneCycle build() {
            return new OneCycle(this, Output.LR);
        }

        /** The learning rate and momentum as one set. */
        public ScheduleSet buildSet() {
            return build().asSet();
        }
    }
}
