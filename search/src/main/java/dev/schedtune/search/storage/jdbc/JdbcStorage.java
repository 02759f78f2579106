package dev.schedtune.search.storage.jdbc;

import com.google.common.primitives.ImmutableDoubleArray;
import dev.schedtune.search.distribution.Distribution;
import dev.schedtune.search.internal.Json;
import dev.schedtune.search.storage.Retries;
import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.storage.StudyRecord;
import dev.schedtune.search.storage.StudySummary;
import dev.schedtune.search.storage.TrialNotRunningException;
import dev.schedtune.search.storage.jdbc.ConnectionSource.Work;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.trial.StudyTrials;
import dev.schedtune.search.trial.TrialState;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Studies in a relational database, in Optuna's RDB table layout (see {@link Schema}): SQLite ({@link
 * SqliteStorage}) and PostgreSQL ({@link PostgresStorage}), through one code path for the rows that differs
 * only by {@link SqlDialect}.
 *
 * <p>This class holds the create/read/update of studies and trials (heartbeats included). Every operation
 * is one short transaction run by {@link Transactions}, which retries transient failures and keeps retried
 * writes from running twice. Reads are incremental: a per-study {@link StudyCache} keeps finished trials
 * forever (they never change), trials this storage runs are kept current by its own writes, and a {@link
 * TrialSync} chosen by the dialect reads only what changed — never the whole study. So the cost per trial
 * stays flat as a study grows.
 */
public final class JdbcStorage implements Storage {
    private final SqlDialect dialect;
    private final Transactions tx;
    private final TrialFetcher fetcher;
    private final TrialSync sync;
    private final StudyRows studies;
    private final ConcurrentHashMap<Long, StudyCache> caches = new ConcurrentHashMap<>();

    JdbcStorage(SqlDialect dialect, ConnectionSource source, String where, Duration retryFor, String libraryVersion) {
        this(dialect, source, where, retryFor, libraryVersion, false);
    }

    /**
     * With {@code readOnly}, the database is only read: an Optuna database is not adopted, an older schedtune
     * schema not migrated, the tables of ours it lacks are simply not read, and every write is refused.
     */
    JdbcStorage(
            SqlDialect dialect,
            ConnectionSource source,
            String where,
            Duration retryFor,
            String libraryVersion,
            boolean readOnly) {
        this.dialect = dialect;
        this.tx = new Transactions(dialect, source, where, retryFor, readOnly);
        Schema.Found found = tx.run(
                "open the schema",
                s -> readOnly ? Schema.check(s, dialect, where) : Schema.ensure(s, dialect, libraryVersion, where));
        this.fetcher = new TrialFetcher(dialect, new Encoding(), found.extraIntermediateValues());
        this.sync = TrialSync.of(dialect.hasChangeLog() && found.changeLog(), dialect, tx, fetcher);
        this.studies = new StudyRows(dialect, tx);
    }

    /** Where the data lives, for messages (a file path or a URL without password). */
    public String location() {
        return tx.where();
    }

    // ---- studies (rows in StudyRows) ---------------------------------------------------------------

    @Override
    public StudyRecord createStudy(
            String name, List<StudyDirection> directions, Map<String, @Nullable Object> systemAttrs) {
        return studies.create(name, directions, systemAttrs);
    }

    @Override
    public Optional<StudyRecord> findStudy(String name) {
        return studies.find(name);
    }

    @Override
    public List<StudyRecord> studies() {
        return studies.all();
    }

    @Override
    public void deleteStudy(String name) {
        caches.remove(studies.delete(name));
    }

    @Override
    public Map<String, @Nullable Object> studyUserAttrs(long studyId) {
        return studies.attrs(StudyRows.USER_ATTRS, studyId);
    }

    @Override
    public Map<String, @Nullable Object> studySystemAttrs(long studyId) {
        return studies.attrs(StudyRows.SYSTEM_ATTRS, studyId);
    }

    @Override
    public void setStudyUserAttr(long studyId, String key, @Nullable Object value) {
        studies.setAttr(StudyRows.USER_ATTRS, studyId, key, value);
    }

    @Override
    public void setStudySystemAttr(long studyId, String key, @Nullable Object value) {
        studies.setAttr(StudyRows.SYSTEM_ATTRS, studyId, key, value);
    }

    @Override
    public @Nullable Object setStudySystemAttrIfAbsent(long studyId, String key, @Nullable Object value) {
        return studies.setSystemAttrIfAbsent(studyId, key, value);
    }

    /** Counts by state with one aggregate query, and the COMPLETE trials' values and constraints only. */
    @Override
    public StudySummary summary(long studyId) {
        return studies.summary(studyId);
    }

    // ---- trials: writes ----------------------------------------------------------------------------

    /**
     * A write to one trial. If the trial turns out not to be RUNNING any more (told, or failed by another
     * worker's heartbeat check), the cache learns its stored state before the exception goes on, so this
     * storage stops treating it as its own running trial.
     */
    private <T> T writeTrial(StudyCache cache, int number, long trialId, String what, Work<T> work) {
        try {
            return tx.write(what, work);
        } catch (TrialNotRunningException e) {
            // a list: the trial may be gone (its study deleted meanwhile)
            List<FrozenTrial> now = tx.read(
                    "read trial " + number,
                    s -> fetcher.fetch(s, cache.nObjectives, "t.trial_id = ?", p -> p.setLong(1, trialId)));
            synchronized (cache) {
                cache.owned.remove(number);
                now.forEach(cache::putRead);
            }
            throw e;
        }
    }

    @Override
    public Optional<FrozenTrial> createTrial(
            long studyId,
            TrialState state,
            int numberLimit,
            Map<String, @Nullable Object> userAttrs,
            Map<String, @Nullable Object> systemAttrs,
            boolean heartbeat) {
        if (state != TrialState.RUNNING && state != TrialState.WAITING) {
            throw new IllegalArgumentException("a new trial is RUNNING or WAITING, not " + state);
        }
        StudyCache cache = cache(studyId);
        Optional<FrozenTrial> created = tx.write(
                "create a trial",
                tx.once(
                        s -> insertTrial(s, studyId, state, numberLimit, userAttrs, systemAttrs, heartbeat),
                        JdbcStorage::idOrNone,
                        (s, id) -> fetchById(s, cache, id)));
        created.ifPresent(t -> applyOwn(cache, t));
        return created;
    }

    /** Inserts a trial with the next number (under the study lock), inside the caller's write transaction. */
    private Optional<FrozenTrial> insertTrial(
            Session s,
            long studyId,
            TrialState state,
            int numberLimit,
            Map<String, @Nullable Object> userAttrs,
            Map<String, @Nullable Object> systemAttrs,
            boolean heartbeat)
            throws SQLException {
        dialect.lockStudy(s.connection(), studyId);
        PreparedStatement next = s.prepare("SELECT COALESCE(MAX(number), -1) + 1 FROM trials WHERE study_id = ?");
        next.setLong(1, studyId);
        int number;
        try (ResultSet rs = next.executeQuery()) {
            rs.next();
            number = rs.getInt(1);
        }
        if (numberLimit != Integer.MAX_VALUE
                && number >= Retries.extendedLimit(numberLimit, StudyRows.longAttr(s, studyId, Retries.RETRIES_KEY))) {
            return Optional.empty();
        }
        Instant start = state == TrialState.RUNNING ? dialect.now(s) : null;
        PreparedStatement ins = s.prepare(dialect.returningId(
                "INSERT INTO trials (number, study_id, state, datetime_start, datetime_complete) VALUES (?, ?, "
                        + dialect.enumParam("trialstate") + ", ?, NULL)",
                "trial_id"));
        ins.setInt(1, number);
        ins.setLong(2, studyId);
        ins.setString(3, state.name());
        dialect.setTimestamp(ins, 4, start);
        long trialId = dialect.insertReturningId(ins, s.connection(), "trial_id");
        if (heartbeat && state == TrialState.RUNNING) {
            beat(s, trialId, start);
        }
        FrozenTrial.Builder b =
                FrozenTrial.builder(number, state).trialId(trialId).datetimeStart(start);
        for (Map.Entry<String, @Nullable Object> e : userAttrs.entrySet()) {
            upsertTrialAttr(s, "trial_user_attributes", trialId, e.getKey(), e.getValue());
            b.userAttr(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, @Nullable Object> e : systemAttrs.entrySet()) {
            upsertTrialAttr(s, "trial_system_attributes", trialId, e.getKey(), e.getValue());
            b.systemAttr(e.getKey(), e.getValue());
        }
        return Optional.of(b.build());
    }

    @Override
    public Optional<FrozenTrial> claimWaitingTrial(long studyId, boolean heartbeat) {
        StudyCache cache = cache(studyId);
        String pick = "SELECT trial_id FROM trials WHERE study_id = ? AND state = " + dialect.enumParam("trialstate")
                + " ORDER BY number LIMIT 1";
        boolean any = tx.read("look for enqueued trials", s -> {
            PreparedStatement ps = s.prepare(pick);
            ps.setLong(1, studyId);
            ps.setString(2, TrialState.WAITING.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        });
        if (!any) {
            return Optional.empty();
        }
        Optional<FrozenTrial> claimed = tx.write(
                "claim an enqueued trial",
                tx.once(
                        s -> {
                            PreparedStatement ps = s.prepare(pick + dialect.skipLocked());
                            ps.setLong(1, studyId);
                            ps.setString(2, TrialState.WAITING.name());
                            long trialId;
                            try (ResultSet rs = ps.executeQuery()) {
                                if (!rs.next()) {
                                    return Optional.<FrozenTrial>empty();
                                }
                                trialId = rs.getLong(1);
                            }
                            PreparedStatement up =
                                    s.prepare("UPDATE trials SET state = " + dialect.enumParam("trialstate")
                                            + ", datetime_start = ? WHERE trial_id = ? AND state = "
                                            + dialect.enumParam("trialstate"));
                            Instant start = dialect.now(s);
                            up.setString(1, TrialState.RUNNING.name());
                            dialect.setTimestamp(up, 2, start);
                            up.setLong(3, trialId);
                            up.setString(4, TrialState.WAITING.name());
                            if (up.executeUpdate() != 1) {
                                return Optional.<FrozenTrial>empty();
                            }
                            if (heartbeat) {
                                beat(s, trialId, start);
                            }
                            return Optional.of(fetcher.fetchOne(s, cache.nObjectives, trialId));
                        },
                        JdbcStorage::idOrNone,
                        (s, id) -> fetchById(s, cache, id)));
        claimed.ifPresent(t -> applyOwn(cache, t));
        return claimed;
    }

    @Override
    public void setTrialParam(long studyId, int number, String name, double internal, Distribution distribution) {
        StudyCache cache = cache(studyId);
        long trialId = trialId(cache, number);
        writeTrial(
                cache,
                number,
                trialId,
                "set parameter '" + name + "' of trial " + number,
                tx.once(
                        s -> {
                            PreparedStatement ps = s.prepare(
                                    "INSERT INTO trial_params (trial_id, param_name, param_value, distribution_json) SELECT ?, ?, ?, ?"
                                            + " WHERE EXISTS (SELECT 1 FROM trials WHERE trial_id = ? AND state = "
                                            + dialect.enumParam("trialstate") + ")");
                            ps.setLong(1, trialId);
                            ps.setString(2, name);
                            ps.setDouble(3, internal);
                            ps.setString(4, distribution.toJson());
                            ps.setLong(5, trialId);
                            ps.setString(6, TrialState.RUNNING.name());
                            requireRunning(s, ps.executeUpdate(), cache, number, trialId);
                            return Boolean.TRUE;
                        },
                        done -> 1,
                        (s, done) -> Boolean.TRUE));
        updateOwn(cache, number, b -> b.param(name, internal, distribution));
    }

    @Override
    public void setTrialIntermediateValue(long studyId, int number, long step, ImmutableDoubleArray values) {
        StudyCache cache = cache(studyId);
        long trialId = trialId(cache, number);
        boolean stored = writeTrial(
                cache,
                number,
                trialId,
                "report step " + step + " of trial " + number,
                tx.once(
                        s -> {
                            PreparedStatement ps = s.prepare("INSERT INTO trial_intermediate_values"
                                    + " (trial_id, step, intermediate_value, intermediate_value_type) SELECT ?, ?, ?, "
                                    + dialect.enumParam("trialintermediatevaluetype")
                                    + " WHERE EXISTS (SELECT 1 FROM trials WHERE trial_id = ? AND state = "
                                    + dialect.enumParam("trialstate")
                                    + ") AND NOT EXISTS (SELECT 1 FROM trial_intermediate_values"
                                    + " WHERE trial_id = ? AND step = ?)");
                            double v0 = values.get(0);
                            ps.setLong(1, trialId);
                            ps.setLong(2, step);
                            setNullableDouble(ps, 3, v0);
                            ps.setString(4, Encoding.intermediateType(v0));
                            ps.setLong(5, trialId);
                            ps.setString(6, TrialState.RUNNING.name());
                            ps.setLong(7, trialId);
                            ps.setLong(8, step);
                            if (ps.executeUpdate() == 0) {
                                requireRunning(s, 0, cache, number, trialId);
                                return false; // the step was reported before: the first report wins
                            }
                            if (values.length() > 1) {
                                PreparedStatement more = s.prepare("INSERT INTO schedtune_intermediate_values"
                                        + " (trial_id, step, objective, value, value_type) VALUES (?, ?, ?, ?, ?)");
                                for (int i = 1; i < values.length(); i++) {
                                    more.setLong(1, trialId);
                                    more.setLong(2, step);
                                    more.setInt(3, i);
                                    setNullableDouble(more, 4, values.get(i));
                                    more.setString(5, Encoding.intermediateType(values.get(i)));
                                    more.executeUpdate();
                                }
                            }
                            return true;
                        },
                        done -> done ? 1 : 0,
                        (s, done) -> done == 1));
        if (stored) {
            updateOwn(cache, number, b -> b.intermediateValue(step, values));
        }
    }

    @Override
    public void setTrialUserAttr(long studyId, int number, String key, @Nullable Object value) {
        setTrialAttr("trial_user_attributes", studyId, number, key, value);
        updateOwn(cache(studyId), number, b -> b.userAttr(key, value));
    }

    @Override
    public void setTrialSystemAttr(long studyId, int number, String key, @Nullable Object value) {
        setTrialAttr("trial_system_attributes", studyId, number, key, value);
        updateOwn(cache(studyId), number, b -> b.systemAttr(key, value));
    }

    private void setTrialAttr(String table, long studyId, int number, String key, @Nullable Object value) {
        StudyCache cache = cache(studyId);
        long trialId = trialId(cache, number);
        writeTrial(cache, number, trialId, "set attribute '" + key + "' of trial " + number, s -> {
            PreparedStatement ps = s.prepare("INSERT INTO " + table + " (trial_id, \"key\", value_json) SELECT ?, ?, ?"
                    + " WHERE EXISTS (SELECT 1 FROM trials WHERE trial_id = ? AND state = "
                    + dialect.enumParam("trialstate") + ")"
                    + " ON CONFLICT (trial_id, \"key\") DO UPDATE SET value_json = excluded.value_json");
            ps.setLong(1, trialId);
            ps.setString(2, key);
            ps.setString(3, Json.write(value));
            ps.setLong(4, trialId);
            ps.setString(5, TrialState.RUNNING.name());
            requireRunning(s, ps.executeUpdate(), cache, number, trialId);
            return null;
        });
    }

    private static void upsertTrialAttr(Session s, String table, long trialId, String key, @Nullable Object value)
            throws SQLException {
        AttributeRows.upsert(s, table, "trial_id", trialId, key, value);
    }

    @Override
    public FrozenTrial finishTrial(
            long studyId,
            int number,
            TrialState state,
            @Nullable ImmutableDoubleArray values,
            Map<String, @Nullable Object> systemAttrs) {
        if (!state.isFinished()) {
            throw new IllegalArgumentException("a trial finishes COMPLETE, PRUNED or FAIL, not " + state);
        }
        StudyCache cache = cache(studyId);
        long trialId = trialId(cache, number);
        boolean owned;
        synchronized (cache) {
            owned = cache.owned.contains(number);
        }
        Finished finished = writeTrial(
                cache,
                number,
                trialId,
                "finish trial " + number,
                tx.once(
                        s -> {
                            Instant complete = dialect.now(s);
                            PreparedStatement up =
                                    s.prepare("UPDATE trials SET state = " + dialect.enumParam("trialstate")
                                            + ", datetime_complete = ? WHERE trial_id = ? AND state = "
                                            + dialect.enumParam("trialstate"));
                            up.setString(1, state.name());
                            dialect.setTimestamp(up, 2, complete);
                            up.setLong(3, trialId);
                            up.setString(4, TrialState.RUNNING.name());
                            requireRunning(s, up.executeUpdate(), cache, number, trialId);
                            if (values != null) {
                                PreparedStatement ins =
                                        s.prepare("INSERT INTO trial_values (trial_id, objective, value, value_type)"
                                                + " VALUES (?, ?, ?, " + dialect.enumParam("trialvaluetype") + ")");
                                for (int i = 0; i < values.length(); i++) {
                                    ins.setLong(1, trialId);
                                    ins.setInt(2, i);
                                    setNullableDouble(ins, 3, values.get(i));
                                    ins.setString(4, Encoding.valueType(values.get(i)));
                                    ins.executeUpdate();
                                }
                            }
                            for (Map.Entry<String, @Nullable Object> e : systemAttrs.entrySet()) {
                                upsertTrialAttr(s, "trial_system_attributes", trialId, e.getKey(), e.getValue());
                            }
                            if (owned) {
                                return new Finished(null, complete);
                            }
                            return new Finished(fetcher.fetchOne(s, cache.nObjectives, trialId), complete);
                        },
                        done -> 1,
                        (s, done) -> {
                            FrozenTrial t = fetcher.fetchOne(s, cache.nObjectives, trialId);
                            return new Finished(owned ? null : t, Objects.requireNonNull(t.datetimeComplete()));
                        }));
        synchronized (cache) {
            if (finished.read != null) {
                cache.putRead(finished.read);
                return finished.read;
            }
            FrozenTrial.Builder b = cache.trials.get(number).toBuilder()
                    .withState(state)
                    .values(values)
                    .datetimeComplete(finished.complete);
            systemAttrs.forEach(b::systemAttr);
            FrozenTrial t = b.build();
            cache.putOwn(t);
            return t;
        }
    }

    /** A finished trial as read back (for a trial another worker ran), or just its completion time. */
    private record Finished(@Nullable FrozenTrial read, Instant complete) {}

    private void beat(Session s, long trialId, Instant at) throws SQLException {
        PreparedStatement ps = s.prepare("INSERT INTO trial_heartbeats (trial_id, heartbeat) VALUES (?, ?)"
                + " ON CONFLICT (trial_id) DO UPDATE SET heartbeat = excluded.heartbeat");
        ps.setLong(1, trialId);
        dialect.setHeartbeat(ps, 2, at);
        ps.executeUpdate();
    }

    @Override
    public void recordHeartbeat(long studyId, int number) {
        StudyCache cache = cache(studyId);
        long trialId = trialId(cache, number);
        writeTrial(cache, number, trialId, "record a heartbeat of trial " + number, s -> {
            PreparedStatement ps = s.prepare("INSERT INTO trial_heartbeats (trial_id, heartbeat) SELECT ?, ?"
                    + " WHERE EXISTS (SELECT 1 FROM trials WHERE trial_id = ? AND state = "
                    + dialect.enumParam("trialstate") + ")"
                    + " ON CONFLICT (trial_id) DO UPDATE SET heartbeat = excluded.heartbeat");
            ps.setLong(1, trialId);
            dialect.setHeartbeat(ps, 2, dialect.now(s));
            ps.setLong(3, trialId);
            ps.setString(4, TrialState.RUNNING.name());
            requireRunning(s, ps.executeUpdate(), cache, number, trialId);
            return null;
        });
    }

    @Override
    public List<FrozenTrial> failStaleTrials(long studyId, Duration grace, int maxRetries) {
        StudyCache cache = cache(studyId);
        Stale stale = tx.write("fail stale trials", s -> {
            Instant now = dialect.now(s);
            PreparedStatement sel = s.prepare("SELECT t.trial_id FROM trials t JOIN trial_heartbeats h"
                    + " ON h.trial_id = t.trial_id WHERE t.study_id = ? AND t.state = "
                    + dialect.enumParam("trialstate") + " AND h.heartbeat < ? ORDER BY t.number");
            sel.setLong(1, studyId);
            sel.setString(2, TrialState.RUNNING.name());
            dialect.setHeartbeat(sel, 3, now.minus(grace));
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = sel.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            List<FrozenTrial> failed = new ArrayList<>();
            List<FrozenTrial> retries = new ArrayList<>();
            for (long id : ids) {
                PreparedStatement up = s.prepare("UPDATE trials SET state = " + dialect.enumParam("trialstate")
                        + ", datetime_complete = ? WHERE trial_id = ? AND state = " + dialect.enumParam("trialstate"));
                up.setString(1, TrialState.FAIL.name());
                dialect.setTimestamp(up, 2, now);
                up.setLong(3, id);
                up.setString(4, TrialState.RUNNING.name());
                if (up.executeUpdate() == 1) {
                    upsertTrialAttr(
                            s,
                            "trial_system_attributes",
                            id,
                            FrozenTrial.FAIL_REASON_KEY,
                            "no heartbeat for longer than " + grace);
                    FrozenTrial f = fetcher.fetchOne(s, cache.nObjectives, id);
                    failed.add(f);
                    Optional<Retries.Retry> retry = Retries.of(f, maxRetries);
                    if (retry.isPresent()) {
                        insertTrial(
                                        s,
                                        studyId,
                                        TrialState.WAITING,
                                        Integer.MAX_VALUE,
                                        retry.get().userAttrs(),
                                        retry.get().systemAttrs(),
                                        false)
                                .ifPresent(retries::add);
                        StudyRows.upsertAttr(
                                s,
                                StudyRows.SYSTEM_ATTRS,
                                studyId,
                                Retries.RETRIES_KEY,
                                StudyRows.longAttr(s, studyId, Retries.RETRIES_KEY) + 1);
                    }
                }
            }
            return new Stale(failed, retries);
        });
        synchronized (cache) {
            for (FrozenTrial t : stale.failed) {
                if (t.number() > cache.trials.size()) {
                    sync.sync(cache, true); // another worker's trial this cache has not read yet
                }
                cache.putRead(t);
            }
        }
        for (FrozenTrial t : stale.retries) {
            applyOwn(cache, t);
        }
        return stale.failed;
    }

    private record Stale(List<FrozenTrial> failed, List<FrozenTrial> retries) {}

    /** The trial_id of a created or claimed trial, or -1 for none: what {@link RequestLog} records. */
    private static long idOrNone(Optional<FrozenTrial> t) {
        return t.map(FrozenTrial::trialId).orElse(-1L);
    }

    /** A trial by id, or empty for -1. */
    private Optional<FrozenTrial> fetchById(Session s, StudyCache cache, long trialId) throws SQLException {
        if (trialId < 0) {
            return Optional.empty();
        }
        return Optional.of(fetcher.fetchOne(s, cache.nObjectives, trialId));
    }

    // ---- trials: reads -----------------------------------------------------------------------------

    @Override
    public StudyTrials trials(long studyId) {
        StudyCache cache = cache(studyId);
        synchronized (cache) {
            sync.sync(cache, false);
            return cache.trials;
        }
    }

    @Override
    public FrozenTrial trial(long studyId, int number) {
        StudyCache cache = cache(studyId);
        synchronized (cache) {
            if (cache.owned.contains(number)) {
                return cache.trials.get(number); // our own writes keep it current
            }
            sync.sync(cache, number >= cache.trials.size());
            if (number < 0 || number >= cache.trials.size()) {
                throw new IllegalArgumentException("study " + studyId + " has no trial " + number + " (it has "
                        + cache.trials.size() + " trials)");
            }
            return cache.trials.get(number);
        }
    }

    /** Drops the cached trials of a study this storage runs no trial of; they are read again if needed. */
    @Override
    public void release(long studyId) {
        StudyCache c = caches.get(studyId);
        if (c != null) {
            synchronized (c) {
                if (c.owned.isEmpty()) {
                    caches.remove(studyId, c);
                }
            }
        }
    }

    /** How many studies this storage keeps in memory (for tests). */
    int cachedStudies() {
        return caches.size();
    }

    // ---- cache helpers -----------------------------------------------------------------------------

    private StudyCache cache(long studyId) {
        StudyCache c = caches.get(studyId);
        if (c != null) {
            return c;
        }
        int nObjectives = studies.objectives(studyId);
        return caches.computeIfAbsent(studyId, id -> new StudyCache(id, nObjectives));
    }

    private long trialId(StudyCache cache, int number) {
        synchronized (cache) {
            if (number >= cache.trials.size()) {
                sync.sync(cache, true);
            }
            if (number < 0 || number >= cache.trials.size()) {
                throw new IllegalArgumentException(
                        "study " + cache.studyId + " has no trial " + number + " (it has " + cache.trials.size() + ")");
            }
            return cache.trials.get(number).trialId();
        }
    }

    private void applyOwn(StudyCache cache, FrozenTrial t) {
        synchronized (cache) {
            if (t.number() > cache.trials.size()) {
                sync.sync(cache, true);
            }
            cache.putOwn(t);
        }
    }

    private interface Edit {
        void apply(FrozenTrial.Builder b);
    }

    private void updateOwn(StudyCache cache, int number, Edit edit) {
        synchronized (cache) {
            if (!cache.owned.contains(number)) {
                return;
            }
            FrozenTrial.Builder b = cache.trials.get(number).toBuilder();
            edit.apply(b);
            cache.putOwn(b.build());
        }
    }

    /** Throws the right exception when a guarded write touched no row because the trial is not RUNNING. */
    private void requireRunning(Session s, int rows, StudyCache cache, int number, long trialId) throws SQLException {
        if (rows > 0) {
            return;
        }
        PreparedStatement ps = s.prepare("SELECT state FROM trials WHERE trial_id = ?");
        ps.setLong(1, trialId);
        String state;
        try (ResultSet rs = ps.executeQuery()) {
            state = rs.next() ? rs.getString(1) : "missing";
        }
        if (TrialState.RUNNING.name().equals(state)) {
            return;
        }
        throw TrialNotRunningException.of(number, Long.toString(cache.studyId), state);
    }

    private static void setNullableDouble(PreparedStatement ps, int index, double v) throws SQLException {
        if (Encoding.isStoredAsNull(v)) {
            ps.setNull(index, java.sql.Types.DOUBLE);
        } else {
            ps.setDouble(index, v);
        }
    }

    @Override
    public void close() {
        tx.close();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + tx.where() + ")";
    }
}
