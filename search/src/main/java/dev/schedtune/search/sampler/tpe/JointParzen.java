package dev.schedtune.search.sampler.tpe;

import java.util.random.RandomGenerator;

/**
 * The multivariate Parzen estimator: kernel c is the product over parameters of the c-th marginal
 * kernels (observation c, or the prior as the last kernel), so a sample draws one kernel and then every
 * coordinate from it, and a density sums over kernels in log space.
 */
final class JointParzen {
    private final ModelDomain[] domains;
    private final NumericMixture[] numeric;
    private final CategoricalMixture[] categorical;
    private final double[] logWeights;
    private final double[] cumulative;

    /**
     * @param domains per parameter: its model domain, or null for a categorical
     * @param choices per parameter: the number of choices of a categorical (ignored for numeric ones)
     * @param observations per parameter, per observation: model-space value or choice index
     */
    JointParzen(ModelDomain[] domains, int[] choices, double[][] observations, double[] rawWeights, TpeParameters p) {
        int d = domains.length;
        int n = rawWeights.length;
        this.domains = domains;
        this.numeric = new NumericMixture[d];
        this.categorical = new CategoricalMixture[d];
        double sigma0 = 0.2 * Math.pow(Math.max(n, 1), -1.0 / (d + 4));
        double[] weights = null;
        for (int j = 0; j < d; j++) {
            if (domains[j] != null) {
                numeric[j] = NumericMixture.withSharedBandwidth(domains[j], observations[j], rawWeights, sigma0, p);
                weights = numeric[j].weights;
            } else {
                int[] idx = new int[n];
                for (int i = 0; i < n; i++) {
                    idx[i] = (int) observations[j][i];
                }
                categorical[j] = new CategoricalMixture(choices[j], idx, rawWeights, p);
                weights = categorical[j].weights;
            }
        }
        int m = weights.length;
        this.logWeights = new double[m];
        this.cumulative = new double[m];
        double acc = 0;
        for (int c = 0; c < m; c++) {
            logWeights[c] = Math.log(weights[c]);
            acc += weights[c];
            cumulative[c] = acc;
        }
    }

    /** {@code size} joint samples: [parameter][sample], internal values (choice indices for categoricals). */
    double[][] sample(RandomGenerator rng, int size) {
        int d = domains.length;
        double[][] out = new double[d][size];
        for (int s = 0; s < size; s++) {
            int c = drawKernel(rng);
            for (int j = 0; j < d; j++) {
                out[j][s] = numeric[j] != null
                        ? domains[j].fromModel(numeric[j].sampleKernel(c, rng))
                        : categorical[j].sampleKernel(c, rng);
            }
        }
        return out;
    }

    private int drawKernel(RandomGenerator rng) {
        double u = rng.nextDouble() * cumulative[cumulative.length - 1];
        for (int c = 0; c < cumulative.length - 1; c++) {
            if (cumulative[c] > u) {
                return c;
            }
        }
        return cumulative.length - 1;
    }

    /** Log joint density of each sample given as [parameter][sample] internal values. */
    double[] logDensities(double[][] samples) {
        int d = domains.length;
        int size = samples.length == 0 ? 0 : samples[0].length;
        int m = logWeights.length;
        double[] out = new double[size];
        double[] terms = new double[m];
        for (int s = 0; s < size; s++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < m; c++) {
                double t = logWeights[c];
                for (int j = 0; j < d; j++) {
                    double x = samples[j][s];
                    t += numeric[j] != null
                            ? numeric[j].logKernel(c, domains[j].toModel(x))
                            : Math.log(categorical[j].kernelProbability(c, (int) x));
                }
                terms[c] = t;
                max = Math.max(max, t);
            }
            if (max == Double.NEGATIVE_INFINITY) {
                out[s] = max;
                continue;
            }
            double sum = 0;
            for (int c = 0; c < m; c++) {
                sum += Math.exp(terms[c] - max);
            }
            out[s] = max + Math.log(sum);
        }
        return out;
    }
}
