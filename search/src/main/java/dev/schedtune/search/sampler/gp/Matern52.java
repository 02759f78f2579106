package dev.schedtune.search.sampler.gp;

/**
 * The Matérn-5/2 kernel with automatic relevance determination on the normalised space, as Optuna's
 * {@code GPRegressor.kernel}: {@code k(x, y) = scale · m(r²)}, {@code r² = Σ_k λ_k d_k(x, y)},
 * {@code m(r²) = (1 + √5 r + 5/3 r²) e^{-√5 r}}, with λ the inverse squared length scales.
 *
 * <p>Per-dimension distances {@code d_k}: {@code (x_k - y_k)²} for numeric parameters (in [0, 1]); for
 * categorical ones 0 if equal, else 1 (Hamming, as Optuna). A parameter absent from a trial (a
 * conditional parameter of another branch) is NaN and is imputed: a numeric one at the middle of its
 * range, a categorical one as a category of its own. So the kernel stays a Matérn kernel of a fixed
 * embedding (positive definite), two trials of different branches differ mainly through the branch's
 * selector (e.g. the schedule family, a categorical in the kernel), and what branches share (epochs, and
 * through them the training time) is learned from all of them.
 */
final class Matern52 {
    private static final double SQRT5 = Math.sqrt(5);
    /** Where an absent numeric parameter sits in the kernel. */
    static final double IMPUTED = 0.5;

    private Matern52() {}

    /** The distance of dimension {@code k}'s values {@code a}, {@code b}. */
    static double distance(double a, double b, boolean categorical) {
        if (categorical) {
            // NaN == NaN is false: compare absence first, so that absent is a category of its own
            boolean absentA = Double.isNaN(a);
            boolean absentB = Double.isNaN(b);
            return absentA || absentB ? (absentA && absentB ? 0 : 1) : (a == b ? 0 : 1);
        }
        double d = (Double.isNaN(a) ? IMPUTED : a) - (Double.isNaN(b) ? IMPUTED : b);
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
