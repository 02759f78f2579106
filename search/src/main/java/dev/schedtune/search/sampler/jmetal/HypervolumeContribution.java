package dev.schedtune.search.sampler.jmetal;

import dev.schedtune.search.analysis.Hypervolume;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.uma.jmetal.solution.Solution;
import org.uma.jmetal.util.densityestimator.DensityEstimator;

/**
 * jMetal density estimator giving each solution of a front its exclusive hypervolume contribution,
 * computed by {@link Hypervolume} after normalising the front's objectives to [0, 1] (its own minimum
 * and maximum) against a reference point of {@code reference} per objective. Replaces jMetal's {@code
 * HypervolumeContributionDensityEstimator}, whose legacy PISA code ignores the reference point.
 */
final class HypervolumeContribution<S extends Solution<?>> implements DensityEstimator<S> {
    private final double reference;
    private final Map<S, Double> values = new WeakHashMap<>();

    HypervolumeContribution(double reference) {
        this.reference = reference;
    }

    @Override
    public void compute(List<S> front) {
        int n = front.size();
        if (n == 0) {
            return;
        }
        int m = front.get(0).objectives().length;
        double[] lower = new double[m];
        double[] upper = new double[m];
        Arrays.fill(lower, Double.POSITIVE_INFINITY);
        Arrays.fill(upper, Double.NEGATIVE_INFINITY);
        for (S s : front) {
            for (int i = 0; i < m; i++) {
                lower[i] = Math.min(lower[i], s.objectives()[i]);
                upper[i] = Math.max(upper[i], s.objectives()[i]);
            }
        }
        double[][] points = new double[n][m];
        for (int p = 0; p < n; p++) {
            for (int i = 0; i < m; i++) {
                double range = upper[i] > lower[i] ? upper[i] - lower[i] : 1.0;
                points[p][i] = (front.get(p).objectives()[i] - lower[i]) / range;
            }
        }
        double[] ref = new double[m];
        Arrays.fill(ref, reference);
        double[] c = Hypervolume.contributions(points, ref);
        for (int p = 0; p < n; p++) {
            values.put(front.get(p), c[p]);
        }
    }

    @Override
    public Double value(S solution) {
        return values.getOrDefault(solution, 0.0);
    }

    @Override
    public Comparator<S> comparator() {
        return Comparator.comparing(this::value);
    }
}
