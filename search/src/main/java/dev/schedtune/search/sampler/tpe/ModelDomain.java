package dev.schedtune.search.sampler.tpe;

import dev.schedtune.search.distribution.Distribution;
import dev.schedtune.search.distribution.FloatDistribution;
import dev.schedtune.search.distribution.IntDistribution;

/**
 * A numeric parameter's range as the Parzen estimator sees it (Optuna's {@code
 * _calculate_parzen_bounds}): log ranges in log space, stepped and integer ranges widened by half a
 * step on each side so every grid value owns a cell of width {@code q}.
 */
final class ModelDomain {
    final double low;
    final double high;
    /** Grid step in model space, or 0 where densities are continuous (linear floats, all log ranges). */
    final double q;

    private final boolean log;
    private final boolean integer;
    private final double gridLow;
    private final double gridHigh;
    private final double gridStep;

    private ModelDomain(
            double low,
            double high,
            double q,
            boolean log,
            boolean integer,
            double gridLow,
            double gridHigh,
            double gridStep) {
        this.low = low;
        this.high = high;
        this.q = q;
        this.log = log;
        this.integer = integer;
        this.gridLow = gridLow;
        this.gridHigh = gridHigh;
        this.gridStep = gridStep;
    }

    static ModelDomain of(Distribution d) {
        if (d instanceof FloatDistribution f) {
            if (f.isLog()) {
                return new ModelDomain(Math.log(f.low()), Math.log(f.high()), 0, true, false, f.low(), f.high(), 0);
            }
            if (f.hasStep()) {
                double s = f.step();
                return new ModelDomain(f.low() - 0.5 * s, f.high() + 0.5 * s, s, false, false, f.low(), f.high(), s);
            }
            return new ModelDomain(f.low(), f.high(), 0, false, false, f.low(), f.high(), 0);
        }
        if (d instanceof IntDistribution i) {
            if (i.isLog()) {
                return new ModelDomain(
                        Math.log(i.low() - 0.5), Math.log(i.high() + 0.5), 0, true, true, i.low(), i.high(), 1);
            }
            double s = i.step();
            return new ModelDomain(i.low() - 0.5 * s, i.high() + 0.5 * s, s, false, true, i.low(), i.high(), s);
        }
        throw new IllegalArgumentException("not a numeric distribution: " + d);
    }

    /** The model-space coordinate of an internal value. */
    double toModel(double internal) {
        return log ? Math.log(internal) : internal;
    }

    /** The internal value for a model-space sample: exponentiated, rounded onto the grid, clipped. */
    double fromModel(double s) {
        double v;
        if (log) {
            v = Math.exp(s);
            if (integer) {
                v = Math.rint(v);
            }
        } else if (gridStep > 0) {
            v = Math.rint((s - gridLow) / gridStep) * gridStep + gridLow;
        } else {
            v = s;
        }
        return Math.min(gridHigh, Math.max(gridLow, v));
    }
}
