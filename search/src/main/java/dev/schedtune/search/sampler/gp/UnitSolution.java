package dev.schedtune.search.sampler.gp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.uma.jmetal.solution.doublesolution.DoubleSolution;
import org.uma.jmetal.util.bounds.Bounds;

/**
 * A candidate of the acquisition optimiser as a jMetal solution: genes in [0, 1], one objective (the
 * negated acquisition value; jMetal minimises), no constraints. Built directly rather than as jMetal's
 * {@code DefaultDoubleSolution}, whose constructor draws initial values from the process-wide {@code
 * JMetalRandom}; equality is identity.
 */
final class UnitSolution implements DoubleSolution {
    private static final long serialVersionUID = 1L;
    private static final Bounds<Double> UNIT = Bounds.create(0.0, 1.0);

    private final ArrayList<Double> variables;
    private final double[] objectives = new double[1];
    private final HashMap<Object, Object> attributes = new HashMap<>();

    UnitSolution(double[] genes) {
        variables = new ArrayList<>(genes.length);
        for (double g : genes) {
            variables.add(g);
        }
    }

    private UnitSolution(UnitSolution other) {
        variables = new ArrayList<>(other.variables);
        objectives[0] = other.objectives[0];
    }

    double[] genes() {
        double[] g = new double[variables.size()];
        for (int i = 0; i < g.length; i++) {
            g[i] = variables.get(i);
        }
        return g;
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
        return new double[0];
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
    public UnitSolution copy() {
        return new UnitSolution(this);
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
