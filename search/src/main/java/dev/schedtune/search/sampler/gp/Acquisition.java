package dev.schedtune.search.sampler.gp;

import java.util.List;

/**
 * An acquisition function on the normalised space, in log scale (larger is better), as Optuna's
 * {@code acqf.py}: log-EI, the log probability of feasibility per constraint, and log-EHVI; a constrained
 * acquisition is the sum of the logs. Every Gaussian process here models values to be <em>maximised</em>
 * (minimised objectives are negated before standardisation). Instances keep scratch space: one per
 * thread.
 */
interface Acquisition {
    /** Optuna's {@code stabilizing_noise}, added to the posterior variance. */
    double STABILIZING_NOISE = 1e-12;

    double value(double[] x);

    /** {@code log E[max(0, f(x) - threshold)]}. */
    static Acquisition logEi(GaussianProcess gp, double threshold) {
        double[] scratch = new double[gp.size()];
        double[] post = new double[2];
        return x -> {
            gp.posterior(x, scratch, post);
            double sigma = Math.sqrt(post[1] + STABILIZING_NOISE);
            return Gaussians.logH((post[0] - threshold) / sigma) + Math.log(sigma);
        };
    }

    /** {@code log P(f(x) >= threshold)}: the probability that a (negated) constraint is satisfied. */
    static Acquisition logPi(GaussianProcess gp, double threshold) {
        double[] scratch = new double[gp.size()];
        double[] post = new double[2];
        return x -> {
            gp.posterior(x, scratch, post);
            double sigma = Math.sqrt(post[1] + STABILIZING_NOISE);
            return Gaussians.logCdf((post[0] - threshold) / sigma);
        };
    }

    /**
     * Log expected hypervolume improvement, exact: with independent Gaussian posteriors per objective,
     * the expected improvement in a box is the product over objectives of {@code E[clip(Y_j - a_j, 0,
     * b_j - a_j)] = ψ_j(a_j) - ψ_j(b_j)}, {@code ψ(a) = E[max(0, Y - a)] = σ h((μ - a)/σ)}; every term is
     * computed in log scale, so the value stays finite (and informative) far from the front.
     *
     * @param boxes the improving region of the (negated, i.e. minimised) standardised values
     */
    static Acquisition logEhvi(List<GaussianProcess> gps, NonDominatedBoxes boxes) {
        int m = gps.size();
        double[][] scratch = new double[m][];
        for (int j = 0; j < m; j++) {
            scratch[j] = new double[gps.get(j).size()];
        }
        double[] post = new double[2];
        double[] mean = new double[m];
        double[] sigma = new double[m];
        return x -> {
            for (int j = 0; j < m; j++) {
                gps.get(j).posterior(x, scratch[j], post);
                mean[j] = post[0];
                sigma[j] = Math.sqrt(post[1] + STABILIZING_NOISE);
            }
            return logEhvi(mean, sigma, boxes);
        };
    }

    /**
     * {@code log E[HVI]} for independent Gaussian (maximised) values with the given means and standard
     * deviations over the improving boxes of the negated values.
     */
    static double logEhvi(double[] mean, double[] sigma, NonDominatedBoxes boxes) {
        int m = mean.length;
        // log E[clip(Y_j - a, 0, b - a)] for each distinct interval of objective j.
        double[][] terms = new double[m][];
        for (int j = 0; j < m; j++) {
            double[][] intervals = boxes.intervals[j];
            terms[j] = new double[intervals.length];
            double logSigma = Math.log(sigma[j]);
            for (int i = 0; i < intervals.length; i++) {
                // The interval of the minimised values [lower, upper] is [-upper, -lower] when maximised.
                double a = -intervals[i][1];
                double upperEnd = -intervals[i][0];
                double logPsiA = logSigma + Gaussians.logH((mean[j] - a) / sigma[j]);
                if (upperEnd == Double.POSITIVE_INFINITY) {
                    terms[j][i] = logPsiA;
                } else {
                    double logPsiB = logSigma + Gaussians.logH((mean[j] - upperEnd) / sigma[j]);
                    terms[j][i] = logPsiA + Gaussians.log1mexp(Math.min(0, logPsiB - logPsiA));
                }
            }
        }
        double total = Double.NEGATIVE_INFINITY;
        for (int b = 0; b < boxes.size(); b++) {
            int[] of = boxes.intervalOf[b];
            double log = 0;
            for (int j = 0; j < m; j++) {
                log += terms[j][of[j]];
            }
            total = Gaussians.logAddExp(total, log);
        }
        return total;
    }

    /** The sum of several log acquisitions (an objective's and the constraints' feasibility). */
    static Acquisition sum(List<Acquisition> parts) {
        Acquisition[] all = parts.toArray(new Acquisition[0]);
        return x -> {
            double s = 0;
            for (Acquisition a : all) {
                s += a.value(x);
            }
            return s;
        };
    }
}
