package dev.schedtune.search.sampler.jmetal;

import org.uma.jmetal.solution.AbstractSolution;
import org.uma.jmetal.solution.doublesolution.DoubleSolution;
import org.uma.jmetal.util.bounds.Bounds;

/**
 * A trial as a jMetal solution: the numeric parameters in [0, 1] as variables, the categorical choices
 * as genes beside them, objectives and constraints in jMetal's conventions. Equality is identity: two
 * trials with equal parameters are still two individuals (jMetal's {@code AbstractSolution} compares
 * variables).
 */
final class TrialSolution extends AbstractSolution<Double> implements DoubleSolution {
    private static final Bounds<Double> UNIT = Bounds.create(0.0, 1.0);

    /** The trial this solution stands for, or -1 for an offspring not yet asked. */
    final int trialNumber;

    final int[] categories;

    /**
     * jMetal's overall constraint violation degree: the sum of the negative constraint values (0 when
     * feasible), set by {@link #constraintsChanged()}.
     */
    double violation;

    TrialSolution(int trialNumber, double[] unit, int[] categories, int objectives, int constraints) {
        super(unit.length, objectives, constraints);
        this.trialNumber = trialNumber;
        this.categories = categories.clone();
        for (int i = 0; i < unit.length; i++) {
            variables().set(i, unit[i]);
        }
    }

    private TrialSolution(TrialSolution other) {
        super(other.variables().size(), other.objectives().length, other.constraints().length);
        this.trialNumber = other.trialNumber;
        this.categories = other.categories.clone();
        for (int i = 0; i < other.variables().size(); i++) {
            variables().set(i, other.variables().get(i));
        }
        System.arraycopy(other.objectives(), 0, objectives(), 0, objectives().length);
        System.arraycopy(other.constraints(), 0, constraints(), 0, constraints().length);
        // Attributes (rank, density) belong to the original's population, not to an offspring.
        this.violation = other.violation;
    }

    /** Recomputes {@link #violation} from {@link #constraints()}. */
    void constraintsChanged() {
        double sum = 0;
        for (double c : constraints()) {
            if (c < 0) {
                sum += c;
            }
        }
        violation = sum;
    }

    @Override
    public Bounds<Double> getBounds(int index) {
        return UNIT;
    }

    @Override
    public TrialSolution copy() {
        return new TrialSolution(this);
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
