package dev.schedtune.search.sampler.gp;

import org.apache.commons.math3.special.Erf;

/**
 * Logarithms of the standard normal's tail quantities that the acquisition functions need, accurate far
 * into the tails (where {@code log(z Φ(z) + φ(z))} computed directly is {@code log 0}): Optuna's
 * {@code standard_logei} and {@code log_ndtr}. In the lower tail both use the continued fraction of the
 * Mills ratio {@code R(x) = Φ(-x)/φ(x) = 1/(x + 1/(x + 2/(x + 3/(x + ...))))}.
 */
final class Gaussians {
    private static final double SQRT_HALF = Math.sqrt(0.5);
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
    /** Below this z the continued fraction replaces the closed forms (cancellation grows like 1/z²). */
    private static final double TAIL = -5;
    /** Depth of the continued fraction: relative error below 1e-15 for x >= 5. */
    private static final int DEPTH = 120;

    private Gaussians() {}

    /** {@code log E[max(0, Z + z)]} for a standard normal Z, i.e. {@code log(z Φ(z) + φ(z))}. */
    static double logH(double z) {
        if (z >= TAIL) {
            double h = 0.5 * z * Erf.erfc(-SQRT_HALF * z) + Math.exp(-0.5 * z * z) * INV_SQRT_2PI;
            return Math.log(h);
        }
        // h(z) = φ(z) (1 - x R(x)) with x = -z, and 1 - x R = t / (x + t) for R = 1 / (x + t).
        double x = -z;
        double t = millsTail(x);
        return -0.5 * z * z - LOG_SQRT_2PI + Math.log(t) - Math.log(x + t);
    }

    /** {@code log Φ(z)}. */
    static double logCdf(double z) {
        if (z >= TAIL) {
            return Math.log(0.5 * Erf.erfc(-SQRT_HALF * z));
        }
        double x = -z;
        return -0.5 * z * z - LOG_SQRT_2PI - Math.log(x + millsTail(x));
    }

    /** {@code t = 1/(x + 2/(x + 3/(x + ...)))}, so that the Mills ratio is {@code 1/(x + t)}; x > 0. */
    private static double millsTail(double x) {
        double g = x;
        for (int k = DEPTH; k >= 2; k--) {
            g = x + k / g;
        }
        return 1 / g;
    }

    /** {@code log(1 - exp(a))} for {@code a <= 0}, accurate for a near 0 and very negative a. */
    static double log1mexp(double a) {
        return a > -0.6931471805599453 ? Math.log(-Math.expm1(a)) : Math.log1p(-Math.exp(a));
    }

    /** {@code log(exp(a) + exp(b))}. */
    static double logAddExp(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) {
            return b;
        }
        if (b == Double.NEGATIVE_INFINITY) {
            return a;
        }
        double m = Math.max(a, b);
        return m + Math.log1p(Math.exp(-Math.abs(a - b)));
    }
}
