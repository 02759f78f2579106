package dev.schedtune.search.bench;

import dev.schedtune.search.Trial;
import java.util.SplittableRandom;

/**
 * A stand-in for the built-in tuning study ({@code ./schedtune tune} on Fashion-MNIST): the same kind of
 * define-by-run, conditional, mixed search space and two objectives to minimise, validation "loss" and
 * training "seconds", at a cost of microseconds instead of minutes. Written before any sampler was run
 * on it and not changed after; the constants are plausible, not fitted to anything.
 *
 * <p>Space: {@code epochs} int [2, 12]; {@code family} in {constant, one_cycle, warmup_cosine,
 * exp_decay}; per family (suggested only for it): constant {@code lr} log [0.003, 0.5]; one_cycle
 * {@code max_lr} log [0.01, 0.5], {@code pct_start} [0.1, 0.5]; warmup_cosine {@code warmup} [0, 0.3],
 * {@code peak_lr} log [0.01, 0.5], {@code period} [0.1, 1], {@code period_mul} in {1, 2}, {@code
 * restart_decay} [0.3, 1]; exp_decay {@code init_lr} log [0.01, 0.5], {@code final_ratio} log
 * [0.001, 0.5]. Nine parameters in all, at most six in one trial.
 *
 * <p>Loss = family floor (constant 0.40, one_cycle 0.29, warmup_cosine 0.30, exp_decay 0.32)
 * + {@code 0.35 / epochs^0.7} (more epochs help, with diminishing returns)
 * + a learning-rate penalty {@code c (ln(lr / lr*))²} around a family optimum that shrinks with epochs
 * ({@code lr* = base (epochs / 6)^-0.3}; base 0.05, 0.15, 0.10, 0.20; c = 0.03, 0.08 (one-cycle's narrow
 * peak), 0.04, 0.03)
 * + shape terms (one_cycle {@code 1.5 (pct_start - 0.25)²}; warmup_cosine {@code 0.5 (warmup - 0.1)²},
 * {@code 0.08 (1 - period)(1.2 - restart_decay)}, -0.01 for period_mul 2 with period < 0.5; exp_decay
 * {@code 0.02 (ln(final_ratio / 0.02))²})
 * + divergence {@code 0.8 σ(12 ln(peak / 0.4))} for a peak learning rate beyond ~0.4
 * + Gaussian noise, sd 0.015 (seed-to-seed spread of a short training run).
 * Seconds = {@code 2 + 6.5 epochs}, times {@code 1 + N(0, 0.03)}. Noise is a function of (seed, trial
 * number), so a rerun of a study with the same trials gets the same values.
 */
public final class TuningProblem {
    /** Normalisation of the hypervolume: loss in [0.25, 1.0], seconds in [0, 82], reference point 1.1. */
    public static final double LOSS_LOW = 0.25;

    public static final double LOSS_HIGH = 1.0;
    public static final double SECONDS_HIGH = 82;

    private TuningProblem() {}

    /** The objective: suggests the parameters of {@code trial} and returns {loss, seconds}. */
    public static double[] evaluate(Trial trial, long seed) {
        int epochs = trial.suggestInt("epochs", 2, 12);
        String family = trial.suggestCategorical("family", "constant", "one_cycle", "warmup_cosine", "exp_decay");
        double shrink = Math.pow(epochs / 6.0, -0.3);
        double loss = 0.35 / Math.pow(epochs, 0.7);
        double peak;
        switch (family) {
            case "constant" -> {
                peak = trial.suggestFloatLog("lr", 0.003, 0.5);
                loss += 0.40 + lrPenalty(peak, 0.05 * shrink, 0.03);
            }
            case "one_cycle" -> {
                peak = trial.suggestFloatLog("max_lr", 0.01, 0.5);
                double pct = trial.suggestFloat("pct_start", 0.1, 0.5);
                loss += 0.29 + lrPenalty(peak, 0.15 * shrink, 0.08) + 1.5 * (pct - 0.25) * (pct - 0.25);
            }
            case "warmup_cosine" -> {
                double warmup = trial.suggestFloat("warmup", 0, 0.3);
                peak = trial.suggestFloatLog("peak_lr", 0.01, 0.5);
                double period = trial.suggestFloat("period", 0.1, 1);
                long mul = trial.suggestCategorical("period_mul", 1L, 2L);
                double decay = trial.suggestFloat("restart_decay", 0.3, 1);
                loss += 0.30 + lrPenalty(peak, 0.10 * shrink, 0.04) + 0.5 * (warmup - 0.1) * (warmup - 0.1)
                        + 0.08 * (1 - period) * (1.2 - decay) - (mul == 2 && period < 0.5 ? 0.01 : 0);
            }
            default -> {
                peak = trial.suggestFloatLog("init_lr", 0.01, 0.5);
                double ratio = trial.suggestFloatLog("final_ratio", 0.001, 0.5);
                double r = Math.log(ratio / 0.02);
                loss += 0.32 + lrPenalty(peak, 0.20 * shrink, 0.03) + 0.02 * r * r;
            }
        }
        loss += 0.8 / (1 + Math.exp(-12 * Math.log(peak / 0.4)));
        SplittableRandom noise = new SplittableRandom(dev.schedtune.search.trial.RandomStreams.mix(
                seed * 1_000_003L + trial.number()));
        loss += 0.015 * gaussian(noise);
        double seconds = (2 + 6.5 * epochs) * (1 + 0.03 * gaussian(noise));
        return new double[] {loss, seconds};
    }

    private static double lrPenalty(double lr, double best, double c) {
        double r = Math.log(lr / best);
        return c * r * r;
    }

    private static double gaussian(SplittableRandom r) {
        // Box-Muller: SplittableRandom has no nextGaussian before Java 17's RandomGenerator default.
        double u = 1 - r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** The point normalised for the hypervolume (reference point 1.1 per objective). */
    public static double[] normalised(double[] values) {
        return new double[] {(values[0] - LOSS_LOW) / (LOSS_HIGH - LOSS_LOW), values[1] / SECONDS_HIGH};
    }
}
