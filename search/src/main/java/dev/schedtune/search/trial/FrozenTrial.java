package dev.schedtune.search.trial;

import com.google.common.collect.ImmutableSortedMap;
import com.google.common.primitives.ImmutableDoubleArray;
import dev.schedtune.search.distribution.Distribution;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * An immutable snapshot of a trial as stored: what samplers, pruners, callbacks and analysis read.
 *
 * <p>Parameters are kept in both forms: {@link #params()} holds the external values the objective saw
 * ({@link Double}, {@link Long} or a categorical choice in normal form), {@link #internalParams()} the
 * doubles samplers work on, and {@link #distributions()} the range of each. Maps iterate in the order the
 * parameters were suggested (storages that cannot keep it use name order).
 *
 * <p>Constraints are the system attribute {@value #CONSTRAINTS_KEY} (a list of numbers, as Optuna stores
 * them); a trial is feasible iff every constraint is {@code <= 0}.
 */
public final class FrozenTrial {
    /** System attribute holding the constraint values (Optuna's key). */
    public static final String CONSTRAINTS_KEY = "constraints";
    /** System attribute holding the constraint names, in the order of {@link #CONSTRAINTS_KEY}. */
    public static final String CONSTRAINT_NAMES_KEY = "schedtune:constraint_names";
    /** System attribute holding the reason a trial failed. */
    public static final String FAIL_REASON_KEY = "schedtune:fail_reason";
    /** System attribute holding the parameters an enqueued trial must use (Optuna's key). */
    public static final String FIXED_PARAMS_KEY = "fixed_params";

    private final int number;
    private final long trialId;
    private final TrialState state;
    private final @Nullable ImmutableDoubleArray values;
    private final @Nullable Instant datetimeStart;
    private final @Nullable Instant datetimeComplete;
    // Maps are never mutated once a trial is built: builders copy a map before their first change to it
    // (copy-on-write), so trials that differ in one map share all the others.
    private final Map<String, Double> internalParams;
    private final Map<String, Distribution> distributions;
    private final NavigableMap<Long, ImmutableDoubleArray> intermediateValues;
    private final Map<String, @Nullable Object> userAttrs;
    private final Map<String, @Nullable Object> systemAttrs;
    private final ImmutableDoubleArray constraints;
    private final boolean compact;
    private volatile @Nullable Map<String, @Nullable Object> params;

    private FrozenTrial(Builder b) {
        this.number = b.number;
        this.trialId = b.trialId;
        this.state = b.state;
        this.values = b.values;
        this.datetimeStart = b.datetimeStart;
        this.datetimeComplete = b.datetimeComplete;
        this.internalParams = b.internalParams.freeze();
        this.distributions = b.distributions.freeze();
        this.intermediateValues = b.intermediateValues.freeze();
        this.userAttrs = b.userAttrs.freeze();
        this.systemAttrs = b.systemAttrs.freeze();
        this.constraints = readConstraints(systemAttrs.get(CONSTRAINTS_KEY));
        this.compact = false;
    }

    /** {@code t} with other parameter maps or system attributes (the edits of {@link #withParam} etc.). */
    private FrozenTrial(
            FrozenTrial t,
            Map<String, Double> internalParams,
            Map<String, Distribution> distributions,
            Map<String, @Nullable Object> systemAttrs,
            ImmutableDoubleArray constraints) {
        this.number = t.number;
        this.trialId = t.trialId;
        this.state = t.state;
        this.values = t.values;
        this.datetimeStart = t.datetimeStart;
        this.datetimeComplete = t.datetimeComplete;
        this.internalParams = internalParams;
        this.distributions = distributions;
        this.intermediateValues = t.intermediateValues;
        this.userAttrs = t.userAttrs;
        this.systemAttrs = systemAttrs;
        this.constraints = constraints;
        this.compact = false;
    }

    /**
     * This trial with a parameter added (or its value replaced): equal to {@code
     * toBuilder().param(name, internal, distribution).build()}, for storages that write one parameter at a
     * time, without a builder's copies of the maps that do not change.
     */
    public FrozenTrial withParam(String name, double internal, Distribution distribution) {
        Map<String, Double> p = new LinkedHashMap<>(internalParams);
        p.put(name, internal);
        Map<String, Distribution> d = new LinkedHashMap<>(distributions);
        d.put(name, distribution);
        return new FrozenTrial(
                this, Collections.unmodifiableMap(p), Collections.unmodifiableMap(d), systemAttrs, constraints);
    }

    /**
     * This trial with a system attribute set: equal to {@code toBuilder().systemAttr(key, value).build()};
     * the value must already be in {@code Json} normal form.
     */
    public FrozenTrial withSystemAttr(String key, @Nullable Object value) {
        Map<String, @Nullable Object> a = new LinkedHashMap<>(systemAttrs);
        a.put(key, value);
        return new FrozenTrial(
                this,
                internalParams,
                distributions,
                Collections.unmodifiableMap(a),
                key.equals(CONSTRAINTS_KEY) ? readConstraints(value) : constraints);
    }

    /** The compact copy of {@code t} (see {@link #compacted()}). */
    private FrozenTrial(FrozenTrial t) {
        this.number = t.number;
        this.trialId = t.trialId;
        this.state = t.state;
        this.values = t.values;
        this.datetimeStart = t.datetimeStart;
        this.datetimeComplete = t.datetimeComplete;
        if (t.distributions.isEmpty()) {
            this.internalParams = Map.of();
            this.distributions = Map.of();
        } else {
            ParamLayout layout = ParamLayout.of(t.distributions);
            this.internalParams = layout.values(t.internalParams);
            this.distributions = layout.distributionMap;
        }
        // sorted arrays instead of a tree: no entry object per step
        this.intermediateValues = t.intermediateValues.isEmpty()
                ? Collections.emptyNavigableMap()
                : ImmutableSortedMap.copyOfSorted(t.intermediateValues);
        this.userAttrs = compactAttrs(t.userAttrs);
        this.systemAttrs = compactAttrs(t.systemAttrs);
        this.constraints = t.constraints;
        this.compact = true;
    }

    private static Map<String, @Nullable Object> compactAttrs(Map<String, @Nullable Object> attrs) {
        if (attrs.isEmpty()) {
            return Map.of();
        }
        if (attrs.size() == 1) {
            Map.Entry<String, @Nullable Object> e = attrs.entrySet().iterator().next();
            return Collections.singletonMap(ParamLayout.intern(e.getKey()), e.getValue());
        }
        Map<String, @Nullable Object> m = new LinkedHashMap<>((int) (attrs.size() / 0.75f) + 1);
        attrs.forEach((k, v) -> m.put(ParamLayout.intern(k), v));
        return Collections.unmodifiableMap(m);
    }

    /**
     * An equal trial that takes less memory, for storages to keep finished trials in: its parameters are one
     * {@code double[]} over names and distributions shared with every trial that has the same ones, empty
     * maps are shared, attribute keys are shared strings. Maps iterate in the same order. External
     * parameters are recomputed on first use.
     */
    public FrozenTrial compacted() {
        return compact ? this : new FrozenTrial(this);
    }

    private static ImmutableDoubleArray readConstraints(@Nullable Object stored) {
        if (!(stored instanceof List<?>)) {
            return ImmutableDoubleArray.of();
        }
        ImmutableDoubleArray.Builder b = ImmutableDoubleArray.builder();
        for (Object o : (List<?>) stored) {
            b.add(o instanceof Number ? ((Number) o).doubleValue() : Double.NaN);
        }
        return b.build();
    }

    /** A builder for storage implementations. */
    public static Builder builder(int number, TrialState state) {
        return new Builder(number, state);
    }

    /** A builder starting from this trial (sharing its maps until it changes them). */
    public Builder toBuilder() {
        Builder b = new Builder(number, state);
        b.trialId = trialId;
        b.values = values;
        b.datetimeStart = datetimeStart;
        b.datetimeComplete = datetimeComplete;
        b.internalParams.share(internalParams);
        b.distributions.share(distributions);
        b.intermediateValues.share(intermediateValues);
        b.userAttrs.share(userAttrs);
        b.systemAttrs.share(systemAttrs);
        return b;
    }

    /** The trial's number in its study: 0, 1, 2, ... dense, in creation order. */
    public int number() {
        return number;
    }

    /** The storage's key for this trial, unique within a storage. */
    public long trialId() {
        return trialId;
    }

    public TrialState state() {
        return state;
    }

    /** The objective values (one per direction) of a COMPLETE trial, or of a PRUNED one that reported. */
    public @Nullable ImmutableDoubleArray values() {
        return values;
    }

    /**
     * The objective values as a list, empty when the trial has none (not COMPLETE, or PRUNED before any
     * report): {@link #values()} for code that prefers a {@code List<Double>} to Guava's array, e.g. Kotlin's
     * {@code val (loss, seconds) = trial.valueList()}.
     */
    public List<Double> valueList() {
        return values == null ? List.of() : values.asList();
    }

    /**
     * The single objective value.
     *
     * @throws IllegalStateException if the trial has no values or more than one
     */
    public double value() {
        if (values == null || values.length() != 1) {
            throw new IllegalStateException("trial " + number + " (" + state + ") has "
                    + (values == null ? "no values" : values.length() + " values, not 1"));
        }
        return values.get(0);
    }

    public @Nullable Instant datetimeStart() {
        return datetimeStart;
    }

    public @Nullable Instant datetimeComplete() {
        return datetimeComplete;
    }

    /** Wall-clock time from start to completion, or null while running. */
    public @Nullable Duration duration() {
        return datetimeStart == null || datetimeComplete == null
                ? null
                : Duration.between(datetimeStart, datetimeComplete);
    }

    /** Parameters in external form, in suggestion order. */
    public Map<String, @Nullable Object> params() {
        Map<String, @Nullable Object> p = params;
        if (p == null) {
            Map<String, @Nullable Object> external = new LinkedHashMap<>();
            for (Map.Entry<String, Double> e : internalParams.entrySet()) {
                Distribution d = Objects.requireNonNull(distributions.get(e.getKey()));
                external.put(e.getKey(), d.toExternal(e.getValue()));
            }
            p = Collections.unmodifiableMap(external);
            params = p;
        }
        return p;
    }

    /** Parameters in internal (double) form. */
    public Map<String, Double> internalParams() {
        return internalParams;
    }

    public Map<String, Distribution> distributions() {
        return distributions;
    }

    /** Intermediate value vectors by step (one value per objective). */
    public NavigableMap<Long, ImmutableDoubleArray> intermediateValues() {
        return intermediateValues;
    }

    /** The last reported step, or -1. */
    public long lastStep() {
        return intermediateValues.isEmpty() ? -1 : intermediateValues.lastKey();
    }

    public Map<String, @Nullable Object> userAttrs() {
        return userAttrs;
    }

    public Map<String, @Nullable Object> systemAttrs() {
        return systemAttrs;
    }

    /** The constraint values; empty if the trial set none. */
    public ImmutableDoubleArray constraints() {
        return constraints;
    }

    /** Whether the trial satisfies all its constraints (each {@code <= 0}); true without constraints. */
    public boolean isFeasible() {
        for (int i = 0; i < constraints.length(); i++) {
            if (!(constraints.get(i) <= 0)) {
                return false;
            }
        }
        return true;
    }

    /** Total violation: the sum of the positive constraint values. */
    public double constraintViolation() {
        double sum = 0;
        for (int i = 0; i < constraints.length(); i++) {
            double c = constraints.get(i);
            sum += c > 0 || Double.isNaN(c) ? (Double.isNaN(c) ? Double.POSITIVE_INFINITY : c) : 0;
        }
        return sum;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (!(o instanceof FrozenTrial)) {
            return false;
        }
        FrozenTrial t = (FrozenTrial) o;
        return number == t.number
                && trialId == t.trialId
                && state == t.state
                && Objects.equals(values, t.values)
                && Objects.equals(datetimeStart, t.datetimeStart)
                && Objects.equals(datetimeComplete, t.datetimeComplete)
                && internalParams.equals(t.internalParams)
                && distributions.equals(t.distributions)
                && intermediateValues.equals(t.intermediateValues)
                && userAttrs.equals(t.userAttrs)
                && systemAttrs.equals(t.systemAttrs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(number, trialId, state, values, internalParams);
    }

    @Override
    public String toString() {
        return "FrozenTrial{number=" + number + ", state=" + state + ", values=" + values + ", params=" + params
                + (userAttrs.isEmpty() ? "" : ", userAttrs=" + userAttrs) + "}";
    }

    /** A map that a builder copies before its first change (copy-on-write), shared with trials otherwise. */
    private static final class CowMap<K, V> {
        private final boolean sorted;
        // Null until the first change or share: most builders share every map of the trial they start
        // from, so an eager empty map would be garbage.
        private @Nullable Map<K, V> map;
        private boolean shared;

        CowMap(boolean sorted) {
            this.sorted = sorted;
        }

        void share(Map<K, V> m) {
            this.map = m;
            this.shared = true;
        }

        Map<K, V> writable() {
            Map<K, V> m = map;
            if (m == null) {
                m = sorted ? new TreeMap<>() : new LinkedHashMap<>();
                map = m;
            } else if (shared) {
                m = sorted ? new TreeMap<>(m) : new LinkedHashMap<>(m);
                map = m;
                shared = false;
            }
            return m;
        }

        /** The map for a trial: unmodifiable, and from now on shared (so the builder copies before changing). */
        @SuppressWarnings("unchecked")
        <M extends Map<K, V>> M freeze() {
            Map<K, V> m = map;
            if (m == null) {
                m = sorted ? (Map<K, V>) Collections.<K, V>emptyNavigableMap() : Collections.<K, V>emptyMap();
                map = m;
                shared = true;
            } else if (!shared) {
                m = sorted
                        ? (Map<K, V>) Collections.unmodifiableNavigableMap((NavigableMap<K, V>) m)
                        : Collections.unmodifiableMap(m);
                map = m;
                shared = true;
            }
            return (M) m;
        }
    }

    /** Builds a {@link FrozenTrial}; attribute values must already be in {@code Json} normal form. */
    public static final class Builder {
        private final int number;
        private final TrialState state;
        private long trialId = -1;
        private @Nullable ImmutableDoubleArray values;
        private @Nullable Instant datetimeStart;
        private @Nullable Instant datetimeComplete;
        private final CowMap<String, Double> internalParams = new CowMap<>(false);
        private final CowMap<String, Distribution> distributions = new CowMap<>(false);
        private final CowMap<Long, ImmutableDoubleArray> intermediateValues = new CowMap<>(true);
        private final CowMap<String, @Nullable Object> userAttrs = new CowMap<>(false);
        private final CowMap<String, @Nullable Object> systemAttrs = new CowMap<>(false);

        private Builder(int number, TrialState state) {
            this.number = number;
            this.state = state;
        }

        /** A copy of this builder with another state. */
        public Builder withState(TrialState newState) {
            Builder b = new Builder(number, newState);
            b.trialId = trialId;
            b.values = values;
            b.datetimeStart = datetimeStart;
            b.datetimeComplete = datetimeComplete;
            b.internalParams.share(internalParams.freeze());
            b.distributions.share(distributions.freeze());
            b.intermediateValues.share(intermediateValues.freeze());
            b.userAttrs.share(userAttrs.freeze());
            b.systemAttrs.share(systemAttrs.freeze());
            return b;
        }

        public Builder trialId(long id) {
            this.trialId = id;
            return this;
        }

        public Builder values(@Nullable ImmutableDoubleArray v) {
            this.values = v;
            return this;
        }

        public Builder datetimeStart(@Nullable Instant t) {
            this.datetimeStart = t;
            return this;
        }

        public Builder datetimeComplete(@Nullable Instant t) {
            this.datetimeComplete = t;
            return this;
        }

        /** Adds a parameter by its internal value. */
        public Builder param(String name, double internal, Distribution distribution) {
            internalParams.writable().put(name, internal);
            distributions.writable().put(name, distribution);
            return this;
        }

        public Builder intermediateValue(long step, ImmutableDoubleArray v) {
            intermediateValues.writable().put(step, v);
            return this;
        }

        public Builder userAttr(String key, @Nullable Object value) {
            userAttrs.writable().put(key, value);
            return this;
        }

        public Builder systemAttr(String key, @Nullable Object value) {
            systemAttrs.writable().put(key, value);
            return this;
        }

        public FrozenTrial build() {
            return new FrozenTrial(this);
        }
    }
}
