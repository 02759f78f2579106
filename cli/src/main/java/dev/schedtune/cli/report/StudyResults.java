package dev.schedtune.cli.report;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.schedtune.search.analysis.Hypervolume;
import dev.schedtune.search.analysis.Pareto;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.trial.TrialState;
import dev.schedtune.trainers.tuning.Confirmation;
import dev.schedtune.trainers.tuning.TrialRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of a study's trials, analysed for people: counts by state, the Pareto front (or the best
 * trial), hypervolume, each trial's family, key parameters and accuracy. Objectives are compared after
 * turning every one into a minimised value; hypervolumes use objectives normalised to [0, 1] by the
 * range of the complete trials, with reference point 1.1 per objective.
 */
public final class StudyResults {
    /** Reference point of the normalised hypervolume, per objective. */
    public static final double REFERENCE = 1.1;

    /** The fail reason of trials cut short by Ctrl-C contains this. */
    public static final String INTERRUPTED_MARK = "TrialInterruptedException";

    private final String studyName;
    private final ImmutableList<FrozenTrial> trials;
    private final ImmutableList<StudyDirection> directions;
    private final ImmutableList<String> objectiveNames;
    private final @Nullable String familyParameter;
    private final ImmutableList<FrozenTrial> front;
    private final ImmutableMap<Integer, Confirmation> confirmations;

    private StudyResults(
            String studyName,
            List<FrozenTrial> trials,
            List<StudyDirection> directions,
            List<String> objectiveNames,
            @Nullable String familyParameter,
            Map<Integer, Confirmation> confirmations) {
        this.confirmations = ImmutableMap.copyOf(confirmations);
        this.studyName = studyName;
        this.trials = ImmutableList.copyOf(trials);
        this.directions = ImmutableList.copyOf(directions);
        this.objectiveNames = ImmutableList.copyOf(objectiveNames);
        this.familyParameter = familyParameter;
        List<FrozenTrial> best = new ArrayList<>(Pareto.bestTrials(trials, directions));
        best.sort(Comparator.comparingDouble((FrozenTrial t) -> sortKey(t)).thenComparingInt(FrozenTrial::number));
        this.front = ImmutableList.copyOf(best);
    }

    /**
     * Results of {@code trials} of study {@code studyName}. {@code objectiveNames} has one name per
     * direction (empty: "value" or "objective 0", "objective 1", ...); {@code familyParameter} is the
     * template's root choice, if known.
     */
    public static StudyResults of(
            String studyName,
            List<FrozenTrial> trials,
            List<StudyDirection> directions,
            List<String> objectiveNames,
            @Nullable String familyParameter) {
        List<String> names = objectiveNames;
        if (names.size() != directions.size()) {
            names = new ArrayList<>();
            for (int i = 0; i < directions.size(); i++) {
                names.add(directions.size() == 1 ? "value" : "objective " + i);
            }
        }
        return new StudyResults(studyName, trials, directions, names, familyParameter, Map.of());
    }

    /**
     * These results with the test-split confirmations stored with the study ({@link
     * Confirmation#read(Map)} of its system attributes).
     */
    public StudyResults withConfirmations(Map<Integer, Confirmation> confirmations) {
        return new StudyResults(studyName, trials, directions, objectiveNames, familyParameter, confirmations);
    }

    /** The test-split confirmation of trial {@code t}, if it has one. */
    public Optional<Confirmation> confirmation(FrozenTrial t) {
        return Optional.ofNullable(confirmations.get(t.number()));
    }

    /** Whether {@code t} trained a baseline rather than a searched schedule. */
    public boolean isBaseline(FrozenTrial t) {
        return TrialRecord.from(t).isBaseline();
    }

    /**
     * The baseline trials that completed, one per baseline (its latest complete trial, when an interrupted
     * one was run again), in trial order.
     */
    public List<FrozenTrial> baselines() {
        Map<String, FrozenTrial> latest = new LinkedHashMap<>();
        for (FrozenTrial t : trials) {
            TrialRecord r = TrialRecord.from(t);
            if (r.isBaseline() && t.state() == TrialState.COMPLETE && t.values() != null) {
                latest.put(r.baseline().orElseThrow(), t);
            }
        }
        List<FrozenTrial> out = new ArrayList<>(latest.values());
        out.sort(Comparator.comparingInt(FrozenTrial::number));
        return out;
    }

    /** The trials a confirmation re-trains: the Pareto trials, then the baselines not on the front. */
    public List<FrozenTrial> toConfirm() {
        List<FrozenTrial> out = new ArrayList<>(front);
        for (FrozenTrial b : baselines()) {
            if (!out.contains(b)) {
                out.add(b);
            }
        }
        return out;
    }

    private double sortKey(FrozenTrial t) {
        // the Pareto table reads best from fast to slow when seconds is an objective, else by objective 0
        int seconds = objectiveNames.indexOf("seconds");
        int i = seconds >= 0 ? seconds : 0;
        return minimized(t)[i];
    }

    public String studyName() {
        return studyName;
    }

    public List<FrozenTrial> trials() {
        return trials;
    }

    public List<StudyDirection> directions() {
        return directions;
    }

    public List<String> objectiveNames() {
        return objectiveNames;
    }

    public @Nullable String familyParameter() {
        return familyParameter;
    }

    /** The best trials: the Pareto front (several objectives) or the best trial (one), fastest first. */
    public List<FrozenTrial> front() {
        return front;
    }

    public boolean isMultiObjective() {
        return directions.size() > 1;
    }

    public long count(TrialState state) {
        return trials.stream().filter(t -> t.state() == state).count();
    }

    /**
     * "27 complete, 2 pruned, 1 failed[, 1 interrupted][, 1 running][, 1 waiting]": every trial in one of
     * them, so they add up to the number of trials (RUNNING: a trial of a worker that died, or that still
     * runs elsewhere).
     */
    public String countsText() {
        long running = count(TrialState.RUNNING);
        long waiting = count(TrialState.WAITING);
        return count(TrialState.COMPLETE) + " complete, " + count(TrialState.PRUNED) + " pruned, " + failed()
                + " failed" + (interrupted() > 0 ? ", " + interrupted() + " interrupted" : "")
                + (running > 0 ? ", " + running + " running" : "")
                + (waiting > 0 ? ", " + waiting + " waiting" : "");
    }

    /** FAIL trials that really failed (not cut short by Ctrl-C). */
    public long failed() {
        return trials.stream()
                .filter(t -> t.state() == TrialState.FAIL && !isInterrupted(t))
                .count();
    }

    /** Trials cut short by Ctrl-C (recorded as FAIL). */
    public long interrupted() {
        return trials.stream().filter(StudyResults::isInterrupted).count();
    }

    /**
     * Trials that ran to their end and count against the budget: complete, pruned or failed, neither
     * interrupted nor re-run as the retry of a dead worker's trial (the retry counts instead).
     */
    public long done() {
        java.util.Set<Integer> retried = Retried.numbers(trials);
        long failedAndRetried = trials.stream()
                .filter(t -> t.state() == TrialState.FAIL && !isInterrupted(t) && retried.contains(t.number()))
                .count();
        return count(TrialState.COMPLETE) + count(TrialState.PRUNED) + failed() - failedAndRetried;
    }

    public static boolean isInterrupted(FrozenTrial t) {
        Object reason = t.systemAttrs().get(FrozenTrial.FAIL_REASON_KEY);
        return t.state() == TrialState.FAIL
                && reason != null
                && reason.toString().contains(INTERRUPTED_MARK);
    }

    /** Why a FAIL trial failed, or "". */
    public static String failReason(FrozenTrial t) {
        Object reason = t.systemAttrs().get(FrozenTrial.FAIL_REASON_KEY);
        if (reason == null) {
            return "";
        }
        String r = reason.toString();
        // "java.lang.IllegalArgumentException: message" reads better as "message"
        int colon = r.indexOf(": ");
        return colon > 0 && r.substring(0, colon).matches("[\\w.$]+") ? r.substring(colon + 2) : r;
    }

    /** The trial's objective values turned into minimised ones (maximised objectives negated). */
    public double[] minimized(FrozenTrial t) {
        return t.values() == null
                ? new double[0]
                : Pareto.minimized(java.util.Objects.requireNonNull(t.values()), directions);
    }

    /** The COMPLETE trials with values, in number order. */
    public List<FrozenTrial> complete() {
        List<FrozenTrial> out = new ArrayList<>();
        for (FrozenTrial t : trials) {
            if (t.state() == TrialState.COMPLETE && t.values() != null) {
                out.add(t);
            }
        }
        return out;
    }

    /**
     * The complete trials that count for hypervolumes and the best value: those with finite values (an
     * Optuna study may hold a COMPLETE trial told {@code inf}), and of them the feasible ones (every
     * constraint {@code <= 0}), or all if none is feasible.
     */
    public List<FrozenTrial> counted() {
        List<FrozenTrial> finite = new ArrayList<>();
        List<FrozenTrial> feasible = new ArrayList<>();
        for (FrozenTrial t : complete()) {
            if (Arrays.stream(minimized(t)).allMatch(Double::isFinite)) {
                finite.add(t);
                if (t.isFeasible()) {
                    feasible.add(t);
                }
            }
        }
        return feasible.isEmpty() ? finite : feasible;
    }

    /**
     * The counted trial with the best value of the first objective (the report's "best" chip): never a trial
     * without a finite value, nor an infeasible one while a feasible one exists.
     */
    public Optional<FrozenTrial> bestOfFirstObjective() {
        @Nullable FrozenTrial best = null;
        for (FrozenTrial t : counted()) {
            if (best == null || minimized(t)[0] < minimized(best)[0]) {
                best = t;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Per objective, the lowest and highest minimised value of the counted trials (null without any). */
    public double @Nullable [][] bounds() {
        List<FrozenTrial> complete = counted();
        if (complete.isEmpty()) {
            return null;
        }
        int k = directions.size();
        double[] lower = new double[k];
        double[] upper = new double[k];
        Arrays.fill(lower, Double.POSITIVE_INFINITY);
        Arrays.fill(upper, Double.NEGATIVE_INFINITY);
        for (FrozenTrial t : complete) {
            double[] v = minimized(t);
            for (int i = 0; i < k; i++) {
                lower[i] = Math.min(lower[i], v[i]);
                upper[i] = Math.max(upper[i], v[i]);
            }
        }
        for (int i = 0; i < k; i++) {
            if (!(upper[i] > lower[i])) {
                // one distinct value: any positive span normalises it to 0
                upper[i] = lower[i] + Math.max(1e-12, Math.abs(lower[i]) * 1e-9);
            }
        }
        return new double[][] {lower, upper};
    }

    /** The hypervolume of the front, normalised by {@link #bounds()}; NaN without complete trials. */
    public double hypervolume() {
        double[][] b = bounds();
        return b == null ? Double.NaN : hypervolume(counted(), b[0], b[1]);
    }

    /**
     * The hypervolume of {@code trials}' complete points with finite values (and, if any of them is,
     * feasible), normalised by lower/upper.
     */
    public double hypervolume(List<FrozenTrial> trials, double[] lower, double[] upper) {
        List<FrozenTrial> usable = new ArrayList<>();
        for (FrozenTrial t : trials) {
            if (t.state() == TrialState.COMPLETE
                    && t.values() != null
                    && Arrays.stream(minimized(t)).allMatch(Double::isFinite)) {
                usable.add(t);
            }
        }
        boolean anyFeasible = usable.stream().anyMatch(FrozenTrial::isFeasible);
        List<double[]> points = new ArrayList<>();
        for (FrozenTrial t : usable) {
            if (t.isFeasible() || !anyFeasible) {
                points.add(minimized(t));
            }
        }
        if (points.isEmpty()) {
            return 0;
        }
        double[] ref = new double[directions.size()];
        Arrays.fill(ref, REFERENCE);
        return Hypervolume.computeNormalized(points.toArray(new double[0][]), lower, upper, ref);
    }

    /**
     * Hypervolume after each trial number (of the counted trials numbered up to it), with this study's
     * final normalisation, so the curve never decreases once a feasible trial exists.
     */
    public double[] hypervolumeHistory() {
        double[][] b = bounds();
        double[] out = new double[trials.size()];
        if (b == null) {
            return out;
        }
        double[] ref = new double[directions.size()];
        Arrays.fill(ref, REFERENCE);
        Set<FrozenTrial> counted = Collections.newSetFromMap(new IdentityHashMap<>());
        counted.addAll(counted());
        // A point no better than one counted before (weakly dominated) leaves the hypervolume as it was, and
        // the points it dominates add nothing once it is there: so only the front so far is kept, and the
        // hypervolume is computed again only when the front moves (a few dozen times, not once per trial).
        List<double[]> front = new ArrayList<>();
        double last = 0;
        for (int i = 0; i < trials.size(); i++) {
            FrozenTrial t = trials.get(i);
            if (counted.contains(t)) {
                double[] p = minimized(t);
                if (front.stream().noneMatch(q -> weaklyDominates(q, p))) {
                    front.removeIf(q -> weaklyDominates(p, q));
                    front.add(p);
                    last = Hypervolume.computeNormalized(front.toArray(new double[0][]), b[0], b[1], ref);
                }
            }
            out[i] = last;
        }
        return out;
    }

    /** Whether minimised vector {@code a} is no worse than {@code b} in every objective. */
    private static boolean weaklyDominates(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            if (!(a[i] <= b[i])) {
                return false;
            }
        }
        return true;
    }

    /** The trial's family (the template's root choice), or "" if the template has none. */
    public String family(FrozenTrial t) {
        Object f = TrialRecord.from(t).family().orElse(null);
        if (f == null && familyParameter != null) {
            f = t.params().get(familyParameter);
        }
        return f == null ? "" : f.toString();
    }

    /** The trial's parameters other than the family, in the order suggested. */
    public Map<String, @Nullable Object> keyParams(FrozenTrial t) {
        Map<String, @Nullable Object> out = new LinkedHashMap<>();
        t.params().forEach((k, v) -> {
            if (!k.equals(familyParameter)) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** The final validation accuracy recorded by the trial, or NaN. */
    public static double accuracy(FrozenTrial t) {
        return TrialRecord.from(t).accuracy().orElse(Double.NaN);
    }

    /** The objective {@code name}'s value of {@code t}, or NaN. */
    public double value(FrozenTrial t, String name) {
        int i = objectiveNames.indexOf(name);
        return i < 0 || t.values() == null
                ? Double.NaN
                : java.util.Objects.requireNonNull(t.values()).get(i);
    }

    /** A short number for tables: 4 significant digits, no exponent for ordinary magnitudes. */
    public static String format(@Nullable Object value) {
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                return String.valueOf(d);
            }
            if (d == Math.rint(d) && Math.abs(d) < 1e6) {
                return String.format(Locale.ROOT, "%.1f", d);
            }
            double a = Math.abs(d);
            if (a >= 1e-3 && a < 1e5) {
                String s = String.format(Locale.ROOT, "%.4g", d);
                return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
            }
            return String.format(Locale.ROOT, "%.3e", d);
        }
        return String.valueOf(value);
    }
}
