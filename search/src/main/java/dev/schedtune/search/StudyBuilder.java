package dev.schedtune.search;

import com.google.common.collect.ImmutableList;
import dev.schedtune.search.internal.Checks;
import dev.schedtune.search.internal.Json;
import dev.schedtune.search.pruner.MedianPruner;
import dev.schedtune.search.pruner.ParetoPruner;
import dev.schedtune.search.pruner.Pruner;
import dev.schedtune.search.sampler.RandomSampler;
import dev.schedtune.search.sampler.Sampler;
import dev.schedtune.search.storage.InMemoryStorage;
import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.storage.StudyExistsException;
import dev.schedtune.search.storage.StudyNotFoundException;
import dev.schedtune.search.storage.StudyRecord;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.trial.StudyView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Creates or loads a {@link Study}. Defaults: one MINIMIZE objective, {@link RandomSampler}, the median
 * pruner for one objective and the Pareto pruner for several, an {@link InMemoryStorage}, a random seed
 * (stored with the study, so a resumed study continues its random streams instead of replaying them), and
 * the default (never-blocking) conditioning mode.
 *
 * <p>Loading checks what the builder was told against what is stored: other directions, another seed or
 * another mode is an {@link IllegalArgumentException}; what the builder was not told is taken from storage.
 */
public final class StudyBuilder {
    private static final SplittableRandom SEEDS = new SplittableRandom();

    private final String name;
    private @Nullable List<StudyDirection> directions;
    private @Nullable Sampler sampler;
    private @Nullable Pruner pruner;
    private @Nullable Storage storage;
    private @Nullable String storageUrl;
    private boolean ownsStorage;
    private @Nullable Long seed;
    private @Nullable Boolean reproducible;
    private @Nullable Duration heartbeatInterval;
    private @Nullable Duration heartbeatGrace;
    private @Nullable Integer maxRetries;
    private @Nullable List<String> objectiveNames;
    private final Map<String, @Nullable Object> systemAttrs = new LinkedHashMap<>();

    StudyBuilder(String name) {
        this.name = Checks.checkName(name, "study name");
    }

    /** One objective in the given direction. */
    public StudyBuilder direction(StudyDirection d) {
        this.directions = List.of(d);
        return this;
    }

    /** One direction per objective. */
    public StudyBuilder directions(StudyDirection first, StudyDirection... rest) {
        List<StudyDirection> all = new ArrayList<>();
        all.add(first);
        all.addAll(List.of(rest));
        this.directions = ImmutableList.copyOf(all);
        return this;
    }

    public StudyBuilder directions(List<StudyDirection> ds) {
        if (ds.isEmpty()) {
            throw new IllegalArgumentException("directions must not be empty");
        }
        this.directions = ImmutableList.copyOf(ds);
        return this;
    }

    /**
     * Directions by name ({@code "minimize"}, {@code "maximize"}).
     *
     * @throws IllegalArgumentException naming an unknown direction
     */
    public StudyBuilder directions(String... names) {
        List<StudyDirection> ds = new ArrayList<>();
        for (String n : names) {
            ds.add(StudyDirection.parse(n));
        }
        return directions(ds);
    }

    /**
     * The objectives' names, one per direction (e.g. {@code objectiveNames("loss", "seconds")}), stored with
     * the study as Optuna stores {@code metric_names}: {@code schedtune show} and {@code report}, and Optuna's
     * own tools, show them instead of "objective 0", "objective 1". Loading a study with other names is an
     * error; loading one without names stores them.
     *
     * @throws IllegalArgumentException if a name is blank or repeated
     */
    public StudyBuilder objectiveNames(String... names) {
        List<String> ns = List.of(names);
        for (String n : ns) {
            if (n.isBlank()) {
                throw new IllegalArgumentException("objective names " + ns + " must not be blank");
            }
        }
        if (new java.util.HashSet<>(ns).size() != ns.size()) {
            throw new IllegalArgumentException("objective names " + ns + " must differ");
        }
        this.objectiveNames = ns;
        return this;
    }

    public StudyBuilder sampler(Sampler s) {
        this.sampler = s;
        return this;
    }

    public StudyBuilder pruner(Pruner p) {
        this.pruner = p;
        return this;
    }

    public StudyBuilder storage(Storage s) {
        this.storage = s;
        this.ownsStorage = false;
        return this;
    }

    /**
     * The storage at {@code url} (as {@link Storages#open}: a database URL or an SQLite file), opened when the
     * study is created or loaded and closed when the study is closed, or at once when creating or loading
     * fails. Each study created or loaded gets a storage of its own.
     */
    public StudyBuilder storage(String url) {
        this.storageUrl = url;
        this.storage = null;
        this.ownsStorage = true;
        return this;
    }

    /**
     * The study's seed: same seed, same trials (see {@link StudyView}). It is the one seed of the study: every
     * sampler built without a seed of its own draws from it. A sampler built with its own seed (e.g. {@code
     * TpeSampler.builder().seed(3)}) gives the study that seed when none is set here, and a different seed
     * here is refused.
     */
    public StudyBuilder seed(long s) {
        this.seed = s;
        return this;
    }

    /**
     * Reproducible mode: samplers condition trial {@code n} only on trials fixed by {@code n} (earlier
     * batches), waiting for them if needed, so a seeded study gives the same trials whatever the number of
     * workers and their timing. See {@link StudyView#conditioningSet}.
     */
    public StudyBuilder reproducible(boolean r) {
        this.reproducible = r;
        return this;
    }

    /**
     * Heartbeats: every running trial of this study object (from {@code optimize} or {@code ask}) records a
     * heartbeat every {@code interval}; before starting a trial, and while a reproducible-mode sampler waits,
     * the study marks FAIL any RUNNING trial whose heartbeat is older than {@code grace} (its worker died) and
     * enqueues its parameters again ({@link #maxRetries}). Trials that never recorded a heartbeat (workers
     * without heartbeats) are left alone. On a database shared by several machines the times compared are
     * the database's, so the workers' clocks need not agree.
     *
     * <p>The setting is stored with the study when it is created (or first loaded with it), so every worker
     * that loads the study uses the same one; loading with another interval or grace is an error.
     *
     * @throws IllegalArgumentException unless {@code 0 < interval < grace}
     */
    public StudyBuilder heartbeat(Duration interval, Duration grace) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("heartbeat interval (" + interval + ") must be > 0");
        }
        if (grace.compareTo(interval) <= 0) {
            throw new IllegalArgumentException(
                    "heartbeat grace (" + grace + ") must be longer than the interval (" + interval + ")");
        }
        this.heartbeatInterval = interval;
        this.heartbeatGrace = grace;
        return this;
    }

    /**
     * How many times the parameters of a trial whose worker died (no heartbeat within the grace period) are
     * run again, as new enqueued trials (Optuna's {@code RetryFailedTrialCallback(max_retry)} semantics); 0
     * for never. Default 1: a trial runs at most twice. Stored with the study, like the heartbeat.
     *
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public StudyBuilder maxRetries(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("maxRetries (" + n + ") must be >= 0");
        }
        this.maxRetries = n;
        return this;
    }

    /**
     * A system attribute stored with the study when {@link #create()} makes it, in the same transaction, so
     * no worker ever sees the study without it (e.g. what workers need to run the study's objective).
     * Ignored when an existing study is loaded. Keys starting with {@code schedtune:} are reserved for
     * schedtune.
     *
     * @throws IllegalArgumentException if the value has no JSON form
     */
    public StudyBuilder systemAttr(String key, @Nullable Object value) {
        Checks.checkName(key, "system attr key");
        systemAttrs.put(key, Json.normalize(value, "system attr '" + key + "'"));
        return this;
    }

    /**
     * Creates the study.
     *
     * @throws StudyExistsException if the storage holds a study of this name
     */
    public Study create() {
        return withStorage(this::create);
    }

    private Study create(Storage st) {
        List<StudyDirection> ds = directions == null ? List.of(StudyDirection.MINIMIZE) : directions;
        Long given = givenSeed();
        long s = given != null ? given : SEEDS.split().nextLong();
        boolean r = reproducible != null && reproducible;
        Map<String, @Nullable Object> attrs = new LinkedHashMap<>(systemAttrs);
        attrs.put(Study.SEED_KEY, s);
        attrs.put(Study.REPRODUCIBLE_KEY, r);
        if (heartbeatInterval != null && heartbeatGrace != null) {
            attrs.put(Study.HEARTBEAT_KEY, heartbeatAttr(heartbeatInterval, heartbeatGrace));
        }
        int retries = maxRetries != null ? maxRetries : DEFAULT_MAX_RETRIES;
        attrs.put(Study.MAX_RETRIES_KEY, (long) retries);
        if (objectiveNames != null) {
            checkNameCount(ds);
            attrs.put(Study.METRIC_NAMES_KEY, objectiveNames);
        }
        StudyRecord record = st.createStudy(name, ds, attrs);
        return build(st, record, s, r, heartbeatInterval, heartbeatGrace, retries);
    }

    /**
     * The seed this builder was given: its own, or else the sampler's own one; null for none.
     *
     * @throws IllegalArgumentException if both are given and differ
     */
    private @Nullable Long givenSeed() {
        OptionalLong own = sampler == null ? OptionalLong.empty() : sampler.ownSeed();
        if (own.isEmpty()) {
            return seed;
        }
        if (seed != null && seed != own.getAsLong()) {
            throw new IllegalArgumentException("study '" + name + "' is given seed " + seed + " but its sampler "
                    + sampler + " has its own seed " + own.getAsLong() + "; give one seed: Study.builder().seed(n)"
                    + " with a sampler built without one (it then draws from the study's seed)");
        }
        return own.getAsLong();
    }

    private void checkNameCount(List<StudyDirection> ds) {
        if (objectiveNames != null && objectiveNames.size() != ds.size()) {
            throw new IllegalArgumentException("study '" + name + "' has " + ds.size() + " objectives " + ds + " but "
                    + objectiveNames.size() + " objective names " + objectiveNames);
        }
    }

    /** Retries of a dead worker's trial when neither the builder nor the stored study says. */
    static final int DEFAULT_MAX_RETRIES = 1;

    private static Map<String, Long> heartbeatAttr(Duration interval, Duration grace) {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("interval_ms", interval.toMillis());
        m.put("grace_ms", grace.toMillis());
        return m;
    }

    /**
     * Loads the study to resume it.
     *
     * @throws StudyNotFoundException if there is none of this name
     * @throws IllegalArgumentException if directions, seed or mode contradict the stored ones
     */
    public Study load() {
        return withStorage(this::load);
    }

    private Study load(Storage st) {
        Optional<StudyRecord> found = st.findStudy(name);
        if (found.isEmpty()) {
            List<String> names = new ArrayList<>();
            st.studies().forEach(r -> names.add(r.name()));
            throw new StudyNotFoundException(name, names);
        }
        return resume(st, found.get());
    }

    /** Loads the study if it exists, else creates it. */
    public Study createOrLoad() {
        return withStorage(this::createOrLoad);
    }

    private Study createOrLoad(Storage st) {
        Optional<StudyRecord> found = st.findStudy(name);
        if (found.isPresent()) {
            return resume(st, found.get());
        }
        try {
            return create(st);
        } catch (StudyExistsException raced) {
            return resume(st, st.findStudy(name).orElseThrow(() -> raced));
        }
    }

    private Study resume(Storage st, StudyRecord record) {
        if (directions != null && !directions.equals(record.directions())) {
            throw new IllegalArgumentException(
                    "study '" + name + "' has directions " + record.directions() + ", not " + directions);
        }
        Long given = givenSeed();
        long s = storedOrSet(
                st,
                record,
                Study.SEED_KEY,
                given != null ? given : SEEDS.split().nextLong(),
                given);
        boolean r = storedOrSet(st, record, Study.REPRODUCIBLE_KEY, reproducible != null && reproducible, reproducible);
        Duration interval = null;
        Duration grace = null;
        Object beat = heartbeatInterval != null && heartbeatGrace != null
                ? storedOrSet(
                        st,
                        record,
                        Study.HEARTBEAT_KEY,
                        heartbeatAttr(heartbeatInterval, heartbeatGrace),
                        heartbeatAttr(heartbeatInterval, heartbeatGrace))
                : st.studySystemAttrs(record.studyId()).get(Study.HEARTBEAT_KEY);
        if (beat instanceof Map<?, ?>) {
            Object i = ((Map<?, ?>) beat).get("interval_ms");
            Object g = ((Map<?, ?>) beat).get("grace_ms");
            if (!(i instanceof Long) || !(g instanceof Long) || (Long) i <= 0 || (Long) g <= (Long) i) {
                throw new IllegalArgumentException(
                        "study '" + name + "' has a malformed system attr " + Study.HEARTBEAT_KEY + ": " + beat);
            }
            interval = Duration.ofMillis((Long) i);
            grace = Duration.ofMillis((Long) g);
        } else if (beat != null) {
            throw new IllegalArgumentException(
                    "study '" + name + "' has a malformed system attr " + Study.HEARTBEAT_KEY + ": " + beat);
        }
        if (objectiveNames != null) {
            checkNameCount(record.directions());
            storedOrSet(st, record, Study.METRIC_NAMES_KEY, objectiveNames, objectiveNames);
        }
        long retries = storedOrSet(
                st,
                record,
                Study.MAX_RETRIES_KEY,
                (long) (maxRetries != null ? maxRetries : DEFAULT_MAX_RETRIES),
                maxRetries != null ? (long) maxRetries : null);
        Study study = build(st, record, s, r, interval, grace, (int) Math.min(Integer.MAX_VALUE, Math.max(0, retries)));
        study.rememberKinds(st.trials(record.studyId()));
        return study;
    }

    /** The stored value of a setting (stored now if absent), checked against an explicitly given one. */
    @SuppressWarnings("unchecked")
    private <T> T storedOrSet(Storage st, StudyRecord record, String key, T fallback, @Nullable T given) {
        // maps are compared by content (a stored map reads back as another Map class)
        Object stored = st.setStudySystemAttrIfAbsent(record.studyId(), key, fallback);
        Class<?> type = fallback instanceof Map<?, ?>
                ? Map.class
                : fallback instanceof List<?> ? List.class : fallback.getClass();
        if (stored == null || !type.isInstance(stored)) {
            throw new IllegalArgumentException(
                    "study '" + name + "' has a malformed system attr " + key + ": " + stored);
        }
        if (given != null && !given.equals(stored)) {
            throw new IllegalArgumentException(
                    "study '" + name + "' was created with " + key + " = " + stored + ", not " + given);
        }
        return (T) stored;
    }

    private Study build(
            Storage st,
            StudyRecord record,
            long s,
            boolean r,
            @Nullable Duration interval,
            @Nullable Duration grace,
            int retries) {
        Sampler sm = sampler != null ? sampler : RandomSampler.create();
        Pruner p = pruner != null
                ? pruner
                : record.directions().size() == 1 ? MedianPruner.create() : ParetoPruner.create();
        Study study = new Study(st, record, sm, p, s, r, interval, grace, retries);
        study.ownsStorage = ownsStorage;
        return study;
    }

    /**
     * Makes a study on the builder's storage. A storage the builder opened from a URL belongs to the study
     * made, or is closed at once if making it fails (a wrong name, direction or seed must not leave an SQLite
     * file or a connection pool open); either way the next study of this builder opens its own.
     */
    private Study withStorage(Function<Storage, Study> make) {
        Storage st = storage();
        if (ownsStorage) {
            storage = null;
        }
        try {
            return make.apply(st);
        } catch (RuntimeException | Error e) {
            if (ownsStorage) {
                try {
                    st.close();
                } catch (RuntimeException closing) {
                    e.addSuppressed(closing);
                }
            }
            throw e;
        }
    }

    private Storage storage() {
        if (storage == null) {
            storage = storageUrl != null ? Storages.open(storageUrl) : new InMemoryStorage();
        }
        return storage;
    }
}
