package dev.schedtune.search.sampler.tpe;

import com.google.common.primitives.ImmutableDoubleArray;
import dev.schedtune.search.distribution.CategoricalDistribution;
import dev.schedtune.search.distribution.Distribution;
import dev.schedtune.search.distribution.FloatDistribution;
import dev.schedtune.search.distribution.IntDistribution;
import dev.schedtune.search.sampler.EngineCache;
import dev.schedtune.search.trial.ConditioningSet;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.trial.StudyTrials;
import dev.schedtune.search.trial.StudyView;
import dev.schedtune.search.trial.TrialState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A {@link TpeSampler}'s state for one study: the finished trials it has read, in incremental
 * structures, and the split of each trial being sampled. Reads only trials that are new or were
 * unfinished at the previous read.
 */
final class TpeEngine {
    private final TpeSampler sampler;
    private final List<StudyDirection> directions;
    private final boolean multiObjective;
    private final double[] signs;

    // --- the observation log (guarded by this) ---
    private int scanned;
    private final TreeSet<Integer> unfinished = new TreeSet<>();
    /** Counted trials (complete, and pruned for one objective), by number ascending. */
    private int[] counted = new int[16];

    private int countedSize;
    private final Map<String, ParamColumn> columns = new HashMap<>();
    /** Trials without constraints, by score (single objective). */
    private final ScoreOrder unconstrained = new ScoreOrder();
    /** Feasible constrained trials, by score (single objective). */
    private final ScoreOrder feasible = new ScoreOrder();
    /** Infeasible trials, by (violation, number). */
    private final ScoreOrder infeasible = new ScoreOrder();

    private final NondominatedLevels unconstrainedLevels = new NondominatedLevels();
    private final NondominatedLevels feasibleLevels = new NondominatedLevels();
    private boolean anyConstraints;
    private @Nullable Map<String, Distribution> intersection;
    private final List<TreeMap<String, Distribution>> groups = new ArrayList<>();

    private final Map<Integer, Split> splits = new HashMap<>();
    /** Scratch marks indexed by trial number, all zero between uses. */
    private int[] scratch = new int[64];
    /** Marks of the good trials of the split being used, indexed by number, all false between uses. */
    private boolean[] belowMarks = new boolean[64];

    TpeEngine(TpeSampler sampler, StudyView study) {
        this.sampler = sampler;
        this.directions = List.copyOf(study.directions());
        this.multiObjective = directions.size() > 1;
        this.signs = new double[directions.size()];
        for (int i = 0; i < signs.length; i++) {
            signs[i] = directions.get(i) == StudyDirection.MAXIMIZE ? -1 : 1;
        }
    }

    synchronized void forget(int trialNumber) {
        splits.remove(trialNumber);
    }

    /** The good/bad split of one trial, fixed at its first sample. */
    private static final class Split {
        final ConditioningSet set;
        final int n;
        /** Good trial numbers, ascending. */
        final int[] below;
        /** MOTPE weights of the good trials (aligned with {@link #below}), or null. */
        final double @Nullable [] belowWeights;

        Split(ConditioningSet set, int n, int[] below, double @Nullable [] belowWeights) {
            this.set = set;
            this.n = n;
            this.below = below;
            this.belowWeights = belowWeights;
        }
    }

    private Split split(StudyView study, FrozenTrial trial) {
        synchronized (this) {
            Split s = splits.get(trial.number());
            if (s != null) {
                return s;
            }
        }
        // May wait (reproducible mode) for earlier batches: outside the lock.
        ConditioningSet set = study.conditioningSet(trial, sampler.batchSize);
        synchronized (this) {
            Split s = splits.get(trial.number());
            if (s != null) {
                return s;
            }
            sync(set);
            s = computeSplit(set);
            splits.put(trial.number(), s);
            return s;
        }
    }

    // ---------------------------------------------------------------- observation log

    private void sync(ConditioningSet set) {
        StudyTrials snapshot = set.snapshot();
        int limit = set.isReproducible() ? Math.min(set.batchStart(), snapshot.size()) : snapshot.size();
        if (snapshot.size() < scanned) {
            // The study was deleted and created again under the same name: start over.
            throw new EngineCache.Stale();
        }
        if (!unfinished.isEmpty()) {
            List<Integer> done = new ArrayList<>();
            for (int number : unfinished.headSet(limit)) {
                FrozenTrial t = snapshot.get(number);
                if (t.state().isFinished()) {
                    ingest(t);
                    done.add(number);
                }
            }
            unfinished.removeAll(done);
        }
        for (int number = scanned; number < limit; number++) {
            FrozenTrial t = snapshot.get(number);
            if (t.state().isFinished()) {
                ingest(t);
            } else {
                unfinished.add(number);
            }
        }
        scanned = Math.max(scanned, limit);
    }

    private void ingest(FrozenTrial t) {
        // A trial told elsewhere (or never told here) no longer needs its cached split.
        splits.remove(t.number());
        TrialState state = t.state();
        if (state != TrialState.COMPLETE && state != TrialState.PRUNED) {
            return;
        }
        updateSearchSpaces(t);
        ImmutableDoubleArray values = t.values();
        boolean constrained = t.constraints().length() > 0;
        double violation = constrained ? t.constraintViolation() : 0;
        if (multiObjective) {
            if (state != TrialState.COMPLETE || values == null) {
                return;
            }
            double[] loss = new double[signs.length];
            for (int i = 0; i < loss.length; i++) {
                loss[i] = signs[i] * values.get(i);
            }
            if (!constrained) {
                unconstrainedLevels.add(t.number(), loss);
            } else if (violation > 0) {
                infeasible.add(violation, 0, t.number());
            } else {
                feasibleLevels.add(t.number(), loss);
            }
        } else {
            double key1;
            double key2;
            if (state == TrialState.COMPLETE) {
                if (values == null) {
                    return;
                }
                key1 = Double.NEGATIVE_INFINITY;
                key2 = signs[0] * values.get(0);
            } else if (t.intermediateValues().isEmpty()) {
                key1 = 1;
                key2 = 0;
            } else {
                Map.Entry<Long, ImmutableDoubleArray> last =
                        t.intermediateValues().lastEntry();
                double v = last.getValue().get(0);
                key1 = -last.getKey();
                key2 = Double.isNaN(v) ? Double.POSITIVE_INFINITY : signs[0] * v;
            }
            if (!constrained) {
                unconstrained.add(key1, key2, t.number());
            } else if (violation > 0) {
                infeasible.add(violation, 0, t.number());
            } else {
                feasible.add(key1, key2, t.number());
            }
        }
        anyConstraints |= constrained;
        addCounted(t.number());
        for (Map.Entry<String, Distribution> e : t.distributions().entrySet()) {
            Double internal = t.internalParams().get(e.getKey());
            if (internal != null) {
                columns.computeIfAbsent(columnKey(e.getKey(), e.getValue()), k -> new ParamColumn())
                        .add(t.number(), internal);
            }
        }
    }

    private void addCounted(int number) {
        if (countedSize == counted.length) {
            counted = Arrays.copyOf(counted, countedSize * 2);
        }
        int k = countedSize;
        while (k > 0 && counted[k - 1] > number) {
            k--;
        }
        System.arraycopy(counted, k, counted, k + 1, countedSize - k);
        counted[k] = number;
        countedSize++;
    }

    /** Observations of a parameter are shared by distributions of one kind (ranges may differ). */
    private static String columnKey(String name, Distribution d) {
        String kind;
        if (d instanceof FloatDistribution f) {
            kind = f.isLog() ? "float-log" : "float";
        } else if (d instanceof IntDistribution i) {
            kind = i.isLog() ? "int-log" : "int";
        } else {
            kind = "categorical" + ((CategoricalDistribution) d).choices();
        }
        return name + '\u0000' + kind;
    }

    // ---------------------------------------------------------------- split

    private Split computeSplit(ConditioningSet set) {
        int n = countedSize;
        if (n < sampler.nStartupTrials) {
            return new Split(set, n, new int[0], null);
        }
        int k = sampler.gamma.nBelow(n);
        if (k < 0 || k > n) {
            throw new IllegalArgumentException("gamma(" + n + ") = " + k + " must be in [0, " + n + "]");
        }
        if (!anyConstraints) {
            return multiObjective
                    ? moSplit(set, n, unconstrainedLevels, k)
                    : new Split(set, n, best(unconstrained, k), null);
        }
        // Feasible first; trials without constraints rank after the infeasible ones.
        int nFeasible = multiObjective ? feasibleLevels.size() : feasible.size();
        if (nFeasible <= k) {
            int[] good = new int[k];
            int filled = 0;
            if (multiObjective) {
                for (int level = 0; level < feasibleLevels.levelCount(); level++) {
                    for (int id : feasibleLevels.level(level)) {
                        good[filled++] = id;
                    }
                }
            } else {
                for (int i = 0; i < feasible.size(); i++) {
                    good[filled++] = feasible.numberAt(i);
                }
            }
            for (int i = 0; i < infeasible.size() && filled < k; i++) {
                good[filled++] = infeasible.numberAt(i);
            }
            int[] rest = multiObjective ? allLevelIds(unconstrainedLevels) : null;
            for (int i = 0; filled < k; i++) {
                good[filled++] = multiObjective ? rest[i] : unconstrained.numberAt(i);
            }
            Arrays.sort(good);
            if (!multiObjective) {
                return new Split(set, n, good, null);
            }
            return new Split(set, n, good, moWeights(good));
        }
        return multiObjective ? moSplit(set, n, feasibleLevels, k) : new Split(set, n, best(feasible, k), null);
    }

    private static int[] allLevelIds(NondominatedLevels levels) {
        int[] ids = new int[levels.size()];
        int f = 0;
        for (int level = 0; level < levels.levelCount(); level++) {
            for (int id : levels.level(level)) {
                ids[f++] = id;
            }
        }
        Arrays.sort(ids);
        return ids;
    }

    private static int[] best(ScoreOrder order, int k) {
        int[] good = new int[k];
        for (int i = 0; i < k; i++) {
            good[i] = order.numberAt(i);
        }
        Arrays.sort(good);
        return good;
    }

    private Split moSplit(ConditioningSet set, int n, NondominatedLevels levels, int k) {
        int[] good = HypervolumeSplit.best(levels, k);
        return new Split(set, n, good, moWeights(good));
    }

    /** MOTPE weights: hypervolume contributions among the feasible good trials, EPS for the others. */
    private double[] moWeights(int[] good) {
        double[] w = new double[good.length];
        Arrays.fill(w, HypervolumeSplit.EPS);
        int[] idx = new int[good.length];
        List<double[]> losses = new ArrayList<>();
        for (int i = 0; i < good.length; i++) {
            double[] loss = anyConstraints ? feasibleLevels.point(good[i]) : unconstrainedLevels.point(good[i]);
            if (loss != null) {
                idx[losses.size()] = i;
                losses.add(loss);
            }
        }
        double[] hv = HypervolumeSplit.weights(losses.toArray(new double[0][]));
        for (int j = 0; j < hv.length; j++) {
            w[idx[j]] = hv[j];
        }
        return w;
    }

    // ---------------------------------------------------------------- search spaces

    private void updateSearchSpaces(FrozenTrial t) {
        Map<String, Distribution> d = t.distributions();
        if (intersection == null) {
            intersection = new TreeMap<>(d);
        } else {
            intersection.entrySet().removeIf(e -> !e.getValue().equals(d.get(e.getKey())));
        }
        if (sampler.group) {
            TreeMap<String, Distribution> remaining = new TreeMap<>(d);
            List<TreeMap<String, Distribution>> next = new ArrayList<>();
            for (TreeMap<String, Distribution> g : groups) {
                TreeMap<String, Distribution> in = new TreeMap<>();
                TreeMap<String, Distribution> out = new TreeMap<>();
                for (Map.Entry<String, Distribution> e : g.entrySet()) {
                    if (d.containsKey(e.getKey())) {
                        in.put(e.getKey(), e.getValue());
                    } else {
                        out.put(e.getKey(), e.getValue());
                    }
                }
                if (!in.isEmpty()) {
                    next.add(in);
                }
                if (!out.isEmpty()) {
                    next.add(out);
                }
                remaining.keySet().removeAll(g.keySet());
            }
            if (!remaining.isEmpty()) {
                next.add(remaining);
            }
            groups.clear();
            groups.addAll(next);
        }
    }

    Map<String, Distribution> relativeSearchSpace(StudyView study, FrozenTrial trial) {
        if (trial.number() < sampler.nStartupTrials) {
            return Map.of();
        }
        Split s = split(study, trial);
        synchronized (this) {
            Map<String, Distribution> out = new LinkedHashMap<>();
            if (sampler.group) {
                for (TreeMap<String, Distribution> g : groups) {
                    g.forEach((name, d) -> {
                        if (!d.isSingle()) {
                            out.put(name, d);
                        }
                    });
                }
            } else if (intersection != null) {
                intersection.forEach((name, d) -> {
                    if (!d.isSingle()) {
                        out.put(name, d);
                    }
                });
            }
            if (s.n < sampler.nStartupTrials) {
                return Map.of();
            }
            return out;
        }
    }

    // ---------------------------------------------------------------- sampling

    double sampleIndependent(StudyView study, FrozenTrial trial, String name, Distribution distribution) {
        // Fewer trials precede this one than the startup needs: random, without waiting for any of them.
        if (trial.number() < sampler.nStartupTrials || distribution.isSingle()) {
            return sampler.startupValue(study, trial, name, distribution);
        }
        Split s = split(study, trial);
        if (s.n < sampler.nStartupTrials) {
            return sampler.startupValue(study, trial, name, distribution);
        }
        Observations below;
        Observations above;
        String key = columnKey(name, distribution);
        synchronized (this) {
            below = belowObservations(s, name, distribution);
            above = aboveObservations(s, key, name, distribution, trial.number());
        }
        SplittableRandom rng = sampler.random(study, trial.number(), "tpe/" + name);
        if (distribution instanceof CategoricalDistribution c) {
            TpeParameters p = sampler.parameters;
            CategoricalMixture l = new CategoricalMixture(c.size(), below.indices(), below.weights, p);
            CategoricalMixture g = new CategoricalMixture(c.size(), above.indices(), above.weights, p);
            int best = -1;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < sampler.nEiCandidates; i++) {
                int x = l.sampleKernel(l.drawKernel(rng), rng);
                double score = l.logProbability(x) - g.logProbability(x);
                if (best < 0 || score > bestScore) {
                    best = x;
                    bestScore = score;
                }
            }
            return best;
        }
        ModelDomain domain = ModelDomain.of(distribution);
        TpeParameters univariate = new TpeParameters(
                sampler.parameters.considerPrior(),
                sampler.parameters.priorWeight(),
                sampler.parameters.considerMagicClip(),
                sampler.parameters.considerEndpoints(),
                false);
        NumericMixture l =
                NumericMixture.univariate(domain, below.sortedModel(domain), below.sortedWeights(), univariate);
        NumericMixture g =
                NumericMixture.univariate(domain, above.sortedModel(domain), above.sortedWeights(), univariate);
        int k = sampler.nEiCandidates;
        double[] candidates = new double[k];
        double[] model = new double[k];
        for (int i = 0; i < k; i++) {
            candidates[i] = domain.fromModel(l.sampleKernel(l.drawKernel(rng), rng));
            model[i] = domain.toModel(candidates[i]);
        }
        double[] logL = l.logDensities(model);
        double[] logG = g.logDensities(model);
        int best = 0;
        for (int i = 1; i < k; i++) {
            if (logL[i] - logG[i] > logL[best] - logG[best]) {
                best = i;
            }
        }
        return candidates[best];
    }

    /** Observations of one parameter: internal values with their (unnormalised) weights. */
    private static final class Observations {
        final double[] values;
        final double[] weights;
        /** Whether {@link #values} is already ascending. */
        final boolean sorted;

        Observations(double[] values, double[] weights, boolean sorted) {
            this.values = values;
            this.weights = weights;
            this.sorted = sorted;
        }

        int[] indices() {
            int[] idx = new int[values.length];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = (int) values[i];
            }
            return idx;
        }

        private int @Nullable [] order() {
            if (sorted) {
                return null;
            }
            Integer[] boxed = new Integer[values.length];
            for (int i = 0; i < boxed.length; i++) {
                boxed[i] = i;
            }
            Arrays.sort(boxed, (a, b) -> Double.compare(values[a], values[b]));
            int[] order = new int[boxed.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = boxed[i];
            }
            return order;
        }

        double[] sortedModel(ModelDomain domain) {
            int[] order = order();
            double[] out = new double[values.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = domain.toModel(values[order == null ? i : order[i]]);
            }
            return out;
        }

        double[] sortedWeights() {
            int[] order = order();
            if (order == null) {
                return weights;
            }
            double[] out = new double[weights.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = weights[order[i]];
            }
            return out;
        }
    }

    private static boolean usable(FrozenTrial t, String name, Distribution current) {
        Double v = t.internalParams().get(name);
        Distribution d = t.distributions().get(name);
        return v != null && d != null && d.isCompatibleWith(current) && inRange(v, current);
    }

    private static boolean inRange(double v, Distribution d) {
        if (d instanceof FloatDistribution f) {
            return v >= f.low() && v <= f.high();
        }
        if (d instanceof IntDistribution i) {
            return v >= i.low() && v <= i.high();
        }
        return d.contains(v);
    }

    private Observations belowObservations(Split s, String name, Distribution distribution) {
        StudyTrials snapshot = s.set.snapshot();
        double[] values = new double[s.below.length];
        int count = 0;
        int[] kept = new int[s.below.length];
        for (int i = 0; i < s.below.length; i++) {
            FrozenTrial t = snapshot.get(s.below[i]);
            if (usable(t, name, distribution)) {
                kept[count] = i;
                values[count++] = t.internalParams().get(name);
            }
        }
        double[] w;
        if (s.belowWeights != null) {
            w = new double[count];
            for (int i = 0; i < count; i++) {
                w[i] = s.belowWeights[kept[i]];
            }
        } else {
            w = checkedWeights(count);
        }
        return new Observations(Arrays.copyOf(values, count), w, false);
    }

    private double[] checkedWeights(int n) {
        double[] w = sampler.weights.weights(n);
        if (w.length < n) {
            throw new IllegalArgumentException("weights(" + n + ") returned " + w.length + " values");
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            if (!(w[i] >= 0) || Double.isInfinite(w[i])) {
                throw new IllegalArgumentException(
                        "weights(" + n + ")[" + i + "] (" + w[i] + ") must be >= 0 and finite");
            }
            sum += w[i];
        }
        if (n > 0 && !(sum > 0)) {
            throw new IllegalArgumentException("weights(" + n + ") must not be all zero");
        }
        return w;
    }

    /** The bad group: every counted observation outside the good set, plus running ones under constant liar. */
    private Observations aboveObservations(Split s, String key, String name, Distribution distribution, int self) {
        ParamColumn column = columns.get(key);
        int size = column == null ? 0 : column.size();
        // Running trials (constant liar, one objective, default mode) count as the worst observations.
        double[] liarValues = new double[0];
        int[] liarNumbers = new int[0];
        if (sampler.constantLiar && !multiObjective && !s.set.isReproducible()) {
            List<double[]> running = new ArrayList<>();
            StudyTrials snapshot = s.set.snapshot();
            for (int number : unfinished) {
                if (number == self || number >= snapshot.size()) {
                    continue;
                }
                FrozenTrial t = snapshot.get(number);
                if (t.state() == TrialState.RUNNING && usable(t, name, distribution)) {
                    running.add(new double[] {t.internalParams().get(name), number});
                }
            }
            running.sort((a, b) -> Double.compare(a[0], b[0]));
            liarValues = new double[running.size()];
            liarNumbers = new int[running.size()];
            for (int i = 0; i < running.size(); i++) {
                liarValues[i] = running.get(i)[0];
                liarNumbers[i] = (int) running.get(i)[1];
            }
        }
        double low;
        double high;
        if (distribution instanceof FloatDistribution f) {
            low = f.low();
            high = f.high();
        } else if (distribution instanceof IntDistribution i) {
            low = i.low();
            high = i.high();
        } else {
            low = 0;
            high = ((CategoricalDistribution) distribution).size() - 1;
        }
        for (int b : s.below) {
            if (b >= belowMarks.length) {
                belowMarks = Arrays.copyOf(belowMarks, Math.max(b + 1, 2 * belowMarks.length));
            }
            belowMarks[b] = true;
        }
        double[] values = new double[size + liarValues.length];
        int[] numbers = new int[values.length];
        int count = 0;
        int lv = 0;
        for (int i = 0; i <= size; i++) {
            double v = i < size ? column.valueAt(i) : Double.POSITIVE_INFINITY;
            while (lv < liarValues.length && liarValues[lv] < v) {
                values[count] = liarValues[lv];
                numbers[count++] = liarNumbers[lv++];
            }
            if (i == size) {
                break;
            }
            int number = column.numberAtValueRank(i);
            if (v >= low && v <= high && !(number < belowMarks.length && belowMarks[number])) {
                values[count] = v;
                numbers[count++] = number;
            }
        }
        // Age order (trial number) of the kept observations, via a scratch array indexed by number.
        int maxNumber = -1;
        for (int i = 0; i < count; i++) {
            maxNumber = Math.max(maxNumber, numbers[i]);
        }
        if (scratch.length <= maxNumber) {
            scratch = new int[Math.max(maxNumber + 1, 2 * scratch.length)];
        }
        for (int i = 0; i < count; i++) {
            scratch[numbers[i]] = i + 1;
        }
        int[] liarByNumber = liarNumbers.clone();
        Arrays.sort(liarByNumber);
        int[] byAge = new int[count];
        int n = 0;
        int li = 0;
        for (int i = 0; i <= size; i++) {
            int number = i < size ? column.numberAt(i) : Integer.MAX_VALUE;
            while (li < liarByNumber.length && liarByNumber[li] < number) {
                byAge[n++] = scratch[liarByNumber[li++]] - 1;
            }
            if (i == size) {
                break;
            }
            if (number <= maxNumber && scratch[number] > 0) {
                byAge[n++] = scratch[number] - 1;
            }
        }
        for (int i = 0; i < count; i++) {
            scratch[numbers[i]] = 0;
        }
        for (int b : s.below) {
            belowMarks[b] = false;
        }
        double[] ageWeights = checkedWeights(n);
        double[] w = new double[count];
        for (int i = 0; i < n; i++) {
            w[byAge[i]] = ageWeights[i];
        }
        return new Observations(Arrays.copyOf(values, count), w, true);
    }

    Map<String, Double> sampleRelative(StudyView study, FrozenTrial trial, Map<String, Distribution> space) {
        if (trial.number() < sampler.nStartupTrials) {
            return Map.of();
        }
        Split s = split(study, trial);
        if (s.n < sampler.nStartupTrials) {
            return Map.of();
        }
        Map<String, Double> out = new LinkedHashMap<>();
        SplittableRandom rng = sampler.random(study, trial.number(), "tpe/relative");
        if (sampler.group) {
            List<List<String>> parts = new ArrayList<>();
            synchronized (this) {
                for (TreeMap<String, Distribution> g : groups) {
                    List<String> names = new ArrayList<>();
                    for (String name : g.keySet()) {
                        if (space.containsKey(name)) {
                            names.add(name);
                        }
                    }
                    if (!names.isEmpty()) {
                        parts.add(names);
                    }
                }
            }
            for (List<String> names : parts) {
                out.putAll(sampleJoint(s, names, space, rng, trial.number()));
            }
        } else {
            out.putAll(sampleJoint(s, new ArrayList<>(space.keySet()), space, rng, trial.number()));
        }
        return out;
    }

    private Map<String, Double> sampleJoint(
            Split s, List<String> names, Map<String, Distribution> space, SplittableRandom rng, int self) {
        int d = names.size();
        Distribution[] dists = new Distribution[d];
        ModelDomain[] domains = new ModelDomain[d];
        int[] choices = new int[d];
        for (int j = 0; j < d; j++) {
            dists[j] = space.get(names.get(j));
            if (dists[j] instanceof CategoricalDistribution c) {
                choices[j] = c.size();
            } else {
                domains[j] = ModelDomain.of(dists[j]);
            }
        }
        List<FrozenTrial> below = new ArrayList<>();
        List<FrozenTrial> above = new ArrayList<>();
        List<Double> belowW = new ArrayList<>();
        synchronized (this) {
            StudyTrials snapshot = s.set.snapshot();
            int[] numbers = Arrays.copyOf(counted, countedSize);
            List<Integer> all = new ArrayList<>();
            for (int number : numbers) {
                all.add(number);
            }
            if (sampler.constantLiar && !multiObjective && !s.set.isReproducible()) {
                for (int number : unfinished) {
                    if (number != self
                            && number < snapshot.size()
                            && snapshot.get(number).state() == TrialState.RUNNING) {
                        all.add(number);
                    }
                }
                all.sort(null);
            }
            for (int number : all) {
                FrozenTrial t = snapshot.get(number);
                boolean complete = true;
                for (int j = 0; j < d; j++) {
                    complete &= usable(t, names.get(j), dists[j]);
                }
                if (!complete) {
                    continue;
                }
                int b = Arrays.binarySearch(s.below, number);
                if (b >= 0) {
                    below.add(t);
                    belowW.add(s.belowWeights == null ? Double.NaN : s.belowWeights[b]);
                } else {
                    above.add(t);
                }
            }
        }
        double[] wBelow = new double[below.size()];
        if (s.belowWeights != null) {
            for (int i = 0; i < wBelow.length; i++) {
                wBelow[i] = belowW.get(i);
            }
        } else {
            wBelow = checkedWeights(below.size());
        }
        JointParzen l = new JointParzen(domains, choices, columnsOf(below, names, domains), wBelow, sampler.parameters);
        JointParzen g = new JointParzen(
                domains, choices, columnsOf(above, names, domains), checkedWeights(above.size()), sampler.parameters);
        double[][] samples = l.sample(rng, sampler.nEiCandidates);
        double[] logL = l.logDensities(samples);
        double[] logG = g.logDensities(samples);
        int best = 0;
        for (int i = 1; i < logL.length; i++) {
            if (logL[i] - logG[i] > logL[best] - logG[best]) {
                best = i;
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (int j = 0; j < d; j++) {
            out.put(names.get(j), samples[j][best]);
        }
        return out;
    }

    private static double[][] columnsOf(List<FrozenTrial> trials, List<String> names, ModelDomain[] domains) {
        double[][] out = new double[names.size()][trials.size()];
        for (int j = 0; j < names.size(); j++) {
            for (int i = 0; i < trials.size(); i++) {
                double v = trials.get(i).internalParams().get(names.get(j));
                out[j][i] = domains[j] != null ? domains[j].toModel(v) : v;
            }
        }
        return out;
    }
}
