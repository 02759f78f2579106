package dev.schedtune.search;

import com.google.common.collect.ImmutableList;
import com.google.common.primitives.ImmutableDoubleArray;
import dev.schedtune.search.analysis.Pareto;
import dev.schedtune.search.distribution.Distribution;
import dev.schedtune.search.internal.Checks;
import dev.schedtune.search.internal.Json;
import dev.schedtune.search.pruner.Pruner;
import dev.schedtune.search.sampler.Sampler;
import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.storage.StudyRecord;
import dev.schedtune.search.storage.TrialNotRunningException;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.trial.StudyTrials;
import dev.schedtune.search.trial.TrialState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A study: an optimisation task made of trials, stored in a {@link Storage}. Create or load one with
 * {@link #builder(String)}; run it with {@link #optimize} / {@link #optimizeMulti}, or drive it yourself with
 * {@link #ask()} and {@link #tell}.
 *
 * <p>An objective that throws has its trial recorded as FAIL and then {@code optimize} throws
 * {@link ObjectiveFailedException} (Optuna's default); {@link OptimizeOptions.Builder#catching} keeps the study
 * going instead. NaN or infinite values and {@link TrialFailedException} record FAIL and the study goes on.
 *
 * <p>Thread-safe: several threads (and, with a database storage, several processes) may ask, tell and
 * optimize one study at once.
 *
 * <p>{@link #close()} releases what the study object holds (its heartbeat thread, the storage's cache of its
 * trials); a process that opens many studies on one storage closes each when done with it, and the storage
 * once after them all. A study built with {@link StudyBuilder#storage(String)} opened its storage itself and
 * closes it too, so {@code try (Study study = Study.builder("s").storage("s.db").create())} releases the file.
 */
public final class Study implements AutoCloseable {
    static final String SEED_KEY = "schedtune:seed";
    static final String REPRODUCIBLE_KEY = "schedtune:reproducible";
    /** Study system attribute: the heartbeat setting, {@code {"interval_ms": i, "grace_ms": g}}. */
    public static final String HEARTBEAT_KEY = "schedtune:heartbeat";
    /**
     * Study system attribute: the objectives' names, in direction order ({@link StudyBuilder#objectiveNames});
     * Optuna's own key for {@code study.set_metric_names}, so Optuna shows them too.
     */
    public static final String METRIC_NAMES_KEY = "study:metric_names";
    /** Study system attribute: how many times a dead worker's trial is re-run. */
    public static final String MAX_RETRIES_KEY = "schedtune:max_retries";

    private final Storage storage;
    /** Set by the builder when it opened the storage from a URL: then {@link #close()} closes it. */
    boolean ownsStorage;

    private final StudyRecord record;
    private final Sampler sampler;
    private final Pruner pruner;
    private final long seed;
    private final boolean reproducible;
    private final StudyViewImpl view;
    private final ConcurrentHashMap<String, Distribution> kinds = new ConcurrentHashMap<>();
    /** Trials started by this object and not yet told, so that attributes set by samplers reach them. */
    private final ConcurrentHashMap<Integer, Trial> live = new ConcurrentHashMap<>();

    private volatile boolean stopRequested;
    private volatile boolean closed;
    private final @Nullable Heartbeats heartbeats;
    private final int maxRetries;

    Study(
            Storage storage,
            StudyRecord record,
            Sampler sampler,
            Pruner pruner,
            long seed,
            boolean reproducible,
            @Nullable Duration heartbeatInterval,
            @Nullable Duration heartbeatGrace,
            int maxRetries) {
        this.storage = storage;
        this.record = record;
        this.sampler = sampler;
        this.pruner = pruner;
        this.seed = seed;
        this.reproducible = reproducible;
        this.view = new StudyViewImpl(this);
        this.heartbeats = heartbeatInterval == null || heartbeatGrace == null
                ? null
                : new Heartbeats(this, heartbeatInterval, heartbeatGrace, maxRetries);
        this.maxRetries = maxRetries;
    }

    /** A builder for a new or existing study named {@code name}. */
    public static StudyBuilder builder(String name) {
        return new StudyBuilder(name);
    }

    /** A builder for a new study with a generated name. */
    public static StudyBuilder builder() {
        return new StudyBuilder("study-" + java.util.UUID.randomUUID());
    }

    /** Loads an existing study with default sampler and pruner. */
    public static Study load(String name, Storage storage) {
        return builder(name).storage(storage).load();
    }

    public String name() {
        return record.name();
    }

    public List<StudyDirection> directions() {
        return record.directions();
    }

    /**
     * The objectives' names in direction order, as given to {@link StudyBuilder#objectiveNames} (stored with
     * the study, also by Optuna's {@code set_metric_names}); empty if the study has none.
     */
    public List<String> objectiveNames() {
        Object stored = systemAttrs().get(METRIC_NAMES_KEY);
        if (!(stored instanceof List<?>)
                || ((List<?>) stored).size() != directions().size()) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (Object o : (List<?>) stored) {
            names.add(String.valueOf(o));
        }
        return ImmutableList.copyOf(names);
    }

    public boolean isMultiObjective() {
        return directions().size() > 1;
    }

    public long seed() {
        return seed;
    }

    public boolean isReproducible() {
        return reproducible;
    }

    /** The heartbeat interval, or null if this study object sends no heartbeats. */
    public @Nullable Duration heartbeatInterval() {
        return heartbeats == null ? null : heartbeats.interval();
    }

    /** How long a trial may go without a heartbeat before another worker marks it FAIL, or null. */
    public @Nullable Duration heartbeatGrace() {
        return heartbeats == null ? null : heartbeats.grace();
    }

    /** How many times the parameters of a trial whose worker died are run again. */
    public int maxRetries() {
        return maxRetries;
    }

    public Sampler sampler() {
        return sampler;
    }

    public Pruner pruner() {
        return pruner;
    }

    public Storage storage() {
        return storage;
    }

    long studyId() {
        return record.studyId();
    }

    StudyViewImpl view() {
        return view;
    }

    // ---- ask / tell --------------------------------------------------------------------------------

    /**
     * Starts a trial: takes the lowest enqueued one if any, else creates one. The caller must
     * {@link #tell} it.
     */
    public Trial ask() {
        return start(Integer.MAX_VALUE, true, false).orElseThrow();
    }

    /** Starts a trial and suggests every parameter of {@code fixedDistributions} at once. */
    public Trial ask(Map<String, Distribution> fixedDistributions) {
        Trial t = ask();
        try {
            fixedDistributions.forEach(t::suggest);
        } catch (RuntimeException e) {
            fail(t.number(), "suggest in ask failed: " + e.getMessage());
            throw e;
        }
        return t;
    }

    /**
     * Starts a trial numbered below {@code numberLimit} (enqueued ones whatever their number), or none; with
     * {@code enqueuedOnly}, only an enqueued one.
     */
    Optional<Trial> start(int numberLimit, boolean askedByUser, boolean enqueuedOnly) {
        if (closed) {
            throw new IllegalStateException("study '" + name() + "' was closed; load it again to run trials");
        }
        long id = studyId();
        failStaleTrials();
        boolean beat = heartbeats != null;
        Optional<FrozenTrial> claimed = storage.claimWaitingTrial(id, beat);
        FrozenTrial frozen;
        if (claimed.isPresent()) {
            frozen = claimed.get();
        } else if (enqueuedOnly) {
            return Optional.empty();
        } else {
            Optional<FrozenTrial> created =
                    storage.createTrial(id, TrialState.RUNNING, numberLimit, Map.of(), Map.of(), beat);
            if (created.isEmpty()) {
                return Optional.empty();
            }
            frozen = created.get();
        }
        if (askedByUser) {
            view.registerAsk(frozen.number());
        }
        Trial trial = new Trial(this, frozen);
        live.put(frozen.number(), trial);
        if (heartbeats != null) {
            heartbeats.started(frozen.number());
        }
        try {
            sampler.beforeTrial(view, frozen);
            Map<String, Distribution> space = sampler.inferRelativeSearchSpace(view, frozen);
            if (!space.isEmpty()) {
                trial.setRelative(space, sampler.sampleRelative(view, frozen, space));
            }
        } catch (RuntimeException | Error e) {
            fail(frozen.number(), "sampler " + sampler + " failed before the trial: " + describe(e));
            throw e;
        }
        return Optional.of(trial);
    }

    /**
     * Forgets a trial this object was running that another worker finished meanwhile (its heartbeat check
     * marked it FAIL): its result is discarded. Returns the trial as stored.
     */
    FrozenTrial discard(int number) {
        Trial t = live.remove(number);
        view.trialFinished(number);
        FrozenTrial stored = storage.trial(studyId(), number);
        if (t != null) {
            t.markFinished(stored.state());
        }
        return stored;
    }

    /**
     * Runs by the thread that calls it, while a reproducible-mode sampler waits for an enqueued trial that
     * no worker has taken: {@code optimize} sets it so that the wait cannot last forever (it takes the
     * enqueued trial and runs it on an extra thread).
     */
    private final ThreadLocal<@Nullable Runnable> enqueuedRescue = new ThreadLocal<>();

    void setEnqueuedRescue(@Nullable Runnable rescue) {
        if (rescue == null) {
            enqueuedRescue.remove();
        } else {
            enqueuedRescue.set(rescue);
        }
    }

    /** Asks the calling thread's {@code optimize} loop to run an enqueued trial; false if it has none. */
    boolean rescueEnqueued() {
        Runnable r = enqueuedRescue.get();
        if (r == null) {
            return false;
        }
        r.run();
        return true;
    }

    /** The numbers of the trials this object runs now (for heartbeats). */
    java.util.Set<Integer> liveTrialNumbers() {
        return live.keySet();
    }

    /**
     * Fails the RUNNING trials whose worker stopped sending heartbeats for longer than the grace period, and
     * enqueues their parameters again ({@link #maxRetries()}); returns the trials failed. Starting a trial
     * does this anyway (at most once per heartbeat interval); call it to know what is left of a study
     * before running it, e.g. when resuming after the process that ran it was killed. Nothing happens
     * without heartbeats.
     */
    public List<FrozenTrial> failStaleTrials() {
        if (heartbeats == null) {
            return List.of();
        }
        List<FrozenTrial> failed = heartbeats.failStale();
        for (FrozenTrial t : failed) {
            view.trialFinished(t.number());
        }
        return failed;
    }

    /** Mirrors a system attribute written to storage into the live trial object, if this study runs it. */
    void mirrorSystemAttr(int number, String key, @Nullable Object value) {
        Trial t = live.get(number);
        if (t != null) {
            t.putSystemAttr(key, value);
        }
    }

    double sampleIndependent(FrozenTrial trial, String name, Distribution distribution) {
        return sampler.sampleIndependent(view, trial, name, distribution);
    }

    /** Checks that {@code name} keeps the type and scale it had in earlier trials. */
    void checkCompatible(String name, Distribution distribution) {
        Distribution earlier = kinds.putIfAbsent(name, distribution);
        if (earlier != null && !earlier.isCompatibleWith(distribution)) {
            throw new IllegalArgumentException("parameter '" + name + "' is " + earlier.describe()
                    + " in earlier trials of study '" + name() + "'; it cannot become " + distribution.describe());
        }
    }

    void rememberKinds(StudyTrials trials) {
        for (FrozenTrial t : trials) {
            t.distributions().forEach(kinds::putIfAbsent);
        }
    }

    /**
     * Finishes a trial as COMPLETE with its objective values (one per direction). A NaN or infinite value
     * records FAIL instead, with the reason.
     *
     * @throws IllegalArgumentException on a wrong number of values
     * @throws IllegalStateException if the trial is already finished
     */
    public FrozenTrial tell(Trial trial, double... values) {
        FrozenTrial t = tell(trial.number(), values);
        trial.markFinished(t.state());
        return t;
    }

    /** {@link #tell(Trial, double...)} by trial number (for ask/tell clients in other processes). */
    public FrozenTrial tell(int trialNumber, double... values) {
        int k = directions().size();
        if (values.length != k) {
            throw new IllegalArgumentException("trial " + trialNumber + " of study '" + name() + "' was told "
                    + values.length + " values but the study has " + k + " objectives " + directions());
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                return finish(
                        trialNumber,
                        TrialState.FAIL,
                        null,
                        "objective value " + (k == 1 ? "" : i + " ") + "is " + values[i]);
            }
        }
        return finish(trialNumber, TrialState.COMPLETE, withoutNegativeZero(values), null);
    }

    /** A copy with -0.0 replaced by 0.0, so that values read back equal from every storage (SQL drops the sign). */
    static ImmutableDoubleArray withoutNegativeZero(double[] values) {
        ImmutableDoubleArray.Builder b = ImmutableDoubleArray.builder(values.length);
        for (double v : values) {
            b.add(v + 0.0);
        }
        return b.build();
    }

    /**
     * Finishes a trial as PRUNED or FAIL. A PRUNED trial keeps its last finite intermediate values as its
     * values, as Optuna does.
     */
    public FrozenTrial tell(Trial trial, TrialState state) {
        FrozenTrial t = tell(trial.number(), state);
        trial.markFinished(t.state());
        return t;
    }

    /** {@link #tell(Trial, TrialState)} by trial number. */
    public FrozenTrial tell(int trialNumber, TrialState state) {
        if (state == TrialState.PRUNED) {
            return finish(trialNumber, TrialState.PRUNED, null, null);
        }
        if (state == TrialState.FAIL) {
            return finish(trialNumber, TrialState.FAIL, null, "told FAIL");
        }
        throw new IllegalArgumentException("trial " + trialNumber + " can be told PRUNED or FAIL without values, not "
                + state + (state == TrialState.COMPLETE ? " (tell COMPLETE with its values)" : ""));
    }

    /** Finishes a trial as FAIL with a reason (stored as system attr {@value FrozenTrial#FAIL_REASON_KEY}). */
    public FrozenTrial fail(int trialNumber, String reason) {
        return finish(trialNumber, TrialState.FAIL, null, reason);
    }

    private FrozenTrial finish(
            int number, TrialState state, @Nullable ImmutableDoubleArray values, @Nullable String reason) {
        FrozenTrial current;
        try {
            current = storage.trial(studyId(), number);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "study '" + name() + "' has no trial " + number + " (it has "
                            + storage.trials(studyId()).size() + " trials)",
                    e);
        }
        if (current.state() != TrialState.RUNNING) {
            throw new TrialNotRunningException(
                    number,
                    current.state().name(),
                    "trial " + number + " of study '" + name() + "' is " + current.state()
                            + (current.state().isFinished()
                                    ? "; it was already told"
                                    : "; only a RUNNING trial can be told"));
        }
        ImmutableDoubleArray v = values;
        if (state == TrialState.PRUNED && current.lastStep() >= 0) {
            ImmutableDoubleArray last = current.intermediateValues().get(current.lastStep());
            if (last != null && allFinite(last)) {
                v = last;
            }
        }
        Map<String, @Nullable Object> attrs = reason == null ? Map.of() : Map.of(FrozenTrial.FAIL_REASON_KEY, reason);
        FrozenTrial result;
        try {
            sampler.afterTrial(view, current, state, v);
        } finally {
            result = storage.finishTrial(studyId(), number, state, v, attrs);
            live.remove(number);
            view.trialFinished(number);
        }
        return result;
    }

    private static boolean allFinite(ImmutableDoubleArray a) {
        for (int i = 0; i < a.length(); i++) {
            if (!Double.isFinite(a.get(i))) {
                return false;
            }
        }
        return true;
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getName() + (m == null ? "" : ": " + m);
    }

    // ---- optimize ----------------------------------------------------------------------------------

    /**
     * Runs a single-objective {@code objective} within {@code budget} in this thread.
     *
     * @throws ObjectiveFailedException if the objective threw (its trial is recorded as FAIL first)
     */
    public void optimize(Objective objective, TrialBudget budget) {
        optimize(objective, OptimizeOptions.of(budget));
    }

    /** Runs {@code objective} within {@code budget} and {@code timeout} (null for none) on nJobs threads. */
    public void optimize(Objective objective, TrialBudget budget, @Nullable Duration timeout, int nJobs) {
        optimize(objective, options(budget, timeout, nJobs));
    }

    /**
     * Runs a single-objective {@code objective} as the options say.
     *
     * @throws IllegalStateException if the study has several objectives (use {@link #optimizeMulti})
     * @throws ObjectiveFailedException if the objective threw outside the options' catch set
     */
    public void optimize(Objective objective, OptimizeOptions options) {
        if (isMultiObjective()) {
            throw new IllegalStateException("study '" + name() + "' has "
                    + directions().size() + " objectives; use optimizeMulti with a MultiObjective");
        }
        new Optimizer(this, t -> new double[] {objective.evaluate(t)}, options).run();
    }

    /**
     * Runs a multi-objective {@code objective} within {@code budget} in this thread.
     *
     * @throws ObjectiveFailedException if the objective threw (its trial is recorded as FAIL first)
     */
    public void optimizeMulti(MultiObjective objective, TrialBudget budget) {
        optimizeMulti(objective, OptimizeOptions.of(budget));
    }

    public void optimizeMulti(MultiObjective objective, TrialBudget budget, @Nullable Duration timeout, int nJobs) {
        optimizeMulti(objective, options(budget, timeout, nJobs));
    }

    /**
     * Runs {@code objective}, returning one value per direction, as the options say.
     *
     * @throws ObjectiveFailedException if the objective threw outside the options' catch set
     */
    public void optimizeMulti(MultiObjective objective, OptimizeOptions options) {
        new Optimizer(this, objective, options).run();
    }

    private static OptimizeOptions options(TrialBudget budget, @Nullable Duration timeout, int nJobs) {
        OptimizeOptions.Builder b = OptimizeOptions.builder().budget(budget).nJobs(nJobs);
        if (timeout != null) {
            b.timeout(timeout);
        }
        return b.build();
    }

    /**
     * Ends this study object: stops its heartbeat thread and lets the storage forget the study's trials
     * (unless trials of it still run there). The study itself stays in the storage; load it again to go
     * on. Trials cannot be started with a closed object.
     */
    @Override
    public void close() {
        closed = true;
        stopRequested = true;
        if (heartbeats != null) {
            heartbeats.close();
        }
        storage.release(studyId());
        if (ownsStorage) {
            storage.close();
        }
    }

    /** Asks running {@code optimize} calls on this object to start no new trial. */
    public void stop() {
        stopRequested = true;
    }

    boolean isStopRequested() {
        return stopRequested;
    }

    void clearStop() {
        stopRequested = false;
    }

    // ---- enqueue -----------------------------------------------------------------------------------

    /** Enqueues a trial with fixed parameter values (external form); the next ask takes it. */
    public FrozenTrial enqueueTrial(Map<String, ?> params) {
        return enqueueTrial(params, Map.of(), false).orElseThrow();
    }

    /**
     * Enqueues a trial with fixed parameter values and user attributes; with {@code skipIfExists}, nothing is
     * enqueued if a trial with these parameter values exists already (returns empty).
     */
    public Optional<FrozenTrial> enqueueTrial(Map<String, ?> params, Map<String, ?> userAttrs, boolean skipIfExists) {
        Object fixed = Json.normalize(params, "enqueued params");
        if (skipIfExists) {
            for (FrozenTrial t : storage.trials(studyId())) {
                Object existing = t.systemAttrs().get(FrozenTrial.FIXED_PARAMS_KEY);
                if (fixed.equals(existing) || fixed.equals(t.params())) {
                    return Optional.empty();
                }
            }
        }
        Map<String, @Nullable Object> attrs = new java.util.LinkedHashMap<>();
        userAttrs.forEach((k, v) -> attrs.put(k, Json.normalize(v, "user attr '" + k + "'")));
        return storage.createTrial(
                studyId(), TrialState.WAITING, Integer.MAX_VALUE, attrs, Map.of(FrozenTrial.FIXED_PARAMS_KEY, fixed));
    }

    // ---- reading -----------------------------------------------------------------------------------

    /** All trials, indexed by number (an immutable snapshot, with O(1) counts per state). */
    public StudyTrials trials() {
        return storage.trials(studyId());
    }

    /** The trials in the given states, in number order. */
    public List<FrozenTrial> trials(TrialState first, TrialState... rest) {
        Set<TrialState> states = EnumSet.of(first, rest);
        List<FrozenTrial> out = new ArrayList<>();
        for (FrozenTrial t : storage.trials(studyId())) {
            if (states.contains(t.state())) {
                out.add(t);
            }
        }
        return ImmutableList.copyOf(out);
    }

    /** Trial {@code number}. */
    public FrozenTrial trial(int number) {
        StudyTrials trials = storage.trials(studyId());
        if (number < 0 || number >= trials.size()) {
            throw new IllegalArgumentException(
                    "study '" + name() + "' has no trial " + number + " (it has " + trials.size() + " trials)");
        }
        return trials.get(number);
    }

    /**
     * The best COMPLETE trial of a single-objective study: the best feasible one, or, if no trial is
     * feasible, the one with the least constraint violation (then the best value).
     *
     * @throws IllegalStateException for a multi-objective study or if no trial is COMPLETE
     */
    public FrozenTrial bestTrial() {
        if (isMultiObjective()) {
            throw new IllegalStateException(
                    "study '" + name() + "' has " + directions().size() + " objectives; use bestTrials()");
        }
        StudyDirection d = directions().get(0);
        FrozenTrial best = null;
        for (FrozenTrial t : storage.trials(studyId())) {
            if (t.state() != TrialState.COMPLETE) {
                continue;
            }
            if (best == null) {
                best = t;
                continue;
            }
            double vb = best.constraintViolation();
            double vt = t.constraintViolation();
            if (vt < vb || (vt == vb && d.isBetter(t.value(), best.value()))) {
                best = t;
            }
        }
        if (best == null) {
            throw new IllegalStateException("study '" + name() + "' has no COMPLETE trial yet");
        }
        return best;
    }

    public double bestValue() {
        return bestTrial().value();
    }

    public Map<String, @Nullable Object> bestParams() {
        return bestTrial().params();
    }

    /**
     * The Pareto front of the COMPLETE trials: among feasible trials if any is feasible, else among the
     * trials with the least constraint violation. In number order; empty if no trial is COMPLETE.
     */
    public List<FrozenTrial> bestTrials() {
        return Pareto.bestTrials(storage.trials(studyId()), directions());
    }

    // ---- attributes --------------------------------------------------------------------------------

    public Map<String, @Nullable Object> userAttrs() {
        return storage.studyUserAttrs(studyId());
    }

    public void setUserAttr(String key, @Nullable Object value) {
        Checks.checkName(key, "user attr key");
        storage.setStudyUserAttr(studyId(), key, Json.normalize(value, "user attr '" + key + "'"));
    }

    public Map<String, @Nullable Object> systemAttrs() {
        return storage.studySystemAttrs(studyId());
    }

    /**
     * Sets a study system attribute (Optuna shows them as system attrs). Tools built on the study keep
     * their own records here, such as results computed after the search.
     */
    public void setSystemAttr(String key, @Nullable Object value) {
        Checks.checkName(key, "system attr key");
        storage.setStudySystemAttr(studyId(), key, Json.normalize(value, "system attr '" + key + "'"));
    }

    @Override
    public String toString() {
        return "Study{name=" + name() + ", directions=" + directions() + ", sampler=" + sampler + "}";
    }
}
