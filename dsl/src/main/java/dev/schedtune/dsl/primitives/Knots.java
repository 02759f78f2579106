package dev.schedtune.dsl.primitives;

import dev.schedtune.dsl.Checks;
import java.util.Arrays;

/**
 * The engine of piecewise interpolation: values at non-decreasing positions, interpolated between
 * neighbours, held before the first knot and after the last (or extrapolated along the last segment).
 */
final class Knots {
    final double[] positions;
    final double[] values;
    final Interpolation interpolation;
    final boolean extrapolate;

    Knots(
            String positionsName,
            double[] positions,
            String valuesName,
            double[] values,
            Interpolation interpolation,
            boolean extrapolate) {
        this.positions = Checks.nonDecreasing(positionsName, positions);
        this.values = Checks.allFinite(valuesName, values);
        Checks.require(positions.length >= 1, positionsName + " must not be empty");
        Checks.require(
                values.length == positions.length,
                valuesName + " (" + values.length + " of them) must match " + positionsName + " (" + positions.length
                        + ")");
        if (interpolation == Interpolation.EXPONENTIAL) {
            for (int i = 0; i < values.length; i++) {
                Checks.positive(valuesName + "[" + i + "]", values[i]);
            }
        }
        this.interpolation = interpolation;
        this.extrapolate = extrapolate;
    }

    double at(double x) {
        double[] k = positions;
        int n = k.length;
        if (x < k[0]) {
            return values[0];
        }
        int j = PiecewiseConstant.segment(k, x) - 1;
        if (x == k[j]) {
            return values[j];
        }
        if (j == n - 1) {
            if (!extrapolate || n == 1) {
                return values[n - 1];
            }
            // past the last knot: continue the last segment of non-zero width
            int s = n - 2;
            while (s > 0 && k[s] == k[n - 1]) {
                s--;
            }
            if (k[s] == k[n - 1]) {
                return values[n - 1];
            }
            return interpolation.interpolate(values[s], values[n - 1], (x - k[s]) / (k[n - 1] - k[s]));
        }
        return interpolation.interpolate(values[j], values[j + 1], (x - k[j]) / (k[j + 1] - k[j]));
    }

    double last() {
        return positions[positions.length - 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Knots other
                && Arrays.equals(positions, other.positions)
                && Arrays.equals(values, other.values)
                && interpolation == other.interpolation
                && extrapolate == other.extrapolate;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(positions) + Arrays.hashCode(values))
                + interpolation.hashCode()
                + (extrapolate ? 1 : 0);
    }
}
