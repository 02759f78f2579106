package dev.schedtune.search.pbt;

import com.google.common.primitives.ImmutableDoubleArray;
import dev.schedtune.search.Study;
import dev.schedtune.search.distribution.FloatDistribution;
import dev.schedtune.search.internal.Json;
import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.trial.TrialState;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A population-based training run bound to a study: the study's trials are the members (trial {@code m}
 * is member {@code m}), and everything the run decides or learns lives in the study's storage, in
 * Optuna's layout, so several processes can share one population and {@code show}/{@code report} read it:
 *
 * <ul>
 *   <li>study system attribute {@code pbt:decisions:<g>}: generation g's plan, per member the member whose
 *       weights it starts from and its hyperparameters ({@code pbt:config} holds the settings);
 *   <li>study system attribute {@code pbt:step:<g>:<m>}: member m's step of generation g ({@link
 *       MemberRecord}); in the study, not in the member's trial, because whichever worker trains a step
 *       records it, and a storage keeps the trials it created up to date from its own writes only;
 *   <li>trial intermediate values: the member's objective after every epoch (step = the epoch);
 *   <li>trial params: the member's initial hyperparameters; the trial's value: its final objective.
 * </ul>
 *
 * <p>Workers claim steps with {@code setStudySystemAttrIfAbsent} ({@code pbt:claim:<g>:<m>:<attempt>}) and
 * renew a lease on them while they train; a step whose lease is older than {@link
 * PopulationBasedTraining#claimGrace()} (its worker died) is claimed again and retried from the same
 * checkpoint. Checkpoints of a generation are discarded once the next generation is complete, so at
 * most two per member exist, and one per member at the end.
 */
public final class Population {
    static final String CONFIG_KEY = "pbt:config";
    static final String DECISIONS_KEY = "pbt:decisions:";
    static final String CLAIM_KEY = "pbt:claim:";
    static final String LEASE_KEY = "pbt:lease:";
    static final String CLEANUP_KEY = "pbt:cleanup:";
    /** Study system attribute prefix of the step records ({@code pbt:step:<generation>:<member>}). */
    public static final String STEP_KEY = "pbt:step:";
    /** Study system attribute: the final best member's lineage, {@code [{"generation": g, "member": m}, ...]}. */
    public static final String LINEAGE_KEY = "pbt:lineage";

    private final PopulationBasedTraining settings;
    private final Study study;
    private final Storage storage;
    private final long studyId;
    private final StudyDirection direction;
    private final String owner;
    /** Claims this object is working on, by claim key, with their lease key. */
    private final Map<String, String> leases = new ConcurrentHashMap<>();

    private final AtomicLong claims = new AtomicLong();
    /** Generations whose checkpoints this process won the right to discard, once it next can. */
    private final Set<Integer> pendingCleanup = ConcurrentHashMap.newKeySet();

    private volatile boolean stopRequested;

    Population(PopulationBasedTraining settings, Study study) {
        this.settings = settings;
        this.study = study;
        this.storage = study.storage();
        this.studyId = storage.findStudy(study.name())
                .orElseThrow(() -> new IllegalArgumentException("study '" + study.name() + "' is not stored"))
                .studyId();
        if (study.directions().size() != 1) {
            throw new IllegalArgumentException("a PBT study has one objective; study '" + study.name() + "' has "
                    + study.directions().size());
        }
        this.direction = study.directions().get(0);
        this.owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + Long.toHexString(System.nanoTime());
        Object mine = Json.normalize(settings.toJson(), CONFIG_KEY);
        Object stored = storage.setStudySystemAttrIfAbsent(studyId, CONFIG_KEY, mine);
        if (!Objects.equals(stored, mine)) {
            throw new IllegalArgumentException("study '" + study.name() + "' holds a population with settings " + stored
                    + "; these settings are " + mine + " (use another study name)");
        }
        createMembers();
    }

    private void createMembers() {
        int trials = storage.trials(studyId).size();
        if (trials > settings.population()) {
            throw new IllegalArgumentException("study '" + study.name() + "' has " + trials
                    + " trials, more than the population (" + settings.population() + "): it is not a PBT study");
        }
        List<Map<String, Double>> initial = initialValues();
        while (true) {
            var created = storage.createTrial(
                    studyId, TrialState.RUNNING, settings.population(), Map.of("pbt:member", true), Map.of());
            if (created.isEmpty()) {
                return;
            }
            int m = created.get().number();
            for (Map.Entry<String, FloatDistribution> hp :
                    settings.hyperparameters().entrySet()) {
                storage.setTrialParam(studyId, m, hp.getKey(), initial.get(m).get(hp.getKey()), hp.getValue());
            }
        }
    }

    /** The settings. */
    public PopulationBasedTraining settings() {
        return settings;
    }

    /** The study holding the population. */
    public Study study() {
        return study;
    }

    /** Asks {@link #run} to return after the steps under way. */
    public void stop() {
        stopRequested = true;
    }

    /** Whether every generation is complete. */
    public boolean isFinished() {
        Snapshot s = snapshot();
        int last = settings.generations() - 1;
        return s.decisions(last) != null && s.complete(last);
    }

    /**
     * Trains the population to its end with {@code threads} steps at a time, together with any other
     * process running the same study, and returns when every generation is complete (or after {@link
     * #stop()}). {@code listener} hears of every step this process records.
     *
     * @throws IllegalStateException if every member of a generation failed (the reasons are in the study)
     */
    public void run(MemberTrainer trainer, int threads, Consumer<MemberRecord> listener) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads (" + threads + ") must be >= 1");
        }
        ScheduledExecutorService renew = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "schedtune-pbt-leases");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, settings.claimGrace().toMillis() / 4);
        renew.scheduleAtFixedRate(this::renewLeases, every, every, TimeUnit.MILLISECONDS);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                work.add(pool.submit(() -> work(trainer, listener)));
            }
            for (Future<?> f : work) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    stopRequested = true;
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException) {
                        throw (RuntimeException) cause;
                    }
                    throw new IllegalStateException(cause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stopRequested = true;
                    throw new IllegalStateException("interrupted", e);
                }
            }
        } finally {
            pool.shutdownNow();
            renew.shutdownNow();
        }
        if (!stopRequested && isFinished()) {
            finish(trainer);
        }
    }

    /** {@link #run(MemberTrainer, int, Consumer)} without a listener. */
    public void run(MemberTrainer trainer, int threads) {
        run(trainer, threads, r -> {});
    }

    private void work(MemberTrainer trainer, Consumer<MemberRecord> listener) {
        int last = settings.generations() - 1;
        while (!stopRequested) {
            Snapshot s = snapshot();
            int g = s.lastDecided();
            if (g < 0) {
                decide(s, 0);
                continue;
            }
            if (s.complete(g)) {
                if (g == last) {
                    return;
                }
                decide(s, g + 1);
                continue;
            }
            int[] claim = claim(s, g);
            if (claim == null) {
                sleep();
            } else {
                MemberRecord r = train(trainer, s, g, claim[0], claim[1]);
                listener.accept(r);
            }
        }
    }

    private void sleep() {
        try {
            Thread.sleep(settings.pollInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopRequested = true;
        }
    }

    // ---- decisions -------------------------------------------------------------------------------------

    private SplittableRandom random(int generation) {
        return new SplittableRandom(study.seed() * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L * (generation + 1));
    }

    private List<Map<String, Double>> initialValues() {
        SplittableRandom rng = random(0);
        List<Map<String, Double>> out = new ArrayList<>();
        for (int m = 0; m < settings.population(); m++) {
            Map<String, Double> v = new LinkedHashMap<>();
            settings.hyperparameters().forEach((name, d) -> v.put(name, d.fromUnit(rng.nextDouble())));
            out.add(v);
        }
        return out;
    }

    private void decide(Snapshot s, int g) {
        List<Decision> plan = new ArrayList<>();
        if (g == 0) {
            for (Map<String, Double> v : initialValues()) {
                plan.add(new Decision(-1, false, v));
            }
        } else {
            plan = exploit(s, g);
            String cleanup = CLEANUP_KEY + (g - 2);
            if (g >= 2 && owner.equals(storage.setStudySystemAttrIfAbsent(studyId, cleanup, owner))) {
                pendingCleanup.add(g - 2);
            }
        }
        List<Object> json = new ArrayList<>();
        for (Decision d : plan) {
            json.add(d.toJson());
        }
        storage.setStudySystemAttrIfAbsent(studyId, DECISIONS_KEY + g, Json.normalize(json, DECISIONS_KEY));
    }

    /** Generation g's plan from generation g − 1's results: the bottom copy the top, then explore. */
    private List<Decision> exploit(Snapshot s, int g) {
        int n = settings.population();
        List<Decision> previous = s.decisions(g - 1);
        List<MemberRecord> results = new ArrayList<>();
        List<Integer> failed = new ArrayList<>();
        for (int m = 0; m < n; m++) {
            MemberRecord r = s.record(g - 1, m);
            if (r == null || r.isFailed()) {
                failed.add(m);
            } else {
                results.add(r);
            }
        }
        if (results.isEmpty()) {
            throw new IllegalStateException("every member failed in generation " + (g - 1) + " of study '"
                    + study.name() + "'; the first: " + s.record(g - 1, 0));
        }
        results.sort(ranking());
        int k = settings.copies();
        List<Integer> top = new ArrayList<>();
        for (int i = 0; i < Math.min(k, results.size()); i++) {
            top.add(results.get(i).member());
        }
        Set<Integer> bottom = new HashSet<>(failed);
        for (int i = results.size() - 1; i >= Math.max(top.size(), results.size() - k); i--) {
            bottom.add(results.get(i).member());
        }
        SplittableRandom rng = random(g);
        List<Decision> plan = new ArrayList<>();
        for (int m = 0; m < n; m++) {
            if (bottom.contains(m)) {
                int donor = top.get(rng.nextInt(top.size()));
                plan.add(new Decision(donor, true, explore(previous.get(donor).values, rng)));
            } else {
                plan.add(new Decision(m, false, previous.get(m).values));
            }
        }
        return plan;
    }

    private Map<String, Double> explore(Map<String, Double> values, SplittableRandom rng) {
        Map<String, Double> out = new LinkedHashMap<>();
        settings.hyperparameters().forEach((name, d) -> {
            double v;
            if (rng.nextDouble() < settings.resampleProbability()) {
                v = d.fromUnit(rng.nextDouble());
            } else {
                double factor = rng.nextBoolean() ? settings.lowFactor() : settings.highFactor();
                v = Math.min(d.high(), Math.max(d.low(), values.get(name) * factor));
            }
            out.put(name, v);
        });
        return out;
    }

    private Comparator<MemberRecord> ranking() {
        return ranking(direction);
    }

    /** The order a generation's steps are ranked in: the best score first, ties by member number. */
    public static Comparator<MemberRecord> ranking(StudyDirection direction) {
        Comparator<MemberRecord> byScore = Comparator.comparingDouble(MemberRecord::score);
        if (direction == StudyDirection.MAXIMIZE) {
            byScore = byScore.reversed();
        }
        return byScore.thenComparingInt(MemberRecord::member);
    }

    // ---- claims and steps ------------------------------------------------------------------------------

    private int @Nullable [] claim(Snapshot s, int g) {
        long now = System.currentTimeMillis();
        for (int m = 0; m < settings.population(); m++) {
            if (s.record(g, m) != null) {
                continue;
            }
            int attempt = s.latestAttempt(g, m);
            if (attempt >= 0) {
                String key = claimKey(g, m, attempt);
                if (leases.containsKey(key)) {
                    continue;
                }
                long lease = s.lease(g, m, attempt);
                if (now - lease < settings.claimGrace().toMillis()) {
                    continue;
                }
                if (attempt + 1 >= settings.maxAttempts()) {
                    abandon(s, g, m, attempt + 1);
                    continue;
                }
            }
            int next = attempt + 1;
            String key = claimKey(g, m, next);
            // one token per claim: threads of this process must not take each other's claims for their own
            String token = owner + "#" + claims.incrementAndGet();
            Map<String, Object> claim = Map.of("owner", token, "at", now);
            Object won = storage.setStudySystemAttrIfAbsent(studyId, key, Json.normalize(claim, key));
            if (won instanceof Map && token.equals(((Map<?, ?>) won).get("owner"))) {
                String lease = LEASE_KEY + g + ":" + m + ":" + next;
                storage.setStudySystemAttr(studyId, lease, now);
                leases.put(key, lease);
                return new int[] {m, next};
            }
        }
        return null;
    }

    private static String claimKey(int g, int m, int attempt) {
        return CLAIM_KEY + g + ":" + m + ":" + attempt;
    }

    private void renewLeases() {
        long now = System.currentTimeMillis();
        for (String lease : leases.values()) {
            try {
                storage.setStudySystemAttr(studyId, lease, now);
            } catch (RuntimeException e) {
                // a missed renewal only risks a duplicate (deterministic) step; the next one may work
            }
        }
    }

    private void abandon(Snapshot s, int g, int m, int attempts) {
        Decision d = s.decisions(g).get(m);
        MemberRecord r = new MemberRecord(
                m,
                g,
                firstEpoch(g),
                lastEpoch(g),
                d.source,
                d.exploited,
                d.values,
                Double.NaN,
                Map.of(),
                null,
                "its worker died in each of " + attempts + " tries",
                attempts - 1,
                Map.of());
        record(r);
    }

    /** Stores a step's record; the first record of a step wins (a retried step trains the same). */
    private void record(MemberRecord r) {
        String key = stepKey(r.generation(), r.member());
        storage.setStudySystemAttrIfAbsent(studyId, key, Json.normalize(r.toJson(), key));
    }

    private static String stepKey(int g, int m) {
        return STEP_KEY + g + ":" + m;
    }

    private int firstEpoch(int g) {
        return g * settings.interval();
    }

    private int lastEpoch(int g) {
        return Math.min(settings.epochs(), (g + 1) * settings.interval());
    }

    private MemberRecord train(MemberTrainer trainer, Snapshot s, int g, int m, int attempt) {
        String key = claimKey(g, m, attempt);
        try {
            Decision d = s.decisions(g).get(m);
            String resumeFrom = null;
            if (g > 0) {
                MemberRecord from = s.record(g - 1, d.source);
                resumeFrom = from == null ? null : from.checkpoint().orElse(null);
            }
            MemberStep step = new MemberStep(
                    m,
                    g,
                    attempt,
                    firstEpoch(g),
                    lastEpoch(g),
                    study.seed() + m,
                    resumeFrom,
                    "m" + m + "-g" + g,
                    history(s, g, m));
            MemberResult result;
            if (g > 0 && resumeFrom == null) {
                result = MemberResult.failed("member " + d.source + " left no checkpoint in generation " + (g - 1));
            } else {
                try {
                    result = trainer.train(step);
                } catch (RuntimeException e) {
                    result = MemberResult.failed(String.valueOf(e.getMessage()));
                }
            }
            MemberRecord r = new MemberRecord(
                    m,
                    g,
                    step.firstEpoch(),
                    step.lastEpoch(),
                    d.source,
                    d.exploited,
                    d.values,
                    result.score(),
                    result.epochScores(),
                    result.checkpoint().orElse(null),
                    result.failure().orElse(null),
                    attempt,
                    result.extras());
            result.epochScores().forEach((epoch, score) -> {
                if (Double.isFinite(score)) {
                    try {
                        storage.setTrialIntermediateValue(studyId, m, epoch, ImmutableDoubleArray.of(score));
                    } catch (RuntimeException e) {
                        // reported already by an earlier try of this step whose worker died after it
                    }
                }
            });
            record(r);
            cleanup(trainer);
            return r;
        } finally {
            leases.remove(key);
        }
    }

    private void cleanup(MemberTrainer trainer) {
        for (Integer g : List.copyOf(pendingCleanup)) {
            pendingCleanup.remove(g);
            discardGeneration(trainer, g);
        }
    }

    private void discardGeneration(MemberTrainer trainer, int g) {
        Snapshot s = snapshot();
        for (int m = 0; m < settings.population(); m++) {
            MemberRecord r = s.record(g, m);
            if (r != null) {
                r.checkpoint().ifPresent(trainer::discard);
            }
        }
    }

    /** The segments of member m's weights up to generation g, following the copies back to generation 0. */
    private List<MemberStep.Segment> history(Snapshot s, int g, int m) {
        List<MemberStep.Segment> h = new ArrayList<>();
        int member = m;
        for (int k = g; k >= 0; k--) {
            Decision d = s.decisions(k).get(member);
            h.add(0, new MemberStep.Segment(firstEpoch(k), lastEpoch(k), d.values));
            member = d.source;
        }
        return h;
    }

    private void finish(MemberTrainer trainer) {
        cleanup(trainer);
        List<MemberRecord> records = records();
        int last = settings.generations() - 1;
        if (last >= 1 && owner.equals(storage.setStudySystemAttrIfAbsent(studyId, CLEANUP_KEY + (last - 1), owner))) {
            discardGeneration(trainer, last - 1);
        }
        List<MemberRecord> lineage = lineage(records, direction);
        List<Object> json = new ArrayList<>();
        for (MemberRecord r : lineage) {
            json.add(Map.of("generation", (long) r.generation(), "member", (long) r.member()));
        }
        storage.setStudySystemAttrIfAbsent(studyId, LINEAGE_KEY, Json.normalize(json, LINEAGE_KEY));
        for (MemberRecord r : records) {
            if (r.generation() != last) {
                continue;
            }
            try {
                if (r.isFailed()) {
                    storage.finishTrial(
                            studyId,
                            r.member(),
                            TrialState.FAIL,
                            null,
                            Map.of(FrozenTrial.FAIL_REASON_KEY, r.failure().orElse("")));
                } else {
                    storage.finishTrial(
                            studyId, r.member(), TrialState.COMPLETE, ImmutableDoubleArray.of(r.score()), Map.of());
                }
            } catch (IllegalStateException e) {
                // another worker finished it first
            }
        }
    }

    // ---- reading -------------------------------------------------------------------------------------

    /** Every step recorded so far, by generation then member. */
    public List<MemberRecord> records() {
        return records(storage.studySystemAttrs(studyId));
    }

    /** The final best member's lineage (one record per generation); empty until the run is finished. */
    public List<MemberRecord> lineage() {
        return isFinished() ? lineage(records(), direction) : List.of();
    }

    /** Every step recorded in a PBT study's system attributes, by generation then member. */
    public static List<MemberRecord> records(Map<String, @Nullable Object> studySystemAttrs) {
        List<MemberRecord> out = new ArrayList<>();
        studySystemAttrs.forEach((k, v) -> {
            if (k.startsWith(STEP_KEY) && v != null) {
                out.add(MemberRecord.fromJson(v));
            }
        });
        out.sort(Comparator.comparingInt(MemberRecord::generation).thenComparingInt(MemberRecord::member));
        return out;
    }

    /**
     * The lineage of the best member of the last recorded generation: the steps whose training produced
     * its weights, following every copy back to generation 0, in generation order.
     */
    public static List<MemberRecord> lineage(List<MemberRecord> records, StudyDirection direction) {
        if (records.isEmpty()) {
            return List.of();
        }
        int last = records.get(records.size() - 1).generation();
        Map<Long, MemberRecord> byKey = new LinkedHashMap<>();
        List<MemberRecord> final_ = new ArrayList<>();
        for (MemberRecord r : records) {
            byKey.put(((long) r.generation() << 32) | r.member(), r);
            if (r.generation() == last && !r.isFailed()) {
                final_.add(r);
            }
        }
        if (final_.isEmpty()) {
            return List.of();
        }
        final_.sort(ranking(direction));
        List<MemberRecord> chain = new ArrayList<>();
        MemberRecord r = final_.get(0);
        while (true) {
            chain.add(0, r);
            if (r.generation() == 0) {
                return chain;
            }
            MemberRecord from = byKey.get(((long) (r.generation() - 1) << 32) | r.source());
            if (from == null) {
                return chain;
            }
            r = from;
        }
    }

    private Snapshot snapshot() {
        return new Snapshot(storage.studySystemAttrs(studyId));
    }

    /** One generation's decision for one member. */
    private static final class Decision {
        final int source;
        final boolean exploited;
        final Map<String, Double> values;

        Decision(int source, boolean exploited, Map<String, Double> values) {
            this.source = source;
            this.exploited = exploited;
            this.values = values;
        }

        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("source", (long) source);
            m.put("exploited", exploited);
            m.put("values", new LinkedHashMap<String, Object>(values));
            return m;
        }

        @SuppressWarnings("unchecked")
        static Decision fromJson(Object json) {
            Map<String, Object> m = (Map<String, Object>) json;
            Map<String, Double> values = new LinkedHashMap<>();
            ((Map<String, Object>) m.get("values")).forEach((k, v) -> values.put(k, ((Number) v).doubleValue()));
            return new Decision(MemberRecord.integer(m.get("source")), Boolean.TRUE.equals(m.get("exploited")), values);
        }
    }

    /** The population as stored at one moment. */
    private final class Snapshot {
        private final Map<String, @Nullable Object> attrs;
        private final Map<Long, MemberRecord> records = new LinkedHashMap<>();

        Snapshot(Map<String, @Nullable Object> attrs) {
            this.attrs = attrs;
            for (MemberRecord r : Population.records(attrs)) {
                records.put(((long) r.generation() << 32) | r.member(), r);
            }
        }

        int lastDecided() {
            int g = -1;
            while (g + 1 < settings.generations() && attrs.containsKey(DECISIONS_KEY + (g + 1))) {
                g++;
            }
            return g;
        }

        @Nullable
        List<Decision> decisions(int g) {
            Object json = attrs.get(DECISIONS_KEY + g);
            if (json == null) {
                return null;
            }
            List<Decision> out = new ArrayList<>();
            for (Object d : (List<?>) json) {
                out.add(Decision.fromJson(d));
            }
            return out;
        }

        @Nullable
        MemberRecord record(int g, int m) {
            return records.get(((long) g << 32) | m);
        }

        boolean complete(int g) {
            for (int m = 0; m < settings.population(); m++) {
                if (record(g, m) == null) {
                    return false;
                }
            }
            return true;
        }

        int latestAttempt(int g, int m) {
            int a = -1;
            while (attrs.containsKey(claimKey(g, m, a + 1))) {
                a++;
            }
            return a;
        }

        /** The last sign of life of an attempt: its lease, else its claim's time. */
        long lease(int g, int m, int attempt) {
            Object lease = attrs.get(LEASE_KEY + g + ":" + m + ":" + attempt);
            if (lease instanceof Number) {
                return ((Number) lease).longValue();
            }
            Object claim = attrs.get(claimKey(g, m, attempt));
            if (claim instanceof Map && ((Map<?, ?>) claim).get("at") instanceof Number) {
                return ((Number) ((Map<?, ?>) claim).get("at")).longValue();
            }
            return 0;
        }
    }
}
