package dev.schedtune.search.sampler.tpe;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A mixture of Gaussians truncated to a {@link ModelDomain}: one kernel per observation plus an
 * optional prior kernel, kept sorted by centre (Optuna's {@code _ParzenEstimator} for one numeric
 * parameter, in primitive arrays).
 *
 * <p>Bandwidths follow Optuna: univariate kernels take the larger gap to their sorted neighbours
 * (the domain's ends counting as neighbours only with {@code considerEndpoints}); multivariate
 * kernels share Scott's rule {@code 0.2 n^(-1/(d+4))} times the range; both are clipped to {@code
 * [range / min(100, 1 + m), range]} with the "magic clip" ({@code m} kernels, prior included), the
 * prior kernel is centred on the range with the whole range as bandwidth.
 *
 * <p>Densities are true densities: each kernel is divided by its bandwidth and its truncated mass.
 * (Optuna 3.1's {@code _truncnorm.logpdf} omits the {@code -log σ} term; later Optuna versions add it.)
 */
final class NumericMixture {
    /**
     * Kernels farther than this many bandwidths from a point are skipped in {@link #densities}: each
     * contributes less than {@code e^-50} of its peak, so with the magic clip the relative error of a
     * mixture density stays below 1e-12 for up to 10^7 kernels (the prior kernel alone bounds the
     * density from below). Without the magic clip every kernel is evaluated.
     */
    static final double WINDOW = 10.0;

    final ModelDomain domain;
    final double[] mus;
    final double[] sigmas;
    /** Normalised weights, in the order of {@link #mus}. */
    final double[] weights;

    private final double[] cumulative;
    /** Mass of each kernel inside the domain. */
    private final double[] mass;

    private final boolean windowed;

    private NumericMixture(ModelDomain domain, double[] mus, double[] sigmas, double[] weights, boolean windowed) {
        this.domain = domain;
        this.mus = mus;
        this.sigmas = sigmas;
        this.weights = weights;
        this.windowed = windowed;
        int m = mus.length;
        this.cumulative = new double[m];
        this.mass = new double[m];
        double acc = 0;
        for (int c = 0; c < m; c++) {
            acc += weights[c];
            cumulative[c] = acc;
            mass[c] = kernelMass(mus[c], sigmas[c]);
        }
    }

    private double kernelMass(double mu, double sigma) {
        double a = (domain.low - mu) / sigma;
        double b = (domain.high - mu) / sigma;
        // Beyond 8.5 bandwidths the normal tail is below half an ulp of 1.
        if (a < -8.5 && b > 8.5) {
            return 1.0;
        }
        return interval(a, b);
    }

    /**
     * The univariate estimator of sorted observations.
     *
     * @param sorted observation centres in model space, ascending
     * @param rawWeights unnormalised weights of the observations, in the same order
     */
    static NumericMixture univariate(ModelDomain domain, double[] sorted, double[] rawWeights, TpeParameters p) {
        int n = sorted.length;
        boolean prior = p.considerPrior() || n == 0;
        int m = n + (prior ? 1 : 0);
        double[] mus = new double[m];
        double[] w = new double[m];
        int priorIndex = -1;
        double priorMu = 0.5 * (domain.low + domain.high);
        if (prior) {
            priorIndex = upperBound(sorted, priorMu);
            System.arraycopy(sorted, 0, mus, 0, priorIndex);
            System.arraycopy(rawWeights, 0, w, 0, priorIndex);
            mus[priorIndex] = priorMu;
            w[priorIndex] = p.priorWeight();
            System.arraycopy(sorted, priorIndex, mus, priorIndex + 1, n - priorIndex);
            System.arraycopy(rawWeights, priorIndex, w, priorIndex + 1, n - priorIndex);
        } else {
            System.arraycopy(sorted, 0, mus, 0, n);
            System.arraycopy(rawWeights, 0, w, 0, n);
        }
        double range = domain.high - domain.low;
        double[] sigmas = new double[m];
        for (int c = 0; c < m; c++) {
            double left = mus[c] - (c == 0 ? domain.low : mus[c - 1]);
            double right = (c == m - 1 ? domain.high : mus[c + 1]) - mus[c];
            sigmas[c] = Math.max(left, right);
        }
        if (!p.considerEndpoints() && m >= 2) {
            sigmas[0] = mus[1] - mus[0];
            sigmas[m - 1] = mus[m - 1] - mus[m - 2];
        }
        clip(sigmas, range, m, p);
        if (prior) {
            sigmas[priorIndex] = range;
        }
        normalise(w);
        return new NumericMixture(domain, mus, sigmas, w, p.considerMagicClip() && prior);
    }

    /**
     * The multivariate estimator's marginal: every kernel shares {@code sigma0 * range}.
     *
     * @param observations centres in model space, any order (sorted here)
     */
    static NumericMixture withSharedBandwidth(
            ModelDomain domain, double[] observations, double[] rawWeights, double sigma0, TpeParameters p) {
        int n = observations.length;
        boolean prior = p.considerPrior() || n == 0;
        int m = n + (prior ? 1 : 0);
        double[] mus = Arrays.copyOf(observations, m);
        double[] w = Arrays.copyOf(rawWeights, m);
        double range = domain.high - domain.low;
        double[] sigmas = new double[m];
        Arrays.fill(sigmas, sigma0 * range);
        clip(sigmas, range, m, p);
        if (prior) {
            mus[n] = 0.5 * (domain.low + domain.high);
            w[n] = p.priorWeight();
            sigmas[n] = range;
        }
        normalise(w);
        return new NumericMixture(domain, mus, sigmas, w, false);
    }

    private static void clip(double[] sigmas, double range, int m, TpeParameters p) {
        double min = p.considerMagicClip() ? range / Math.min(100.0, 1.0 + m) : TpeParameters.EPS;
        for (int c = 0; c < sigmas.length; c++) {
            sigmas[c] = Math.min(range, Math.max(min, sigmas[c]));
        }
    }

    static void normalise(double[] w) {
        double sum = 0;
        for (double v : w) {
            sum += v;
        }
        for (int i = 0; i < w.length; i++) {
            w[i] /= sum;
        }
    }

    /** Index of the first element greater than {@code key} in a sorted array. */
    static int upperBound(double[] sorted, double key) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    int size() {
        return mus.length;
    }

    /** A kernel index drawn with probability equal to its weight. */
    int drawKernel(RandomGenerator rng) {
        double u = rng.nextDouble() * cumulative[cumulative.length - 1];
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > u) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** A model-space sample from one kernel, truncated to the domain. */
    double sampleKernel(int c, RandomGenerator rng) {
        double mu = mus[c];
        double sigma = sigmas[c];
        double a = (domain.low - mu) / sigma;
        double b = (domain.high - mu) / sigma;
        double z = Gaussian.truncatedQuantile(rng.nextDouble(), a, b);
        return Math.min(domain.high, Math.max(domain.low, mu + sigma * z));
    }

    /** Log of kernel c's density (or grid-cell mass) at model-space point x. */
    double logKernel(int c, double x) {
        double mu = mus[c];
        double sigma = sigmas[c];
        double logMass = Math.log(mass[c]);
        if (domain.q > 0) {
            double lo = (Math.max(x - 0.5 * domain.q, domain.low) - mu) / sigma;
            double hi = (Math.min(x + 0.5 * domain.q, domain.high) - mu) / sigma;
            return Gaussian.logMass(lo, hi) - logMass;
        }
        double z = (x - mu) / sigma;
        return -0.5 * z * z - Gaussian.LOG_SQRT_2PI - Math.log(sigma) - logMass;
    }

    /**
     * Log mixture density (grid-cell probability for stepped ranges) at each model-space point.
     *
     * @param xs points in model space; the result is in the same order
     */
    double[] logDensities(double[] xs) {
        int k = xs.length;
        double[] out = new double[k];
        if (k == 0) {
            return out;
        }
        // Insertion sort of the (few) points, keeping their original positions.
        double[] sx = new double[k];
        int[] order = new int[k];
        for (int i = 0; i < k; i++) {
            double v = xs[i];
            int j = i;
            while (j > 0 && sx[j - 1] > v) {
                sx[j] = sx[j - 1];
                order[j] = order[j - 1];
                j--;
            }
            sx[j] = v;
            order[j] = i;
        }
        double[] density = new double[k];
        int m = mus.length;
        for (int c = 0; c < m; c++) {
            double mu = mus[c];
            double sigma = sigmas[c];
            int from;
            int to;
            if (windowed) {
                from = lowerBound(sx, mu - WINDOW * sigma - domain.q);
                to = lowerBound(sx, Math.nextUp(mu + WINDOW * sigma + domain.q));
            } else {
                from = 0;
                to = k;
            }
            if (from >= to) {
                continue;
            }
            double wc = weights[c] / mass[c];
            if (domain.q > 0) {
                double half = 0.5 * domain.q;
                for (int i = from; i < to; i++) {
                    double lo = (Math.max(sx[i] - half, domain.low) - mu) / sigma;
                    double hi = (Math.min(sx[i] + half, domain.high) - mu) / sigma;
                    density[i] += wc * interval(lo, hi);
                }
            } else {
                double coef = wc / (sigma * SQRT_2PI);
                double inv = 1 / sigma;
                for (int i = from; i < to; i++) {
                    double z = (sx[i] - mu) * inv;
                    density[i] += coef * Math.exp(-0.5 * z * z);
                }
            }
        }
        for (int i = 0; i < k; i++) {
            double d = density[i];
            out[order[i]] = d >= Double.MIN_NORMAL ? Math.log(d) : exactLogDensity(sx[i]);
        }
        return out;
    }

    /** log Σ w_c k_c(x) in log space over every kernel; used when the linear sum underflows. */
    double exactLogDensity(double x) {
        int m = mus.length;
        double max = Double.NEGATIVE_INFINITY;
        double[] terms = new double[m];
        for (int c = 0; c < m; c++) {
            terms[c] = Math.log(weights[c]) + logKernel(c, x);
            max = Math.max(max, terms[c]);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (double t : terms) {
            sum += Math.exp(t - max);
        }
        return max + Math.log(sum);
    }

    private static final double SQRT_2PI = Math.sqrt(2 * Math.PI);

    /** Standard normal mass in [a, b], computed on the side that keeps precision. */
    static double interval(double a, double b) {
        if (!(a < b)) {
            return 0.0;
        }
        if (a >= 0) {
            return Gaussian.cdf(-a) - Gaussian.cdf(-b);
        }
        if (b <= 0) {
            return Gaussian.cdf(b) - Gaussian.cdf(a);
        }
        return 1 - Gaussian.cdf(a) - Gaussian.cdf(-b);
    }

    private static int lowerBound(double[] sorted, double key) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
