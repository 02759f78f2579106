package dev.schedtune.search;

/**
 * A function of a trial returning one value per study direction; see
 * {@link Study#optimizeMulti(MultiObjective, OptimizeOptions)}. Failure rules as for {@link Objective}.
 */
@FunctionalInterface
public interface MultiObjective {
    double[] evaluate(Trial trial) throws Exception;
}
