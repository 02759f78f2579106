package dev.schedtune.search;

import com.google.common.primitives.ImmutableDoubleArray;
import dev.schedtune.search.distribution.CategoricalDistribution;
import dev.schedtune.search.distribution.Distribution;
import dev.schedtune.search.distribution.FloatDistribution;
import dev.schedtune.search.distribution.IntDistribution;
import dev.schedtune.search.internal.Checks;
import dev.schedtune.search.internal.Json;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.TrialState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A running trial: the objective suggests parameters (define-by-run: which parameters exist may depend on
 * earlier ones), reports intermediate values, asks whether to prune, and sets attributes and constraints.
 *
 * <p>Suggesting a parameter twice in one trial returns the first value, if the range is the same; another
 * range is an error. A trial object belongs to one thread at a time.
 */
public final class Trial {
    private final Study study;
    private final int number;
    private final long trialId;
    private final @Nullable Instant datetimeStart;
    private final Map<String, Double> internal = new LinkedHashMap<>();
    private final Map<String, Distribution> distributions = new LinkedHashMap<>();
    private final TreeMap<Long, ImmutableDoubleArray> intermediate = new TreeMap<>();
    private final Map<String, @Nullable Object> userAttrs = new LinkedHashMap<>();
    /** Written by the owning thread and by samplers/pruners through the study view: guarded by itself. */
    private final Map<String, @Nullable Object> systemAttrs = new LinkedHashMap<>();

    private final Map<String, @Nullable Object> fixedParams;
    private final Map<String, Distribution> relativeSpace;
    private final Map<String, Double> relativeParams;
    private final List<String> constraintNames = new ArrayList<>();
    private final List<Double> constraintValues = new ArrayList<>();
    private volatile @Nullable TrialState finishedAs;

    Trial(Study study, FrozenTrial start) {
        this.study = study;
        this.number = start.number();
        this.trialId = start.trialId();
        this.datetimeStart = start.datetimeStart();
        this.userAttrs.putAll(start.userAttrs());
        synchronized (systemAttrs) {
            this.systemAttrs.putAll(start.systemAttrs());
        }
        Object fixed = start.systemAttrs().get(FrozenTrial.FIXED_PARAMS_KEY);
        Map<String, @Nullable Object> f = new LinkedHashMap<>();
        if (fixed instanceof Map<?, ?>) {
            ((Map<?, ?>) fixed).forEach((k, v) -> f.put(String.valueOf(k), v));
        }
        this.fixedParams = Collections.unmodifiableMap(f);
        this.relativeSpace = new LinkedHashMap<>();
        this.relativeParams = new LinkedHashMap<>();
    }

    void setRelative(Map<String, Distribution> space, Map<String, Double> params) {
        relativeSpace.putAll(space);
        relativeParams.putAll(params);
    }

    /** The trial's number in its study (0, 1, 2, ...). */
    public int number() {
        return number;
    }

    public String studyName() {
        return study.name();
    }

    /** The study this trial belongs to (as Optuna's {@code trial.study}). */
    public Study study() {
        return study;
    }

    public @Nullable Instant datetimeStart() {
        return datetimeStart;
    }

    // ---- suggestions -------------------------------------------------------------------------------

    /** A float in {@code [low, high]}, uniform. */
    public double suggestFloat(String name, double low, double high) {
        return (Double) suggest(name, range(name, () -> FloatDistribution.of(low, high)));
    }

    /** A float in {@code [low, high]}, uniform in log space ({@code low > 0}). */
    public double suggestFloatLog(String name, double low, double high) {
        return (Double) suggest(name, range(name, () -> FloatDistribution.log(low, high)));
    }

    /** A float on the grid {@code low, low + step, ...} up to {@code high}. */
    public double suggestFloatStep(String name, double low, double high, double step) {
        return (Double) suggest(name, range(name, () -> FloatDistribution.stepped(low, high, step)));
    }

    /** An integer in {@code [low, high]}. */
    public int suggestInt(String name, int low, int high) {
        return Math.toIntExact((Long) suggest(name, range(name, () -> IntDistribution.of(low, high))));
    }

    /** An integer in {@code [low, high]}, uniform in log space ({@code low >= 1}). */
    public int suggestIntLog(String name, int low, int high) {
        return Math.toIntExact((Long) suggest(name, range(name, () -> IntDistribution.log(low, high))));
    }

    /** An integer on the grid {@code low, low + step, ...} up to {@code high}. */
    public int suggestIntStep(String name, int low, int high, int step) {
        return Math.toIntExact((Long) suggest(name, range(name, () -> IntDistribution.stepped(low, high, step))));
    }

    /** A long integer in {@code [low, high]}. */
    public long suggestLong(String name, long low, long high) {
        return (Long) suggest(name, range(name, () -> IntDistribution.of(low, high)));
    }

    /**
     * One of {@code choices} (each null, a Boolean, a number, a String or an enum), returned as the very
     * element of the list.
     */
    public <T extends @Nullable Object> T suggestCategorical(String name, List<T> choices) {
        CategoricalDistribution d = categorical(name, choices);
        suggest(name, d);
        return choices.get((int) Math.rint(internal.get(name)));
    }

    /** One of {@code choices}; see {@link #suggestCategorical(String, List)}. */
    @SafeVarargs
    @SuppressWarnings("varargs")
    public final <T extends @Nullable Object> T suggestCategorical(String name, T... choices) {
        return suggestCategorical(name, Arrays.asList(choices));
    }

    /** One constant of an enum, stored as its name. */
    public <E extends Enum<E>> E suggestEnum(String name, Class<E> type) {
        return suggestCategorical(name, Arrays.asList(type.getEnumConstants()));
    }

    /** {@code true} or {@code false}. */
    public boolean suggestBoolean(String name) {
        return suggestCategorical(name, List.of(false, true));
    }

    /**
     * A value from any distribution, in external form (Double, Long or a choice in normal form).
     *
     * @throws IllegalArgumentException if the parameter was suggested before with another distribution
     * @throws IllegalStateException if the trial is finished
     */
    public @Nullable Object suggest(String name, Distribution distribution) {
        Checks.checkName(name, "parameter name");
        checkRunning();
        Distribution known = distributions.get(name);
        if (known != null) {
            if (!known.equals(distribution)) {
                throw new IllegalArgumentException("parameter '" + name + "' of trial " + number
                        + " was suggested as " + known.describe() + "; it cannot be re-suggested as "
                        + distribution.describe());
            }
            return known.toExternal(internal.get(name));
        }
        study.checkCompatible(name, distribution);
        double value;
        if (fixedParams.containsKey(name)) {
            try {
                value = distribution.toInternal(fixedParams.get(name));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "enqueued value of parameter '" + name + "' of trial " + number + ": " + e.getMessage(), e);
            }
        } else if (distribution.isSingle()) {
            value = distribution.fromUnit(0);
        } else if (relativeParams.containsKey(name)
                && distribution.equals(relativeSpace.get(name))
                && distribution.contains(relativeParams.get(name))) {
            value = relativeParams.get(name);
        } else {
            value = study.sampleIndependent(snapshot(TrialState.RUNNING), name, distribution);
            if (!distribution.contains(value)) {
                throw new IllegalStateException("sampler " + study.sampler() + " returned " + value + " for parameter '"
                        + name + "', outside " + distribution.describe());
            }
        }
        study.storage().setTrialParam(study.studyId(), number, name, value, distribution);
        internal.put(name, value);
        distributions.put(name, distribution);
        return distribution.toExternal(value);
    }

    private interface RangeFactory {
        Distribution make();
    }

    private static Distribution range(String name, RangeFactory f) {
        try {
            return f.make();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parameter '" + name + "': " + e.getMessage(), e);
        }
    }

    private static CategoricalDistribution categorical(String name, List<?> choices) {
        try {
            return CategoricalDistribution.of(choices);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parameter '" + name + "': " + e.getMessage(), e);
        }
    }

    // ---- reports and pruning -----------------------------------------------------------------------

    /** Reports the objective's intermediate value at {@code step} (single-objective studies). */
    public void report(long step, double value) {
        report(step, new double[] {value});
    }

    /**
     * Reports one intermediate value per objective at {@code step}. The first report of a step counts;
     * later ones for the same step are ignored (as in Optuna). NaN and infinities are stored as given.
     */
    public void report(long step, double... values) {
        checkRunning();
        Checks.checkNonNegative(step, "step");
        int k = study.directions().size();
        if (values.length != k) {
            throw new IllegalArgumentException("trial " + number + " reported " + values.length + " values at step "
                    + step + " but the study has " + k + " objectives");
        }
        if (intermediate.containsKey(step)) {
            return;
        }
        ImmutableDoubleArray v = Study.withoutNegativeZero(values);
        study.storage().setTrialIntermediateValue(study.studyId(), number, step, v);
        intermediate.put(step, v);
    }

    /** Whether the study's pruner says this trial should stop now (then throw {@link TrialPrunedException}). */
    public boolean shouldPrune() {
        checkRunning();
        return study.pruner().prune(study.view(), snapshot(TrialState.RUNNING));
    }

    // ---- attributes and constraints ----------------------------------------------------------------

    /** Sets a user attribute (any JSON-representable value); stored with the trial. */
    public void setUserAttr(String key, @Nullable Object value) {
        Checks.checkName(key, "user attr key");
        checkRunning();
        Object v = Json.normalize(value, "user attr '" + key + "'");
        study.storage().setTrialUserAttr(study.studyId(), number, key, v);
        userAttrs.put(key, v);
    }

    /**
     * Sets a constraint value; the trial is feasible iff all its constraints are {@code <= 0}. Constraints
     * keep the order in which they were first set.
     */
    public void setConstraint(String name, double value) {
        Checks.checkName(name, "constraint name");
        checkRunning();
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException("constraint '" + name + "' of trial " + number + " is NaN");
        }
        value += 0.0; // -0.0 becomes 0.0: databases do not keep the sign of zero
        int i = constraintNames.indexOf(name);
        if (i < 0) {
            constraintNames.add(name);
            constraintValues.add(value);
        } else {
            constraintValues.set(i, value);
        }
        Object values = Json.normalize(constraintValues, "constraints");
        Object names = Json.normalize(constraintNames, "constraint names");
        study.storage().setTrialSystemAttr(study.studyId(), number, FrozenTrial.CONSTRAINTS_KEY, values);
        study.storage().setTrialSystemAttr(study.studyId(), number, FrozenTrial.CONSTRAINT_NAMES_KEY, names);
        putSystemAttr(FrozenTrial.CONSTRAINTS_KEY, values);
        putSystemAttr(FrozenTrial.CONSTRAINT_NAMES_KEY, names);
    }

    /** Parameters suggested so far, external form, in suggestion order. */
    public Map<String, @Nullable Object> params() {
        return snapshot(TrialState.RUNNING).params();
    }

    public Map<String, Distribution> distributions() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(distributions));
    }

    public Map<String, @Nullable Object> userAttrs() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(userAttrs));
    }

    /** The trial as it stands, as a snapshot. */
    public FrozenTrial snapshot() {
        TrialState s = finishedAs;
        return snapshot(s == null ? TrialState.RUNNING : s);
    }

    FrozenTrial snapshot(TrialState state) {
        FrozenTrial.Builder b =
                FrozenTrial.builder(number, state).trialId(trialId).datetimeStart(datetimeStart);
        internal.forEach((k, v) -> b.param(k, v, distributions.get(k)));
        intermediate.forEach(b::intermediateValue);
        userAttrs.forEach(b::userAttr);
        synchronized (systemAttrs) {
            systemAttrs.forEach(b::systemAttr);
        }
        return b.build();
    }

    /** Mirrors a system attribute already written to storage (by a sampler or pruner). */
    void putSystemAttr(String key, @Nullable Object value) {
        synchronized (systemAttrs) {
            systemAttrs.put(key, value);
        }
    }

    /** Whether the trial has been told. */
    public boolean isFinished() {
        return finishedAs != null;
    }

    void markFinished(TrialState state) {
        finishedAs = state;
    }

    private void checkRunning() {
        TrialState s = finishedAs;
        if (s != null) {
            throw new IllegalStateException("trial " + number + " of study '" + study.name() + "' is finished (" + s
                    + "); it cannot be changed");
        }
    }

    @Override
    public String toString() {
        return "Trial{number=" + number + ", params=" + params() + "}";
    }
}
