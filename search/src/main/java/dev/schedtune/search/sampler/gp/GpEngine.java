package dev.schedtune.search.sampler.gp;

import dev.schedtune.search.distribution.Distribution;
import dev.schedtune.search.trial.ConditioningSet;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.trial.StudyView;
import dev.schedtune.search.trial.TrialState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One sample of a {@link GpSampler}: reads the trials the sampled one may condition on, fits the
 * Gaussian processes, builds the acquisition and maximises it. Holds nothing between samples, so the
 * sampler is thread-safe and its result a function of the conditioning set and the trial's random stream.
 */
final class GpEngine {
    /** Optuna's {@code EPS} for standardisation. */
    private static final double EPS = 1e-10;

    private final GpSampler sampler;

    GpEngine(GpSampler sampler) {
        this.sampler = sampler;
    }

    /** The trials the model learns from, their objective values, and the running ones. */
    record Observations(List<FrozenTrial> done, double[][] values, List<FrozenTrial> running) {}

    Observations observations(StudyView study, FrozenTrial trial) {
        ConditioningSet set = study.conditioningSet(trial, sampler.batchSize);
        int m = study.directions().size();
        List<FrozenTrial> done = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        List<FrozenTrial> running = new ArrayList<>();
        for (FrozenTrial t : set.trials()) {
            if (t.state() == TrialState.COMPLETE
                    && t.values() != null
                    && t.values().length() == m) {
                double[] v = t.values().toArray();
                if (!hasNaN(v)) {
                    done.add(t);
                    values.add(v);
                }
            } else if (t.state() == TrialState.PRUNED
                    && m == 1
                    && !t.intermediateValues().isEmpty()) {
                // One objective: a pruned trial counts with its last reported value (pessimistic, as it
                // would only have improved), so the model steers away from what was pruned.
                double[] v = t.intermediateValues().lastEntry().getValue().toArray();
                if (v.length == 1 && !hasNaN(v)) {
                    done.add(t);
                    values.add(v);
                }
            } else if (t.state() == TrialState.RUNNING && sampler.fantasizeRunning && !set.isReproducible()) {
                running.add(t);
            }
        }
        return new Observations(done, values.toArray(new double[0][]), running);
    }

    boolean ready(Observations obs) {
        return obs.done().size() >= Math.max(1, sampler.nStartupTrials);
    }

    Map<String, Distribution> searchSpace(Observations obs) {
        return SpaceModel.searchSpace(obs.done(), sampler.union);
    }

    Map<String, Double> sample(StudyView study, FrozenTrial trial, Observations obs) {
        SpaceModel space = SpaceModel.of(obs.done(), sampler.union);
        if (space.dimensions() == 0) {
            return Map.of();
        }
        int n = obs.done().size();
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            x[i] = space.encode(obs.done().get(i));
        }
        boolean[] categorical = space.categorical();
        List<StudyDirection> directions = study.directions();
        int m = directions.size();
        // Maximised, clipped, standardised objective values, one column per objective.
        double[][] y = new double[m][n];
        for (int j = 0; j < m; j++) {
            double sign = directions.get(j) == StudyDirection.MINIMIZE ? -1 : 1;
            for (int i = 0; i < n; i++) {
                y[j][i] = sign * obs.values()[i][j];
            }
            standardize(clipInfinite(y[j]));
        }
        List<GaussianProcess> objectives = new ArrayList<>();
        for (int j = 0; j < m; j++) {
            objectives.add(fit(x, y[j], categorical));
        }
        Constraints constraints = constraints(obs.done(), x, categorical);
        double[][] pending = pendingPoints(space, x, obs.running());
        if (pending.length > 0) {
            objectives = believe(objectives, pending);
            constraints = new Constraints(
                    believe(constraints.gps(), pending), constraints.thresholds(), constraints.feasible());
        }
        boolean[] feasible = constraints.feasible();
        List<Acquisition> parts = new ArrayList<>();
        List<double[]> incumbents = new ArrayList<>();
        if (m == 1) {
            int best = -1;
            for (int i = 0; i < n; i++) {
                if (feasible[i] && (best < 0 || y[0][i] > y[0][best])) {
                    best = i;
                }
            }
            if (best >= 0) {
                parts.add(Acquisition.logEi(objectives.get(0), y[0][best]));
                incumbents.add(x[best]);
            }
        } else {
            List<double[]> losses = new ArrayList<>();
            List<double[]> points = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (feasible[i]) {
                    double[] loss = new double[m];
                    for (int j = 0; j < m; j++) {
                        loss[j] = -y[j][i];
                    }
                    losses.add(loss);
                    points.add(x[i]);
                }
            }
            if (!losses.isEmpty()) {
                double[][] front = losses.toArray(new double[0][]);
                parts.add(Acquisition.logEhvi(objectives, NonDominatedBoxes.of(front, referencePoint(front))));
                for (int i = 0; i < front.length; i++) {
                    if (!dominated(front, i)) {
                        incumbents.add(points.get(i));
                    }
                }
            }
        }
        for (int c = 0; c < constraints.gps().size(); c++) {
            parts.add(Acquisition.logPi(constraints.gps().get(c), constraints.thresholds()[c]));
        }
        if (parts.isEmpty()) {
            return Map.of();
        }
        Acquisition acquisition = parts.size() == 1 ? parts.get(0) : Acquisition.sum(parts);
        List<Branch> branches = space.branches(List.of(x));
        SplittableRandom rng = sampler.random(study, trial.number(), "gp/acquisition");
        AcquisitionOptimizer.Candidate best =
                AcquisitionOptimizer.maximize(acquisition, branches, incumbents, sampler.optimizer, rng);
        return best.branch().params(best.genes());
    }

    private GaussianProcess fit(double[][] x, double[] y, boolean[] categorical) {
        KernelParams params = KernelFit.fit(x, y, categorical, sampler.deterministicObjective);
        try {
            return GaussianProcess.condition(params, categorical, x, y);
        } catch (IllegalStateException e) {
            return GaussianProcess.condition(KernelParams.defaults(categorical.length), categorical, x, y);
        }
    }

    /**
     * The points of the running trials that have every parameter all finished trials have (a trial
     * that has not suggested them yet says nothing about where it will be).
     */
    private static double[][] pendingPoints(SpaceModel space, double[][] x, List<FrozenTrial> running) {
        boolean[] root = new boolean[space.dimensions()];
        java.util.Arrays.fill(root, true);
        for (double[] row : x) {
            for (int k = 0; k < root.length; k++) {
                root[k] &= !Double.isNaN(row[k]);
            }
        }
        List<double[]> out = new ArrayList<>();
        for (FrozenTrial t : running) {
            double[] p = space.encode(t);
            boolean known = true;
            for (int k = 0; k < root.length; k++) {
                known &= !root[k] || !Double.isNaN(p[k]);
            }
            if (known) {
                out.add(p);
            }
        }
        return out.toArray(new double[0][]);
    }

    /** The processes conditioned on the running trials at their posterior means (the "kriging believer"). */
    private static List<GaussianProcess> believe(List<GaussianProcess> gps, double[][] pending) {
        List<GaussianProcess> out = new ArrayList<>();
        for (GaussianProcess gp : gps) {
            double[] means = new double[pending.length];
            for (int i = 0; i < pending.length; i++) {
                means[i] = gp.mean(pending[i]);
            }
            try {
                out.add(gp.with(pending, means));
            } catch (IllegalStateException e) {
                out.add(gp);
            }
        }
        return out;
    }

    /** A process per constraint (on the negated values, so feasible is high), thresholds, feasibility per trial. */
    record Constraints(List<GaussianProcess> gps, double[] thresholds, boolean[] feasible) {}

    private Constraints constraints(List<FrozenTrial> done, double[][] x, boolean[] categorical) {
        int n = done.size();
        int k = 0;
        for (FrozenTrial t : done) {
            k = Math.max(k, t.constraints().length());
        }
        boolean[] feasible = new boolean[n];
        java.util.Arrays.fill(feasible, true);
        if (k == 0) {
            return new Constraints(List.of(), new double[0], feasible);
        }
        // A trial without (all of) the constraints, in a study that has them, counts as infeasible (as TPE).
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            FrozenTrial t = done.get(i);
            boolean complete = t.constraints().length() == k;
            for (int c = 0; c < t.constraints().length(); c++) {
                complete &= Double.isFinite(t.constraints().get(c));
            }
            feasible[i] = complete && t.isFeasible();
            if (complete) {
                rows.add(i);
            }
        }
        List<GaussianProcess> gps = new ArrayList<>();
        double[] thresholds = new double[k];
        if (rows.isEmpty()) {
            return new Constraints(List.of(), new double[0], feasible);
        }
        double[][] cx = new double[rows.size()][];
        for (int r = 0; r < cx.length; r++) {
            cx[r] = x[rows.get(r)];
        }
        for (int c = 0; c < k; c++) {
            double[] v = new double[rows.size()];
            for (int r = 0; r < v.length; r++) {
                v[r] = -done.get(rows.get(r)).constraints().get(c);
            }
            double[] meanStd = standardize(v);
            thresholds[c] = -meanStd[0] / meanStd[1];
            gps.add(fit(cx, v, categorical));
        }
        return new Constraints(gps, thresholds, feasible);
    }

    /** Optuna's reference point: {@code max(1.1 w, 0.9 w)} of the worst value w per objective, nudged up. */
    static double[] referencePoint(double[][] losses) {
        int m = losses[0].length;
        double[] ref = new double[m];
        for (int j = 0; j < m; j++) {
            double w = Double.NEGATIVE_INFINITY;
            for (double[] l : losses) {
                w = Math.max(w, l[j]);
            }
            ref[j] = Math.nextUp(Math.max(1.1 * w, 0.9 * w));
        }
        return ref;
    }

    private static boolean dominated(double[][] points, int i) {
        for (int o = 0; o < points.length; o++) {
            if (o == i) {
                continue;
            }
            boolean noWorse = true;
            boolean better = false;
            for (int j = 0; j < points[i].length; j++) {
                noWorse &= points[o][j] <= points[i][j];
                better |= points[o][j] < points[i][j];
            }
            if (noWorse && better) {
                return true;
            }
        }
        return false;
    }

    /** Optuna's {@code warn_and_convert_inf}: infinite values become the column's finite extremes. */
    static double[] clipInfinite(double[] v) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double a : v) {
            if (Double.isFinite(a)) {
                lo = Math.min(lo, a);
                hi = Math.max(hi, a);
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 0;
        }
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.min(hi, Math.max(lo, v[i]));
        }
        return v;
    }

    /** Standardises in place (population standard deviation, at least {@code EPS}); returns {mean, std}. */
    static double[] standardize(double[] v) {
        double mean = 0;
        for (double a : v) {
            mean += a;
        }
        mean /= v.length;
        double var = 0;
        for (double a : v) {
            var += (a - mean) * (a - mean);
        }
        double std = Math.max(EPS, Math.sqrt(var / v.length));
        for (int i = 0; i < v.length; i++) {
            v[i] = (v[i] - mean) / std;
        }
        return new double[] {mean, std};
    }

    private static boolean hasNaN(double[] v) {
        for (double a : v) {
            if (Double.isNaN(a)) {
                return true;
            }
        }
        return false;
    }
}
