package dev.schedtune.trainers.lrfind;

import java.util.Arrays;

/**
 * The data of a learning-rate range test: the learning rate of every step, the raw and smoothed
 * training losses, and the suggestion under each rule. Immutable (array accessors return copies).
 */
public final class LrFindResult {
    private final double[] lrs;
    private final double[] losses;
    private final double[] smoothedLosses;
    private final SuggestionRule rule;
    private final double minimumOverTen;
    private final double steepest;
    private final boolean diverged;
    private final String message;

    LrFindResult(
            double[] lrs,
            double[] losses,
            double[] smoothedLosses,
            SuggestionRule rule,
            double minimumOverTen,
            double steepest,
            boolean diverged,
            String message) {
        this.lrs = lrs;
        this.losses = losses;
        this.smoothedLosses = smoothedLosses;
        this.rule = rule;
        this.minimumOverTen = minimumOverTen;
        this.steepest = steepest;
        this.diverged = diverged;
        this.message = message;
    }

    /** The learning rate of each recorded step (increasing geometrically). */
    public double[] lrs() {
        return lrs.clone();
    }

    /** The training loss of each step's batch, before that step's update. */
    public double[] losses() {
        return losses.clone();
    }

    /** Bias-corrected exponential moving average of {@link #losses()}. */
    public double[] smoothedLosses() {
        return smoothedLosses.clone();
    }

    /** The number of recorded steps. */
    public int size() {
        return lrs.length;
    }

    /** The rule {@link #suggestion()} follows. */
    public SuggestionRule rule() {
        return rule;
    }

    /** The suggested maximum learning rate (for example one-cycle's {@code max_lr}); NaN if none. */
    public double suggestion() {
        return rule == SuggestionRule.STEEPEST ? steepest : minimumOverTen;
    }

    /** The suggestion under {@code other}. */
    public double suggestion(SuggestionRule other) {
        return other == SuggestionRule.STEEPEST ? steepest : minimumOverTen;
    }

    /** Whether the sweep stopped early because the loss blew up (the usual end of a range test). */
    public boolean diverged() {
        return diverged;
    }

    /** A one-line account of the sweep and its suggestion. */
    public String message() {
        return message;
    }

    @Override
    public String toString() {
        return message + " " + Arrays.toString(Arrays.copyOf(lrs, Math.min(3, lrs.length))) + "...";
    }
}
