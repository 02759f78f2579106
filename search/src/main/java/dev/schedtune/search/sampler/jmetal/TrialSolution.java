package dev.schedtune.search.sampler.jmetal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.uma.jmetal.solution.doublesolution.DoubleSolution;
import org.uma.jmetal.util.bounds.Bounds;

/**
 * A trial as a jMetal solution: the numeric parameters in [0, 1] as variables, the categorical choices
 * as genes beside them, objectives and constraints in jMetal's conventions. Equality is identity: two
 * trials with equal parameters are still two individuals (jMetal's {@code AbstractSolution} compares
 * variables).
 *
 * <p>It implements {@link DoubleSolution} itself rather than extending {@code AbstractSolution}, whose
 * constructor fills its arrays through three {@code IntStream}s: several solutions are built per trial
 * (the generation's pool, the parents, the crossover's copies), and before the JIT compiler has caught up
 * those streams cost more than everything else a solution does.
 */
final class TrialSolution implements DoubleSolution {
    private static final long serialVersionUID = 1L;
    private static final Bounds<Double> UNIT = Bounds.create(0.0, 1.0);

    /** The trial this solution stands for, or -1 for an offspring not yet asked. */
    final int trialNumber;

    final int[] categories;

    /**
     * jMetal's overall constraint violation degree: the sum of the negative constraint values (0 when
     * feasible), set by {@link #constraintsChanged()}.
     */
    double violation;

    private final ArrayList<Double> variables;
    private final double[] objectives;
    private final double[] constraints;
    private final HashMap<Object, Object> attributes = new HashMap<>();

    TrialSolution(int trialNumber, double[] unit, int[] categories, int objectives, int constraints) {
        this.trialNumber = trialNumber;
        this.categories = categories.clone();
        this.variables = new ArrayList<>(unit.length);
        for (double u : unit) {
            variables.add(u);
        }
        this.objectives = new double[objectives];
        this.constraints = new double[constraints];
    }

    private TrialSolution(TrialSolution other) {
        this.trialNumber = other.trialNumber;
        this.categories = other.categories.clone();
        this.variables = new ArrayList<>(other.variables);
        this.objectives = other.objectives.clone();
        this.constraints = other.constraints.clone();
        // Attributes (rank, density) belong to the original's population, not to an offspring.
        this.violation = other.violation;
    }

    /** Recomputes {@link #violation} from {@link #constraints()}. */
    void constraintsChanged() {
        double sum = 0;
        for (double c : constraints) {
            if (c < 0) {
                sum += c;
            }
        }
        violation = sum;
    }

    @Override
    public List<Double> variables() {
        return variables;
    }

    @Override
    public double[] objectives() {
        return objectives;
    }

    @Override
    public double[] constraints() {
        return constraints;
    }

    @Override
    public Map<Object, Object> attributes() {
        return attributes;
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

    @Override
    public String toString() {
        return "TrialSolution{trial=" + trialNumber + ", variables=" + variables + ", categories="
                + java.util.Arrays.toString(categories) + ", objectives=" + java.util.Arrays.toString(objectives)
                + ", constraints=" + java.util.Arrays.toString(constraints) + "}";
    }
}
