package dev.schedtune.search.analysis;

import dev.schedtune.search.distribution.CategoricalDistribution;
import dev.schedtune.search.distribution.Distribution;
import dev.schedtune.search.distribution.FloatDistribution;
import dev.schedtune.search.distribution.IntDistribution;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.trial.TrialState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Parameter importance by <b>PED-ANOVA</b> (Watanabe, Bansal, Hutter: "PED-ANOVA: Efficiently Quantifying
 * Hyperparameter Importance in Arbitrary Subspaces", IJCAI 2023), the method Optuna's
 * {@code PedAnovaImportanceEvaluator} implements (Optuna &ge; 3.6; Debian's Optuna 3.1 predates it, so this
 * implementation is tested against functions whose importances are known, not against Optuna's numbers).
 *
 * <p>Method, per parameter: take the COMPLETE trials that have every analysed parameter with the same
 * distribution and a finite target; the <em>top</em> trials are those whose target is within the best
 * {@code baselineQuantile} (at least 2 trials). Discretise the parameter's range into at most 50 grid points
 * (log ranges in log space, fewer for small integer or stepped ranges; categoricals by choice), fit a 1-D
 * Parzen estimator on the grid to the top trials and one to all trials (Scott's-rule bandwidth, at least
 * {@code 0.5 / 1.64} grid cells, plus a wide prior component of weight 1), and compute the Pearson divergence
 * {@code sum_x p_all(x) (p_top(x) / p_all(x) - 1)^2}. A parameter whose values among the top trials look like
 * its values among all trials is unimportant. Importances are normalised to sum to 1 and sorted, largest
 * first; single-valued parameters get 0.
 */
public final class ParamImportance {
    private static final int N_STEPS = 50;
    private static final int MIN_TOP_TRIALS = 2;
    private static final double PRIOR_WEIGHT = 1.0;

    private ParamImportance() {}

    /** PED-ANOVA with Optuna's defaults (baseline quantile 0.1) on objective 0. */
    public static Map<String, Double> pedAnova(List<FrozenTrial> trials, StudyDirection direction) {
        return pedAnova(trials, direction, 0.1, t -> t.values().get(0));
    }

    /**
     * PED-ANOVA on any target (e.g. one objective of a multi-objective study, or a scalarisation).
     *
     * @param direction whether low or high targets are good
     * @param baselineQuantile the fraction of best trials whose parameters are compared with all trials
     */
    public static Map<String, Double> pedAnova(
            List<FrozenTrial> trials,
            StudyDirection direction,
            double baselineQuantile,
            ToDoubleFunction<FrozenTrial> target) {
        if (!(baselineQuantile > 0 && baselineQuantile <= 1)) {
            throw new IllegalArgumentException("baselineQuantile (" + baselineQuantile + ") must be in (0, 1]");
        }
        Map<String, Distribution> space = commonSpace(trials);
        List<FrozenTrial> usable = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        for (FrozenTrial t : trials) {
            if (t.state() != TrialState.COMPLETE || !t.params().keySet().containsAll(space.keySet())) {
                continue;
            }
            double v = target.applyAsDouble(t);
            if (Double.isFinite(v)) {
                usable.add(t);
                losses.add(direction.toMinimized(v));
            }
        }
        Map<String, Double> importance = new LinkedHashMap<>();
        List<String> varying = new ArrayList<>();
        space.forEach((name, d) -> {
            if (!d.isSingle()) {
                varying.add(name);
            }
        });
        if (varying.isEmpty()) {
            space.keySet().forEach(n -> importance.put(n, 0.0));
            return importance;
        }
        if (usable.size() <= MIN_TOP_TRIALS) {
            varying.forEach(n -> importance.put(n, 1.0 / varying.size()));
        } else {
            double[] sorted =
                    losses.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int q = (int) Math.ceil(baselineQuantile * sorted.length) - 1;
            double cutoff = Math.max(sorted[MIN_TOP_TRIALS - 1], sorted[Math.max(0, q)]);
            List<FrozenTrial> top = new ArrayList<>();
            for (int i = 0; i < usable.size(); i++) {
                if (losses.get(i) <= cutoff) {
                    top.add(usable.get(i));
                }
            }
            double sum = 0;
            for (String name : varying) {
                double div = pearsonDivergence(name, space.get(name), top, usable);
                importance.put(name, div);
                sum += div;
            }
            if (sum > 0) {
                for (String name : varying) {
                    importance.put(name, importance.get(name) / sum);
                }
            } else {
                varying.forEach(n -> importance.put(n, 1.0 / varying.size()));
            }
        }
        space.forEach((name, d) -> {
            if (d.isSingle()) {
                importance.put(name, 0.0);
            }
        });
        return sortDescending(importance);
    }

    /** Parameters that every COMPLETE trial has, with one and the same distribution. */
    static Map<String, Distribution> commonSpace(List<FrozenTrial> trials) {
        Map<String, Distribution> space = null;
        for (FrozenTrial t : trials) {
            if (t.state() != TrialState.COMPLETE) {
                continue;
            }
            if (space == null) {
                space = new LinkedHashMap<>(t.distributions());
            } else {
                space.entrySet()
                        .removeIf(e -> !e.getValue().equals(t.distributions().get(e.getKey())));
            }
        }
        return space == null ? Map.of() : space;
    }

    private static double pearsonDivergence(String name, Distribution d, List<FrozenTrial> top, List<FrozenTrial> all) {
        Grid grid = Grid.of(d);
        double[] pTop = grid.estimator(name, top).pdf();
        double[] pAll = grid.estimator(name, all).pdf();
        double div = 0;
        for (int i = 0; i < pTop.length; i++) {
            double a = pAll[i] + 1e-12;
            double r = (pTop[i] + 1e-12) / a - 1;
            div += a * r * r;
        }
        return div;
    }

    /** The discretisation of one parameter's range. */
    private static final class Grid {
        final Distribution d;
        final int size;
        final boolean categorical;
        final boolean log;
        final double low;
        final double high;

        private Grid(Distribution d, int size, boolean categorical, boolean log, double low, double high) {
            this.d = d;
            this.size = size;
            this.categorical = categorical;
            this.log = log;
            this.low = low;
            this.high = high;
        }

        static Grid of(Distribution d) {
            if (d instanceof CategoricalDistribution) {
                return new Grid(d, ((CategoricalDistribution) d).size(), true, false, 0, 0);
            }
            int n = N_STEPS;
            boolean log;
            double low;
            double high;
            if (d instanceof IntDistribution) {
                IntDistribution i = (IntDistribution) d;
                log = i.isLog();
                low = i.low();
                high = i.high();
                if (log) {
                    n = Math.min(n, (int) Math.ceil(Math.log(high - low + 1) / Math.log(2)) + 1);
                } else if (i.step() >= 1) {
                    n = (int) Math.min(n, Math.round((high - low) / i.step()) + 1);
                }
            } else {
                FloatDistribution f = (FloatDistribution) d;
                log = f.isLog();
                low = f.low();
                high = f.high();
                if (f.hasStep()) {
                    n = (int) Math.min(n, Math.round((high - low) / f.step()) + 1);
                }
            }
            return new Grid(d, n, false, log, log ? Math.log(low) : low, log ? Math.log(high) : high);
        }

        /** Grid cell of a trial's value: numpy's searchsorted(grid, x - step/2). */
        int cell(Object value) {
            if (categorical) {
                return (int) d.toInternal(value);
            }
            double x = ((Number) value).doubleValue();
            double s = log ? Math.log(x) : x;
            if (size == 1) {
                return 0;
            }
            double step = (high - low) / (size - 1);
            double target = s - step / 2;
            for (int i = 0; i < size; i++) {
                double g = low + i * step;
                if (g >= target) {
                    return i;
                }
            }
            return size - 1;
        }

        ParzenOnGrid estimator(String name, List<FrozenTrial> trials) {
            double[] counts = new double[size];
            for (FrozenTrial t : trials) {
                counts[Math.min(size - 1, cell(t.params().get(name)))]++;
            }
            return new ParzenOnGrid(counts, categorical);
        }
    }

    /** A Parzen estimator over grid cells {@code 0 .. n-1} built from per-cell counts. */
    private static final class ParzenOnGrid {
        final double[] counts;
        final boolean categorical;

        ParzenOnGrid(double[] counts, boolean categorical) {
            this.counts = counts;
            this.categorical = categorical;
        }

        double[] pdf() {
            int n = counts.length;
            List<Integer> mus = new ArrayList<>();
            double total = 0;
            for (int i = 0; i < n; i++) {
                if (counts[i] > 0) {
                    mus.add(i);
                    total += counts[i];
                }
            }
            double weightSum = total + PRIOR_WEIGHT;
            double[] pdf = new double[n];
            if (categorical) {
                int k = mus.size();
                double fill = PRIOR_WEIGHT / (k + 1);
                for (int m : mus) {
                    double norm = 1 + fill * n;
                    for (int x = 0; x < n; x++) {
                        pdf[x] += counts[m] / weightSum * ((x == m ? 1 : 0) + fill) / norm;
                    }
                }
                for (int x = 0; x < n; x++) {
                    pdf[x] += PRIOR_WEIGHT / weightSum * (1.0 / n);
                }
                return pdf;
            }
            double sigma = scottSigma(mus, total);
            for (int m : mus) {
                addTruncNormal(pdf, m, sigma, counts[m] / weightSum);
            }
            addTruncNormal(pdf, 0.5 * (n - 1), n, PRIOR_WEIGHT / weightSum);
            return pdf;
        }

        /** Scott's rule on the grid indices, floored at 0.5 / 1.64 cells. */
        private double scottSigma(List<Integer> mus, double total) {
            double mean = 0;
            for (int m : mus) {
                mean += m * counts[m] / total;
            }
            double ss = 0;
            for (int m : mus) {
                ss += (m - mean) * (m - mean) * counts[m];
            }
            double sd = Math.sqrt(ss / Math.max(1, total - 1));
            double[] cum = new double[mus.size()];
            double c = 0;
            for (int i = 0; i < mus.size(); i++) {
                c += counts[mus.get(i)];
                cum[i] = c;
            }
            int q25 = searchLeft(cum, Math.floor(total / 4));
            int q75 = searchRight(cum, Math.floor(total * 3 / 4));
            double iqr = mus.get(Math.min(mus.size() - 1, q75)) - mus.get(Math.min(mus.size() - 1, q25));
            double sigma = 1.059 * Math.min(iqr / 1.34, sd) * Math.pow(total, -0.2);
            return Math.max(sigma, 0.5 / 1.64);
        }

        private static int searchLeft(double[] a, double v) {
            int i = 0;
            while (i < a.length && a[i] < v) {
                i++;
            }
            return i;
        }

        private static int searchRight(double[] a, double v) {
            int i = 0;
            while (i < a.length && a[i] <= v) {
                i++;
            }
            return i;
        }

        /** Adds {@code weight} times a normal discretised on the cells and truncated to {@code [0, n-1]}. */
        private static void addTruncNormal(double[] pdf, double mu, double sigma, double weight) {
            int n = pdf.length;
            double z = cdf((n - 0.5 - mu) / sigma) - cdf((-0.5 - mu) / sigma);
            for (int x = 0; x < n; x++) {
                double p = cdf((x + 0.5 - mu) / sigma) - cdf((x - 0.5 - mu) / sigma);
                pdf[x] += weight * p / z;
            }
        }

        /** The standard normal CDF. */
        private static double cdf(double x) {
            return 0.5 * erfc(-x / Math.sqrt(2));
        }

        /**
         * The complementary error function by the Chebyshev fit of Numerical Recipes' {@code erfcc} (fractional
         * error below 1.2e-7 everywhere, ample for densities on a 50-point grid).
         */
        static double erfc(double x) {
            double z = Math.abs(x);
            double t = 1 / (1 + 0.5 * z);
            double poly = -1.26551223
                    + t
                            * (1.00002368
                                    + t
                                            * (0.37409196
                                                    + t
                                                            * (0.09678418
                                                                    + t
                                                                            * (-0.18628806
                                                                                    + t
                                                                                            * (0.27886807
                                                                                                    + t
                                                                                                            * (-1.13520398
                                                                                                                    + t
                                                                                                                            * (1.48851587
                                                                                                                                    + t
                                                                                                                                            * (-0.82215223
                                                                                                                                                    + t
                                                                                                                                                            * 0.17087277))))))));
            double r = t * Math.exp(-z * z + poly);
            return x >= 0 ? r : 2 - r;
        }
    }

    private static Map<String, Double> sortDescending(Map<String, Double> m) {
        List<Map.Entry<String, Double>> entries = new ArrayList<>(m.entrySet());
        entries.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()));
        Map<String, Double> out = new LinkedHashMap<>();
        entries.forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
