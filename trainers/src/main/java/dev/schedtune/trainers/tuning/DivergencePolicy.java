package dev.schedtune.trainers.tuning;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Locale;

/**
 * What a diverged trial (loss NaN or infinite) becomes: a FAIL trial (the default; samplers ignore
 * it), or a COMPLETE trial whose validation loss (and accuracy) are replaced by a penalty, so samplers
 * learn to avoid its region. Its seconds stay the real ones.
 */
public final class DivergencePolicy {
    private static final DivergencePolicy FAIL = new DivergencePolicy(Double.NaN, Double.NaN);

    private final double lossPenalty;
    private final double accuracyPenalty;

    private DivergencePolicy(double lossPenalty, double accuracyPenalty) {
        this.lossPenalty = lossPenalty;
        this.accuracyPenalty = accuracyPenalty;
    }

    /** Diverged trials fail. */
    public static DivergencePolicy fail() {
        return FAIL;
    }

    /** Diverged trials complete with validation loss {@code lossPenalty} and accuracy 0. */
    public static DivergencePolicy penalty(double lossPenalty) {
        checkArgument(Double.isFinite(lossPenalty), "lossPenalty (%s) must be finite", lossPenalty);
        return new DivergencePolicy(lossPenalty, 0);
    }

    public boolean fails() {
        return Double.isNaN(lossPenalty);
    }

    /** The validation loss given to a diverged trial (NaN when it fails instead). */
    public double lossPenalty() {
        return lossPenalty;
    }

    /** The accuracy given to a diverged trial (NaN when it fails instead). */
    public double accuracyPenalty() {
        return accuracyPenalty;
    }

    @Override
    public String toString() {
        return fails() ? "fail" : String.format(Locale.ROOT, "penalty(loss=%s)", lossPenalty);
    }
}
