package dev.schedtune.search;

/**
 * A single-objective function of a trial; see {@link Study#optimize(Objective, OptimizeOptions)}. It may
 * throw: the trial is then recorded as FAIL with the exception's message ({@link TrialPrunedException} means
 * PRUNED). Returning NaN or an infinity records FAIL too.
 */
@FunctionalInterface
public interface Objective {
    double evaluate(Trial trial) throws Exception;
}
