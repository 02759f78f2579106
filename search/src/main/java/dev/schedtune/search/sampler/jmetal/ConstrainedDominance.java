package dev.schedtune.search.sampler.jmetal;

import org.uma.jmetal.solution.doublesolution.DoubleSolution;
import org.uma.jmetal.util.VectorUtils;
import org.uma.jmetal.util.comparator.dominanceComparator.DominanceComparator;

/**
 * Constraint-aware Pareto dominance with jMetal's rule ({@code DominanceWithConstraintsComparator} over
 * {@code OverallConstraintViolationDegreeComparator}): a feasible solution beats an infeasible one, of
 * two infeasible ones the smaller total violation wins, otherwise Pareto dominance decides ({@code
 * VectorUtils.dominanceTest}).
 *
 * <p>Same results, different cost: jMetal's comparator recomputes each solution's violation with an
 * {@code IntStream} on every comparison (its cached value is ignored whenever it is 0, i.e. for every
 * feasible solution), and {@code DefaultDominanceComparator} builds an error-message string on every call.
 * Here the violation is computed once per solution ({@link TrialSolution#violation}).
 */
final class ConstrainedDominance implements DominanceComparator<DoubleSolution> {
    static final ConstrainedDominance INSTANCE = new ConstrainedDominance();

    private ConstrainedDominance() {}

    @Override
    public int compare(DoubleSolution a, DoubleSolution b) {
        double va = ((TrialSolution) a).violation;
        double vb = ((TrialSolution) b).violation;
        if (va < 0 && vb < 0) {
            int c = Double.compare(vb, va);
            if (c != 0) {
                return c;
            }
        } else if (va == 0 && vb < 0) {
            return -1;
        } else if (va < 0 && vb == 0) {
            return 1;
        }
        return VectorUtils.dominanceTest(a.objectives(), b.objectives());
    }
}
