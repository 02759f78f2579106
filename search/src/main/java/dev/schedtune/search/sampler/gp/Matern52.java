package dev.schedtune.search.sampler.gp;

/**
 * The Matérn-5/2 kernel with automatic relevance determination on the normalised space, as Optuna's
 * {@code GPRegressor.kernel}: {@code k(x, y) = scale · m(r²)}, {@code r² = Σ_k λ_k d_k(x, y)},
 * {@code m(r²) = (1 + √5 r + 5/3 r²) e^{-√5 r}}, with λ the inverse squared length scales.
 *
 * <p>Per-dimension distances {@code d_k}: {@code (x_k - y_k)²} for numeric parameters (in [0, 1]); for
 * categorical ones 0 if equal, else 1 (Hamming, as Optuna). A parameter absent from a trial (a
 * conditional parameter of another branch) is NaN: two absent values are at distance 0, an absent and a
 * present one at distance 1 — as far as two different categories, at least as far as any two present
 * values.
 */
final class Matern52 {
    private static final double SQRT5 = Math.sqrt(5);

    private Matern52() {}

    /** The distance of dimension {@code k}'s values {@code a}, {@code b}. */
    static double distance(double a, double b, boolean categorical) {
        boolean absentA = Double.isNaN(a);
        boolean absentB = Double.isNaN(b);
        if (absentA || absentB) {
            return absentA && absentB ? 0 : 1;
        }
        if (categorical) {
            return a == b ? 0 : 1;
        }
        double d = a - b;
        return d * d;
    }

    static double squaredDistance(double[] x, double[] y, double[] inverseSquaredLengthScales, boolean[] categorical) {
        double r2 = 0;
        for (int k = 0; k < x.length; k++) {
            r2 += inverseSquaredLengthScales[k] * distance(x[k], y[k], categorical[k]);
        }
        return r2;
    }

    /** {@code m(r²)}. */
    static double value(double r2) {
        double s = Math.sqrt(5 * r2);
        return Math.exp(-s) * (5.0 / 3.0 * r2 + s + 1);
    }

    /** {@code dm/d(r²) = -5/6 (1 + √5 r) e^{-√5 r}}. */
    static double derivative(double r2) {
        double s = SQRT5 * Math.sqrt(r2);
        return -5.0 / 6.0 * (s + 1) * Math.exp(-s);
    }
}
