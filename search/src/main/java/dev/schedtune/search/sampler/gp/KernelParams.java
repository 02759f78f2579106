package dev.schedtune.search.sampler.gp;

/**
 * The kernel's parameters: inverse squared length scales (one per dimension), kernel scale (the prior
 * variance) and observation noise variance.
 */
record KernelParams(double[] inverseSquaredLengthScales, double scale, double noise) {
    /** Optuna's starting point and fallback: every parameter 1. */
    static KernelParams defaults(int dimensions) {
        double[] ones = new double[dimensions];
        java.util.Arrays.fill(ones, 1.0);
        return new KernelParams(ones, 1.0, 1.0);
    }
}
