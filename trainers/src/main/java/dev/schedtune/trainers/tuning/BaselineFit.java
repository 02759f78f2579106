package dev.schedtune.trainers.tuning;

import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.dsl.template.Suggester;
import dev.schedtune.dsl.template.Template;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a baseline lies in a template's search space: the template parameters whose schedule is closest
 * to the baseline's over a run, if it is close enough. A baseline trial enqueued with these parameters
 * still trains the baseline's own schedule, but the sampler sees it as a point of the space it searches,
 * so the common defaults warm-start the search (a constant lr 0.1 is {@code family=constant, lr=0.1};
 * PyTorch's OneCycleLR is {@code family=one_cycle, max_lr=0.1, pct_start=0.3}) instead of being points the
 * sampler cannot place.
 *
 * <p>The template is asked through a {@link Suggester} that answers from a point of the unit cube, each
 * categorical choice in turn; for each branch a Halton design and then a shrinking pattern search minimise
 * the distance: per hyperparameter, the mean absolute difference over every step of the run divided by
 * the baseline's mean value, the largest over hyperparameters (which must be the same set). A baseline
 * whose best distance is above {@link #TOLERANCE} (a staircase MultiStepLR against smooth families, say)
 * gets no parameters. Deterministic; a few thousand schedule evaluations per baseline.
 */
final class BaselineFit {
    /**
     * Largest relative distance at which a baseline counts as a point of the space: an exponential decay
     * stepped once per epoch (StepLR) is within about 9 % of the smooth decay through the same points.
     */
    static final double TOLERANCE = 0.1;

    private static final int DESIGN_POINTS = 256;
    private static final int MAX_BRANCHES = 64;
    private static final double[] PRIMES = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37};

    private BaselineFit() {}

    /** The best fit's parameters (template values, categorical labels included) and its distance. */
    record Fit(Map<String, Object> params, double distance) {}

    /**
     * The template parameters that reproduce {@code baseline} over a run of {@code epochs} epochs of
     * {@code stepsPerEpoch} steps, or empty when no branch of the template comes within the tolerance.
     */
    static Optional<Fit> of(Template template, ScheduleUnits units, Baseline baseline, int stepsPerEpoch, int epochs) {
        ScheduleSet target = baseline.schedules(stepsPerEpoch, epochs);
        long steps = (long) stepsPerEpoch * epochs;
        Fit best = null;
        for (Map<String, String> branch : branches(template)) {
            Fit fit = fitBranch(template, units, branch, target, stepsPerEpoch, epochs, steps);
            if (fit != null && (best == null || fit.distance() < best.distance())) {
                best = fit;
            }
        }
        return best != null && best.distance() <= TOLERANCE ? Optional.of(best) : Optional.empty();
    }

    /** Every combination of categorical choices the template can take (up to {@link #MAX_BRANCHES}). */
    private static List<Map<String, String>> branches(Template template) {
        List<Map<String, String>> out = new ArrayList<>();
        Deque<Map<String, String>> todo = new ArrayDeque<>();
        todo.add(Map.of());
        while (!todo.isEmpty() && out.size() < MAX_BRANCHES) {
            Map<String, String> choices = todo.poll();
            PointSuggester s = new PointSuggester(choices, new double[0]);
            template.suggest(s);
            if (s.unchosen == null) {
                out.add(choices);
                continue;
            }
            for (String label : s.unchosenLabels) {
                Map<String, String> next = new LinkedHashMap<>(choices);
                next.put(s.unchosen, label);
                todo.add(next);
            }
        }
        return out;
    }

    private static Fit fitBranch(
            Template template,
            ScheduleUnits units,
            Map<String, String> branch,
            ScheduleSet target,
            int stepsPerEpoch,
            int epochs,
            long steps) {
        PointSuggester probe = new PointSuggester(branch, new double[0]);
        template.suggest(probe);
        int dims = probe.dims;
        double[] best = null;
        double bestDistance = Double.POSITIVE_INFINITY;
        int points = dims == 0 ? 1 : DESIGN_POINTS;
        for (int i = 1; i <= points; i++) {
            double[] u = new double[dims];
            for (int d = 0; d < dims; d++) {
                u[d] = halton(i, PRIMES[d % PRIMES.length]);
            }
            double dist = distance(template, units, branch, u, target, stepsPerEpoch, epochs, steps);
            if (dist < bestDistance) {
                bestDistance = dist;
                best = u;
            }
        }
        if (best == null) {
            return null;
        }
        for (double h = 0.05; h > 1e-5 && dims > 0; ) {
            boolean moved = false;
            for (int d = 0; d < dims; d++) {
                for (double sign : new double[] {1, -1}) {
                    double[] u = best.clone();
                    u[d] = Math.min(1, Math.max(0, u[d] + sign * h));
                    double dist = distance(template, units, branch, u, target, stepsPerEpoch, epochs, steps);
                    if (dist < bestDistance) {
                        bestDistance = dist;
                        best = u;
                        moved = true;
                    }
                }
            }
            if (!moved) {
                h /= 2;
            }
        }
        PointSuggester at = new PointSuggester(branch, best);
        Map<String, Object> values = template.suggest(at);
        return new Fit(values, bestDistance);
    }

    private static double distance(
            Template template,
            ScheduleUnits units,
            Map<String, String> branch,
            double[] u,
            ScheduleSet target,
            int stepsPerEpoch,
            int epochs,
            long steps) {
        ScheduleSet set;
        try {
            Map<String, Object> values = template.suggest(new PointSuggester(branch, u));
            set = units.toSteps(template.bindSet(values), stepsPerEpoch, epochs);
        } catch (IllegalArgumentException e) {
            return Double.POSITIVE_INFINITY; // a point the template rejects (a warmup longer than the run, say)
        }
        if (!set.names().equals(target.names())) {
            return Double.POSITIVE_INFINITY;
        }
        double worst = 0;
        for (String name : target.names()) {
            double diff = 0;
            double scale = 0;
            for (long s = 0; s < steps; s += stride(steps)) {
                double want = target.valueAt(name, s);
                diff += Math.abs(set.valueAt(name, s) - want);
                scale += Math.abs(want);
            }
            double rel = scale > 0 ? diff / scale : diff;
            if (!(rel <= worst)) {
                worst = rel; // NaN counts as worst
            }
        }
        return Double.isNaN(worst) ? Double.POSITIVE_INFINITY : worst;
    }

    /** Every step of a run up to 512 steps; evenly spaced ones beyond. */
    private static long stride(long steps) {
        return Math.max(1, steps / 512);
    }

    private static double halton(int index, double base) {
        double f = 1;
        double r = 0;
        for (int i = index; i > 0; i = (int) (i / base)) {
            f /= base;
            r += f * (i % base);
        }
        return r;
    }

    /**
     * Answers a template from a point of the unit cube (parameters in the order asked) and fixed
     * categorical choices; records the first categorical without a choice (answered with its first label).
     */
    private static final class PointSuggester implements Suggester {
        private final Map<String, String> choices;
        private final double[] point;
        int dims;
        String unchosen;
        List<String> unchosenLabels = List.of();

        PointSuggester(Map<String, String> choices, double[] point) {
            this.choices = choices;
            this.point = point;
        }

        private double next() {
            int i = dims++;
            return i < point.length ? point[i] : 0.5;
        }

        @Override
        public double suggestFloat(String name, double low, double high, double step, boolean log) {
            double u = next();
            if (log) {
                return Math.min(high, Math.max(low, Math.exp(Math.log(low) + u * (Math.log(high) - Math.log(low)))));
            }
            double v = low + u * (high - low);
            if (step > 0) {
                v = Math.min(high, low + Math.round((v - low) / step) * step);
            }
            return v;
        }

        @Override
        public long suggestInt(String name, long low, long high, long step, boolean log) {
            double u = next();
            double v = log ? Math.exp(Math.log(low) + u * (Math.log(high) - Math.log(low))) : low + u * (high - low);
            long s = Math.max(1, step);
            return Math.min(high, low + Math.round((v - low) / s) * s);
        }

        @Override
        public String suggestCategorical(String name, List<String> labels) {
            String chosen = choices.get(name);
            if (chosen != null) {
                return chosen;
            }
            if (unchosen == null) {
                unchosen = name;
                unchosenLabels = List.copyOf(labels);
            }
            return labels.get(0);
        }
    }
}
