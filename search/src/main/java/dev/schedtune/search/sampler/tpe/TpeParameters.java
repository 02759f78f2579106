package dev.schedtune.search.sampler.tpe;

/** The Parzen-estimator settings of a {@link TpeSampler} (Optuna's {@code _ParzenEstimatorParameters}). */
record TpeParameters(
        boolean considerPrior,
        double priorWeight,
        boolean considerMagicClip,
        boolean considerEndpoints,
        boolean multivariate) {
    static final double EPS = 1e-12;
}
