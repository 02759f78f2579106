package dev.schedtune.search.sampler.tpe;

import java.util.random.RandomGenerator;

/**
 * Optuna's categorical Parzen estimator: each observation is a kernel putting mass {@code 1 + p/(n+1)}
 * on its own choice and {@code p/(n+1)} on every choice ({@code p} the prior weight), normalised per
 * kernel; the prior kernel (when present) is uniform.
 */
final class CategoricalMixture {
    final int choices;
    /** Choice index of each observation kernel. */
    final int[] observed;
    /** Normalised kernel weights: observations first, then the prior if present. */
    final double[] weights;

    final boolean prior;
    private final double share;
    private final double denominator;
    /** The mixture's probability of each choice. */
    private final double[] probabilities;

    CategoricalMixture(int choices, int[] observed, double[] rawWeights, TpeParameters p) {
        this.choices = choices;
        this.observed = observed;
        int n = observed.length;
        this.prior = p.considerPrior() || n == 0;
        double[] w = new double[n + (prior ? 1 : 0)];
        System.arraycopy(rawWeights, 0, w, 0, n);
        if (prior) {
            w[n] = p.priorWeight();
        }
        NumericMixture.normalise(w);
        this.weights = w;
        this.share = p.priorWeight() / (prior ? n + 1 : n);
        this.denominator = choices * share + 1;
        double[] probs = new double[choices];
        double observationMass = 0;
        for (int c = 0; c < n; c++) {
            observationMass += w[c];
            probs[observed[c]] += w[c] / denominator;
        }
        for (int j = 0; j < choices; j++) {
            probs[j] += observationMass * share / denominator + (prior ? w[n] / choices : 0);
        }
        this.probabilities = probs;
    }

    /** A kernel index drawn with probability equal to its weight. */
    int drawKernel(RandomGenerator rng) {
        double u = rng.nextDouble();
        double acc = 0;
        for (int c = 0; c < weights.length - 1; c++) {
            acc += weights[c];
            if (acc > u) {
                return c;
            }
        }
        return weights.length - 1;
    }

    /** Probability of choice j under kernel c. */
    double kernelProbability(int c, int j) {
        if (c == observed.length) {
            return 1.0 / choices;
        }
        return (share + (observed[c] == j ? 1 : 0)) / denominator;
    }

    int sampleKernel(int c, RandomGenerator rng) {
        double u = rng.nextDouble();
        double acc = 0;
        for (int j = 0; j < choices - 1; j++) {
            acc += kernelProbability(c, j);
            if (acc >= u) {
                return j;
            }
        }
        return choices - 1;
    }

    double logProbability(int choice) {
        return Math.log(probabilities[choice]);
    }
}
