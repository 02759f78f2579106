package dev.schedtune.dsl.primitives;

import java.util.Locale;

/**
 * How a value moves from {@code start} to {@code end} as the progress {@code pct} goes from 0 to 1.
 * The formulas are those of PyTorch's {@code OneCycleLR} annealing and Optax's {@code
 * piecewise_interpolate_schedule}.
 */
public enum Interpolation {
    /** {@code (end - start) * pct + start}. */
    LINEAR,
    /** {@code end + (start - end) / 2 * (cos(pi * pct) + 1)}. */
    COSINE,
    /** {@code start * (end / start)^pct}: geometric, for positive values (fastai's {@code SchedExp}). */
    EXPONENTIAL;

    /** The interpolated value at progress {@code pct} (any real; outside [0, 1] it extrapolates). */
    public double interpolate(double start, double end, double pct) {
        switch (this) {
            case LINEAR:
                return (end - start) * pct + start;
            case COSINE:
                return end + (start - end) / 2.0 * (Math.cos(Math.PI * pct) + 1);
            case EXPONENTIAL:
                return start * Math.pow(end / start, pct);
            default:
                throw new AssertionError(this);
        }
    }

    /** The lower-case name used in specs ({@code "linear"}, {@code "cosine"}, {@code "exponential"}). */
    public String specName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
