package dev.schedtune.dsl.presets;

import dev.schedtune.dsl.Curve;
import dev.schedtune.dsl.combinators.Join;
import dev.schedtune.dsl.combinators.Repeat;
import dev.schedtune.dsl.combinators.Shift;
import dev.schedtune.dsl.primitives.Constant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The anchors count cycles in floating point, and at a few whole steps their count lands on the other
 * side of a cycle start than the exact count of the DSL's {@link Repeat}:
 *
 * <ul>
 *   <li>timm and Keras take the cycle of step t as {@code floor(log(1 - t / T0 * (1 - mul)) / log(mul))};
 *       with {@code mul = 3} at step 121, {@code log(243) / log(3) = 4.999999999999999}, so for that step
 *       they evaluate the previous cycle at its very end (the floor) instead of restarting;
 *   <li>transformers' hard restarts use {@code (num_cycles * (u / d)) mod 1}, which rounds differently
 *       from {@code u / (d / num_cycles)} at some steps (d = 18, 14 cycles: step 9 restarts there).
 * </ul>
 *
 * <p>These helpers find those steps when a preset is built and patch them: the body is the exact repeat
 * joined with one-step constants holding the anchor's value there ({@link #patched}), so it stays a
 * composition of the DSL's combinators.
 */
final class FloatSlips {
    private FloatSlips() {}

    /** Steps past which the count is no longer exact in doubles. */
    private static final double EXACT_STEPS = 0x1p53;

    /** Cycles searched for slips (a million cycles, enough for any training run). */
    private static final long MAX_CYCLES = 1_000_000;

    /**
     * {@code repeat}, with its value at the whole steps where timm's and Keras' floating-point cycle index
     * differs from the exact one replaced by the value the anchors compute there (searched over the first
     * million cycles and the steps below 2^53).
     */
    static Curve timmKerasCycles(Repeat repeat) {
        double mul = repeat.periodMultiplier();
        if (mul == 1) {
            return repeat; // floor(t / period), computed the same way by the anchors and the DSL
        }
        double period = repeat.period();
        double logMul = Math.log(mul);
        long limit = repeat.cycleLimit();
        TreeMap<Long, Double> slips = new TreeMap<>();
        double start = 0;
        double length = period;
        for (long i = 1; i <= MAX_CYCLES && (limit == 0 || i <= limit); i++) {
            start += length; // where cycle i starts (approximately: candidates around it are checked)
            length *= mul;
            if (!(start < EXACT_STEPS)) {
                break;
            }
            for (long t = Math.max(0, (long) Math.floor(start) - 1); t <= (long) Math.ceil(start) + 1; t++) {
                long anchor = (long) Math.floor(Math.log(1 - t / period * (1 - mul)) / logMul);
                long expected = t >= start ? i : i - 1;
                if (anchor != expected && anchor >= 0) {
                    long exact = repeat.cycleAt(t);
                    if (anchor != exact) {
                        slips.put(t, anchorValue(repeat, t, anchor));
                    }
                }
            }
        }
        return patched(repeat, slips);
    }

    /** The value timm and Keras compute at step {@code t} when they put it in cycle {@code i}. */
    private static double anchorValue(Repeat repeat, double t, long i) {
        long limit = repeat.cycleLimit();
        if (limit > 0 && i >= limit) {
            return repeat.afterLimit();
        }
        double mul = repeat.periodMultiplier();
        double grown = Math.pow(mul, i);
        double local = (t - (1 - grown) / (1 - mul) * repeat.period()) / grown;
        double v = Curve.of(repeat.inner()).valueAtReal(local);
        double decay = repeat.decay();
        return decay == 1 ? v : repeat.decayBase() + (v - repeat.decayBase()) * Math.pow(decay, i);
    }

    /**
     * {@code restarts} (cycles of {@code d / cycles} steps of {@code shape}, a curve on [0, 1) scaled to
     * the cycle), with the whole steps where transformers' {@code (cycles * (u / d)) mod 1} falls in
     * another cycle replaced by transformers' value.
     */
    static Curve transformersRestarts(Repeat restarts, Curve shape, long d, long cycles) {
        TreeMap<Long, Double> slips = new TreeMap<>();
        double period = (double) d / cycles;
        for (long k = 1; k < cycles; k++) {
            double boundary = k * period;
            for (long u = (long) Math.floor(boundary); u <= (long) Math.ceil(boundary) && u < d; u++) {
                double x = (cycles * ((double) u / d)) % 1.0;
                long theirs = (long) Math.floor(cycles * ((double) u / d));
                long ours = (long) Math.floor(u / period);
                if (theirs != ours) {
                    slips.put(u, shape.valueAtReal(x));
                }
            }
        }
        return patched(restarts, slips);
    }

    /** {@code base} with its value at each step of {@code values} replaced, for that one step. */
    static Curve patched(Curve base, Map<Long, Double> values) {
        if (values.isEmpty()) {
            return base;
        }
        List<Curve> pieces = new ArrayList<>();
        double[] boundaries = new double[2 * values.size()];
        pieces.add(base);
        int b = 0;
        for (Map.Entry<Long, Double> e : values.entrySet()) {
            long step = e.getKey();
            pieces.add(Constant.of(e.getValue()));
            // after the patch the base continues at its own step: advanced by the boundary
            pieces.add(Shift.of(base, -(step + 1)));
            boundaries[b++] = step;
            boundaries[b++] = step + 1;
        }
        return Join.of(pieces, boundaries);
    }
}
