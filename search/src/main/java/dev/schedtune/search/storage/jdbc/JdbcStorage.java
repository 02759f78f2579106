package dev.schedtune.search.storage.jdbc;

import com.google.common.collect.ImmutableList;
import com.google.common.primitives.ImmutableDoubleArray;
import dev.schedtune.search.distribution.Distribution;
import dev.schedtune.search.internal.Json;
import dev.schedtune.search.storage.Retries;
import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.storage.StorageException;
import dev.schedtune.search.storage.StudyExistsException;
import dev.schedtune.search.storage.StudyNotFoundException;
import dev.schedtune.search.storage.StudyRecord;
import dev.schedtune.search.storage.StudySummary;
import dev.schedtune.search.storage.TrialNotRunningException;
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
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * Studies in a relational database, in Optuna's RDB table layout (see {@link Schema}): SQLite now
 * ({@link SqliteStorage}), PostgreSQL next, through one code path that differs only by {@link SqlDialect}.
 *
 * <p>Every operation is one short transaction. Transient failures (SQLite busy/locked, PostgreSQL
 * serialisation failures and deadlocks) are retried with jittered exponential back-off until
 * {@code retryFor} has passed, so several threads and processes can share a study without "database is
 * locked" reaching the user.
 *
 * <p>Reads are incremental: a per-study {@link StudyCache} keeps finished trials forever (they never change)
 * and, on each {@link #trials} call, reads only trials created since the last call and the unfinished trials
 * of other workers — never the whole study. On SQLite the call is skipped entirely when no other connection
 * has committed since ({@code PRAGMA data_version}). So the cost per trial stays flat as a study grows.
 */
public final class JdbcStorage implements Storage {
    private static final int IN_LIST_MAX = 512;

    private final SqlDialect dialect;
    private final ConnectionSource source;
    private final String where;
    private final Duration retryFor;
    private final TrialFetcher fetcher;
    private final ConcurrentHashMap<Long, StudyCache> caches = new ConcurrentHashMap<>();
    private final @Nullable RequestLog requests;
    /** Opened to read only: the schema is checked, never created or migrated, and every write is refused. */
    private final boolean readOnly;
    /** Whether the database keeps a change log that reads may use (see {@link #syncByChangeLog}). */
    private final boolean changeLog;

    JdbcStorage(SqlDialect dialect, ConnectionSource source, String where, Duration retryFor, String libraryVersion) {
        this(dialect, source, where, retryFor, libraryVersion, false);
    }

    /**
     * With {@code readOnly}, the database is only read: an Optuna database is not adopted, an older schedtune
     * schema not migrated, and the tables of ours it lacks are simply not read.
     */
    JdbcStorage(
            SqlDialect dialect,
            ConnectionSource source,
            String where,
            Duration retryFor,
            String libraryVersion,
            boolean readOnly) {
        this.dialect = dialect;
        this.source = source;
        this.where = where;
        this.retryFor = retryFor;
        this.readOnly = readOnly;
        Schema.Found found = run(
                "open the schema",
                s -> readOnly ? Schema.check(s, dialect, where) : Schema.ensure(s, dialect, libraryVersion, where));
        this.changeLog = dialect.hasChangeLog() && found.changeLog();
        this.fetcher = new TrialFetcher(dialect, new Encoding(), found.extraIntermediateValues());
        // a read-only storage writes nothing, so it keeps no log of its write requests
        this.requests = !readOnly && dialect.hasRequestLog() ? new RequestLog(dialect) : null;
    }

    /** Where the data lives, for messages (a file path or a URL without password). */
    public String location() {
        return where;
    }

    // ---- transactions ------------------------------------------------------------------------------

    private interface Tx<T> {
        T apply(Session s) throws SQLException;
    }

    private <T> T write(String what, Tx<T> tx) {
        if (readOnly) {
            throw new UnsupportedOperationException("cannot " + what + " in " + where + ": it is open read-only");
        }
        return run(what, s -> {
            dialect.beginWrite(s);
            try {
                T result = tx.apply(s);
                dialect.commit(s);
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                dialect.rollback(s);
                throw e;
            }
        });
    }

    /**
     * A write that must not run twice: retried after a commit whose answer was lost, it answers with {@code
     * redo} from the result the first attempt recorded ({@link RequestLog}), instead of writing again.
     */
    private <T> Tx<T> once(Tx<T> work, ToLongFunction<T> result, RequestLog.Redo<T> redo) {
        RequestLog log = requests;
        if (log == null) {
            return work;
        }
        String token = RequestLog.newToken();
        boolean[] tried = {false};
        return s -> {
            boolean retry = tried[0];
            tried[0] = true;
            return log.run(s, token, retry, work::apply, result, redo);
        };
    }

    /**
     * A write to one trial. If the trial turns out not to be RUNNING any more (told, or failed by another
     * worker's heartbeat check), the cache learns its stored state before the exception goes on, so this
     * storage stops treating it as its own running trial.
     */
    private <T> T writeTrial(StudyCache cache, int number, long trialId, String what, Tx<T> tx) {
        try {
            return write(what, tx);
        } catch (TrialNotRunningException e) {
            List<FrozenTrial> now = read(
                    "read trial " + number,
                    s -> fetcher.fetch(s, cache.nObjectives, "t.trial_id = ?", p -> p.setLong(1, trialId)));
            synchronized (cache) {
                cache.owned.remove(number);
                now.forEach(cache::putRead);
            }
            throw e;
        }
    }

    private <T> T read(String what, Tx<T> tx) {
        return run(what, s -> {
            dialect.beginRead(s);
            try {
                T result = tx.apply(s);
                dialect.commit(s);
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                dialect.rollback(s);
                throw e;
            }
        });
    }

    /** Runs a unit of work, retrying transient failures with jittered exponential back-off. */
    private <T> T run(String what, Tx<T> work) {
        long deadline = System.nanoTime() + retryFor.toNanos();
        long pauseMillis = 1;
        int attempts = 0;
        while (true) {
            attempts++;
            try {
                return source.with(s -> {
                    try {
                        return work.apply(s);
                    } finally {
                        s.endWork();
                    }
                });
            } catch (SQLException e) {
                if (!dialect.isRetryable(e) || System.nanoTime() > deadline) {
                    throw new StorageException(
                            "cannot " + what + " in " + where + (attempts > 1 ? " after " + attempts + " attempts" : "")
                                    + ": " + e.getMessage(),
                            e);
                }
            }
            try {
                Thread.sleep(ThreadLocalRandom.current().nextLong(pauseMillis, 2 * pauseMillis + 1));
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new StorageException("interrupted while retrying to " + what + " in " + where, ie);
            }
            pauseMillis = Math.min(1000, pauseMillis * 2);
        }
    }

    // ---- studies -----------------------------------------------------------------------------------

    @Override
    public StudyRecord createStudy(
            String name, List<StudyDirection> directions, Map<String, @Nullable Object> systemAttrs) {
        return write(
                "create study '" + name + "'",
                once(
                        s -> {
                            if (findStudyId(s, name) != null) {
                                throw new StudyExistsException(name);
                            }
                            PreparedStatement ps = s.prepare(
                                    dialect.returningId("INSERT INTO studies (study_name) VALUES (?)", "study_id"));
                            ps.setString(1, name);
                            long id;
                            try {
                                id = dialect.insertReturningId(ps, s.connection(), "study_id");
                            } catch (SQLException e) {
                                if (dialect.isUniqueViolation(e)) {
                                    throw new StudyExistsException(name); // another process created it a moment ago
                                }
                                throw e;
                            }
                            PreparedStatement dir =
                                    s.prepare("INSERT INTO study_directions (direction, study_id, objective) VALUES ("
                                            + dialect.enumParam("studydirection") + ", ?, ?)");
                            for (int i = 0; i < directions.size(); i++) {
                                dir.setString(1, directions.get(i).name());
                                dir.setLong(2, id);
                                dir.setInt(3, i);
                                dir.executeUpdate();
                            }
                            for (Map.Entry<String, @Nullable Object> e : systemAttrs.entrySet()) {
                                upsertStudyAttr(s, "study_system_attributes", id, e.getKey(), e.getValue());
                            }
                            return new StudyRecord(id, name, directions);
                        },
                        StudyRecord::studyId,
                        (s, id) -> new StudyRecord(id, name, directions)));
    }

    private static @Nullable Long findStudyId(Session s, String name) throws SQLException {
        PreparedStatement ps = s.prepare("SELECT study_id FROM studies WHERE study_name = ?");
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : null;
        }
    }

    private List<StudyDirection> directions(Session s, long studyId) throws SQLException {
        PreparedStatement ps =
                s.prepare("SELECT direction FROM study_directions WHERE study_id = ? ORDER BY objective");
        ps.setLong(1, studyId);
        List<StudyDirection> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String d = rs.getString(1);
                if ("NOT_SET".equals(d)) {
                    throw new StorageException("study " + studyId + " in " + where + " has direction NOT_SET");
                }
                out.add(StudyDirection.valueOf(d));
            }
        }
        return out;
    }

    @Override
    public Optional<StudyRecord> findStudy(String name) {
        return read("find study '" + name + "'", s -> {
            Long id = findStudyId(s, name);
            return id == null
                    ? Optional.<StudyRecord>empty()
                    : Optional.of(new StudyRecord(id, name, directions(s, id)));
        });
    }

    @Override
    public List<StudyRecord> studies() {
        return read("list studies", s -> {
            PreparedStatement ps = s.prepare("SELECT study_id, study_name FROM studies ORDER BY study_id");
            Map<Long, String> names = new LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.put(rs.getLong(1), rs.getString(2));
                }
            }
            List<StudyRecord> out = new ArrayList<>();
            for (Map.Entry<Long, String> e : names.entrySet()) {
                out.add(new StudyRecord(e.getKey(), e.getValue(), directions(s, e.getKey())));
            }
            return ImmutableList.copyOf(out);
        });
    }

    @Override
    public void deleteStudy(String name) {
        long id = write(
                "delete study '" + name + "'",
                once(
                        s -> {
                            Long found = findStudyId(s, name);
                            if (found == null) {
                                List<String> names = new ArrayList<>();
                                PreparedStatement ps = s.prepare("SELECT study_name FROM studies ORDER BY study_id");
                                try (ResultSet rs = ps.executeQuery()) {
                                    while (rs.next()) {
                                        names.add(rs.getString(1));
                                    }
                                }
                                throw new StudyNotFoundException(name, names);
                            }
                            String trialsOf = " WHERE trial_id IN (SELECT trial_id FROM trials WHERE study_id = ?)";
                            for (String table : List.of(
                                    "trial_params",
                                    "trial_values",
                                    "trial_intermediate_values",
                                    "schedtune_intermediate_values",
                                    "trial_user_attributes",
                                    "trial_system_attributes",
                                    "trial_heartbeats")) {
                                PreparedStatement ps = s.prepare("DELETE FROM " + table + trialsOf);
                                ps.setLong(1, found);
                                ps.executeUpdate();
                            }
                            for (String table : List.of(
                                    "trials",
                                    "study_directions",
                                    "study_user_attributes",
                                    "study_system_attributes",
                                    "studies")) {
                                PreparedStatement ps = s.prepare("DELETE FROM " + table + " WHERE study_id = ?");
                                ps.setLong(1, found);
                                ps.executeUpdate();
                            }
                            return found;
                        },
                        Long::longValue,
                        (s, done) -> done));
        caches.remove(id);
    }

    @Override
    public Map<String, @Nullable Object> studyUserAttrs(long studyId) {
        return studyAttrs("study_user_attributes", studyId);
    }

    @Override
    public Map<String, @Nullable Object> studySystemAttrs(long studyId) {
        return studyAttrs("study_system_attributes", studyId);
    }

    private Map<String, @Nullable Object> studyAttrs(String table, long studyId) {
        return read("read " + table, s -> {
            PreparedStatement ps = s.prepare("SELECT \"key\", value_json FROM " + table
                    + " WHERE study_id = ? ORDER BY " + table.replace("attributes", "attribute_id"));
            ps.setLong(1, studyId);
            Map<String, @Nullable Object> out = new LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), Json.read(rs.getString(2)));
                }
            }
            return Collections.unmodifiableMap(out);
        });
    }

    @Override
    public void setStudyUserAttr(long studyId, String key, @Nullable Object value) {
        write("set a study user attr", s -> {
            upsertStudyAttr(s, "study_user_attributes", studyId, key, value);
            return null;
        });
    }

    @Override
    public void setStudySystemAttr(long studyId, String key, @Nullable Object value) {
        write("set a study system attr", s -> {
            upsertStudyAttr(s, "study_system_attributes", studyId, key, value);
            return null;
        });
    }

    private void upsertStudyAttr(Session s, String table, long studyId, String key, @Nullable Object value)
            throws SQLException {
        PreparedStatement ps = s.prepare("INSERT INTO " + table + " (study_id, \"key\", value_json) VALUES (?, ?, ?)"
                + " ON CONFLICT (study_id, \"key\") DO UPDATE SET value_json = excluded.value_json");
        ps.setLong(1, studyId);
        ps.setString(2, key);
        ps.setString(3, Json.write(value));
        ps.executeUpdate();
    }

    /** A study system attribute holding a count (0 if absent or not a number), read in the caller's transaction. */
    private static long longAttr(Session s, long studyId, String key) throws SQLException {
        PreparedStatement ps =
                s.prepare("SELECT value_json FROM study_system_attributes WHERE study_id = ? AND \"key\" = ?");
        ps.setLong(1, studyId);
        ps.setString(2, key);
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return 0;
            }
            Object v = Json.read(rs.getString(1));
            return v instanceof Long ? (Long) v : 0;
        }
    }

    @Override
    public @Nullable Object setStudySystemAttrIfAbsent(long studyId, String key, @Nullable Object value) {
        return write("set a study system attr", s -> {
            PreparedStatement ins = s.prepare("INSERT INTO study_system_attributes (study_id, \"key\", value_json)"
                    + " VALUES (?, ?, ?) ON CONFLICT (study_id, \"key\") DO NOTHING");
            ins.setLong(1, studyId);
            ins.setString(2, key);
            ins.setString(3, Json.write(value));
            ins.executeUpdate();
            PreparedStatement sel =
                    s.prepare("SELECT value_json FROM study_system_attributes WHERE study_id = ? AND \"key\" = ?");
            sel.setLong(1, studyId);
            sel.setString(2, key);
            try (ResultSet rs = sel.executeQuery()) {
                rs.next();
                return Json.read(rs.getString(1));
            }
        });
    }

    // ---- trials: writes ----------------------------------------------------------------------------

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
        Optional<FrozenTrial> created = write(
                "create a trial",
                once(
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
                && number >= Retries.extendedLimit(numberLimit, longAttr(s, studyId, Retries.RETRIES_KEY))) {
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
        boolean any = read("look for enqueued trials", s -> {
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
        Optional<FrozenTrial> claimed = write(
                "claim an enqueued trial",
                once(
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
                            List<FrozenTrial> t =
                                    fetcher.fetch(s, cache.nObjectives, "t.trial_id = ?", p -> p.setLong(1, trialId));
                            return Optional.of(t.get(0));
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
                once(
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
                once(
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

    private void upsertTrialAttr(Session s, String table, long trialId, String key, @Nullable Object value)
            throws SQLException {
        PreparedStatement ps = s.prepare("INSERT INTO " + table + " (trial_id, \"key\", value_json) VALUES (?, ?, ?)"
                + " ON CONFLICT (trial_id, \"key\") DO UPDATE SET value_json = excluded.value_json");
        ps.setLong(1, trialId);
        ps.setString(2, key);
        ps.setString(3, Json.write(value));
        ps.executeUpdate();
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
                once(
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
                            return new Finished(
                                    fetcher.fetch(s, cache.nObjectives, "t.trial_id = ?", p -> p.setLong(1, trialId))
                                            .get(0),
                                    complete);
                        },
                        done -> 1,
                        (s, done) -> {
                            FrozenTrial t = fetcher.fetch(
                                            s, cache.nObjectives, "t.trial_id = ?", p -> p.setLong(1, trialId))
                                    .get(0);
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
        Stale stale = write("fail stale trials", s -> {
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
                    FrozenTrial f = fetcher.fetch(s, cache.nObjectives, "t.trial_id = ?", p -> p.setLong(1, id))
                            .get(0);
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
                        upsertStudyAttr(
                                s,
                                "study_system_attributes",
                                studyId,
                                Retries.RETRIES_KEY,
                                longAttr(s, studyId, Retries.RETRIES_KEY) + 1);
                    }
                }
            }
            return new Stale(failed, retries);
        });
        synchronized (cache) {
            for (FrozenTrial t : stale.failed) {
                if (t.number() > cache.trials.size()) {
                    sync(cache, true); // another worker's trial this cache has not read yet
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
        return Optional.of(fetcher.fetch(s, cache.nObjectives, "t.trial_id = ?", p -> p.setLong(1, trialId))
                .get(0));
    }

    // ---- trials: reads -----------------------------------------------------------------------------

    @Override
    public StudyTrials trials(long studyId) {
        StudyCache cache = cache(studyId);
        synchronized (cache) {
            sync(cache, false);
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
            sync(cache, number >= cache.trials.size());
            if (number < 0 || number >= cache.trials.size()) {
                throw new IllegalArgumentException("study " + studyId + " has no trial " + number + " (it has "
                        + cache.trials.size() + " trials)");
            }
            return cache.trials.get(number);
        }
    }

    /**
     * Brings the cache up to date: new trials and other workers' unfinished trials. Holds the cache lock.
     * {@code force} skips the "nothing changed" shortcut, which only sees other connections' commits: a
     * trial created by another thread on this storage's own connection needs it.
     */
    private void sync(StudyCache cache, boolean force) {
        if (changeLog) {
            syncByChangeLog(cache);
            return;
        }
        OptionalLong version = run("check for changes", s -> dialect.dataVersion(s));
        if (!force && version.isPresent() && version.getAsLong() == cache.dataVersion) {
            return;
        }
        List<FrozenTrial> fetched = read("read trials", s -> {
            List<FrozenTrial> out =
                    new ArrayList<>(fetcher.fetch(s, cache.nObjectives, "t.study_id = ? AND t.trial_id > ?", p -> {
                        p.setLong(1, cache.studyId);
                        p.setLong(2, cache.maxTrialId);
                    }));
            List<Long> unfinished = new ArrayList<>();
            for (Map.Entry<Integer, Long> e : cache.foreignUnfinished.entrySet()) {
                if (e.getValue() <= cache.maxTrialId) {
                    unfinished.add(e.getValue());
                }
            }
            out.addAll(fetchByIds(s, cache, unfinished));
            out.addAll(fetchByIds(s, cache, ownedFinishedElsewhere(s, cache)));
            return out;
        });
        fetched.sort((a, b) -> Integer.compare(a.number(), b.number()));
        for (FrozenTrial t : fetched) {
            cache.putRead(t);
        }
        if (version.isPresent()) {
            cache.dataVersion = version.getAsLong();
        }
    }

    /**
     * Brings the cache up to date through the change log (PostgreSQL): the first call reads the whole study;
     * later calls ask which trials were written by transactions that had not finished at the previous call
     * (one indexed query, usually answering nothing) and read only those, skipping trials known finished,
     * trials this storage runs itself and trials already read at the stamped version. Holds the cache lock.
     *
     * <p>Why it is exact: the watermark is the oldest transaction id still running in the snapshot of the
     * previous check ({@code txid_snapshot_xmin}); a write that snapshot did not see was made by a transaction
     * that was running then or started later, so its stamp is at least the watermark.
     */
    private void syncByChangeLog(StudyCache cache) {
        if (cache.watermark < 0) {
            Loaded all = read("read trials", s -> {
                long xmin = snapshotXmin(s);
                return new Loaded(
                        xmin, fetcher.fetch(s, cache.nObjectives, "t.study_id = ?", p -> p.setLong(1, cache.studyId)));
            });
            putAllRead(cache, all.trials, Map.of());
            cache.watermark = all.xmin;
            return;
        }
        Changes changes = run("check for changes", s -> {
            PreparedStatement ps = s.prepare("SELECT w.xmin, c.trial_id, t.number, c.txid, t.state"
                    + " FROM (SELECT txid_snapshot_xmin(txid_current_snapshot()) AS xmin) w"
                    + " LEFT JOIN (schedtune_trial_changes c JOIN trials t ON t.trial_id = c.trial_id)"
                    + " ON c.study_id = ? AND c.txid >= ?");
            ps.setLong(1, cache.studyId);
            ps.setLong(2, cache.watermark);
            long xmin = -1;
            Map<Long, Long> stamps = new LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    xmin = rs.getLong(1);
                    long trialId = rs.getLong(2);
                    if (rs.wasNull()) {
                        continue;
                    }
                    int number = rs.getInt(3);
                    long txid = rs.getLong(4);
                    boolean known = number < cache.trials.size()
                            && cache.trials.get(number).state().isFinished();
                    Long seen = cache.seenStamps.get(trialId);
                    // an owned trial is kept by our own writes, unless another worker finished it
                    boolean ownRunning = cache.owned.contains(number)
                            && TrialState.RUNNING.name().equals(rs.getString(5));
                    if (!known && !ownRunning && (seen == null || seen != txid)) {
                        stamps.put(trialId, txid);
                    }
                }
            }
            return new Changes(xmin, stamps);
        });
        if (!changes.stamps.isEmpty()) {
            List<Long> ids = new ArrayList<>(changes.stamps.keySet());
            List<FrozenTrial> fetched = read("read changed trials", s -> fetchByIds(s, cache, ids));
            putAllRead(cache, fetched, changes.stamps);
        }
        cache.watermark = changes.xmin;
    }

    private static long snapshotXmin(Session s) throws SQLException {
        try (ResultSet rs =
                s.prepare("SELECT txid_snapshot_xmin(txid_current_snapshot())").executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private record Loaded(long xmin, List<FrozenTrial> trials) {}

    private record Changes(long xmin, Map<Long, Long> stamps) {}

    /**
     * Puts trials read from the database, in number order; trials missing below the lowest new number (a
     * writer that numbers trials without the study lock, e.g. an Optuna process) are read first, so the
     * snapshot never has gaps. {@code stamps} records the change-log version each unfinished trial was read at.
     */
    private void putAllRead(StudyCache cache, List<FrozenTrial> fetched, Map<Long, Long> stamps) {
        List<FrozenTrial> sorted = new ArrayList<>(fetched);
        sorted.sort((a, b) -> Integer.compare(a.number(), b.number()));
        int size = cache.trials.size();
        int highest = sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1).number();
        if (highest > size) {
            Set<Integer> have = new HashSet<>();
            sorted.forEach(t -> have.add(t.number()));
            boolean gap = false;
            for (int n = size; n < highest && !gap; n++) {
                gap = !have.contains(n);
            }
            if (gap) {
                sorted.addAll(read(
                        "read trials",
                        s -> fetcher.fetch(
                                s, cache.nObjectives, "t.study_id = ? AND t.number >= ? AND t.number < ?", p -> {
                                    p.setLong(1, cache.studyId);
                                    p.setInt(2, size);
                                    p.setInt(3, highest);
                                })));
                sorted.sort((a, b) -> Integer.compare(a.number(), b.number()));
            }
        }
        for (FrozenTrial t : sorted) {
            if (t.number() > cache.trials.size()) {
                throw new StorageException("study " + cache.studyId + " in " + where + " has no trial "
                        + cache.trials.size() + " but has trial " + t.number() + ": trial numbers must be dense");
            }
            cache.putRead(t);
            Long stamp = stamps.get(t.trialId());
            if (stamp != null && !t.state().isFinished()) {
                cache.seenStamps.put(t.trialId(), stamp);
            } else {
                cache.seenStamps.remove(t.trialId());
            }
        }
    }

    /**
     * Trials this storage runs that another worker finished meanwhile (a heartbeat check marked them FAIL):
     * one query on the states of the owned trials, which are few.
     */
    private List<Long> ownedFinishedElsewhere(Session s, StudyCache cache) throws SQLException {
        if (cache.owned.isEmpty()) {
            return List.of();
        }
        List<Long> out = new ArrayList<>();
        PreparedStatement ps = s.prepare("SELECT trial_id FROM trials WHERE study_id = ? AND number = ? AND state <> "
                + dialect.enumParam("trialstate"));
        for (int n : cache.owned) {
            ps.setLong(1, cache.studyId);
            ps.setInt(2, n);
            ps.setString(3, TrialState.RUNNING.name());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }

    private List<FrozenTrial> fetchByIds(Session s, StudyCache cache, List<Long> ids) throws SQLException {
        List<FrozenTrial> out = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += IN_LIST_MAX) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + IN_LIST_MAX));
            // padded to a power of two so that only a few statement shapes get compiled
            int size = Integer.highestOneBit(chunk.size());
            if (size < chunk.size()) {
                size <<= 1;
            }
            StringBuilder in = new StringBuilder("t.trial_id IN (?");
            for (int i = 1; i < size; i++) {
                in.append(", ?");
            }
            in.append(')');
            int n = size;
            out.addAll(fetcher.fetch(s, cache.nObjectives, in.toString(), p -> {
                for (int i = 0; i < n; i++) {
                    p.setLong(i + 1, i < chunk.size() ? chunk.get(i) : -1);
                }
            }));
        }
        return out;
    }

    // ---- summaries ---------------------------------------------------------------------------------

    /** Counts by state with one aggregate query, and the COMPLETE trials' values and constraints only. */
    @Override
    public StudySummary summary(long studyId) {
        int nObjectives =
                read("read study " + studyId, s -> directions(s, studyId).size());
        if (nObjectives == 0) {
            throw new IllegalArgumentException("no study with id " + studyId + " in " + where);
        }
        return read("summarise study " + studyId, s -> {
            Map<TrialState, Long> counts = new EnumMap<>(TrialState.class);
            PreparedStatement byState =
                    s.prepare("SELECT state, COUNT(*) FROM trials WHERE study_id = ? GROUP BY state");
            byState.setLong(1, studyId);
            try (ResultSet rs = byState.executeQuery()) {
                while (rs.next()) {
                    counts.put(TrialState.valueOf(rs.getString(1)), rs.getLong(2));
                }
            }
            String complete = " FROM trials t JOIN %s x ON x.trial_id = t.trial_id WHERE t.study_id = ? AND t.state = "
                    + dialect.enumParam("trialstate");
            Map<Integer, double[]> values = new java.util.TreeMap<>();
            Map<Integer, Long> ids = new HashMap<>();
            PreparedStatement v = s.prepare("SELECT t.number, t.trial_id, x.objective, x.value, x.value_type"
                    + String.format(complete, "trial_values"));
            v.setLong(1, studyId);
            v.setString(2, TrialState.COMPLETE.name());
            try (ResultSet rs = v.executeQuery()) {
                while (rs.next()) {
                    double[] row = values.computeIfAbsent(rs.getInt(1), n -> new double[nObjectives]);
                    ids.put(rs.getInt(1), rs.getLong(2));
                    int objective = rs.getInt(3);
                    double stored = rs.getDouble(4);
                    if (objective < nObjectives) {
                        row[objective] = Encoding.decode(stored, rs.wasNull(), rs.getString(5));
                    }
                }
            }
            Map<Integer, Object> constraints = new HashMap<>();
            PreparedStatement c = s.prepare("SELECT t.number, x.value_json"
                    + String.format(complete, "trial_system_attributes") + " AND x.\"key\" = ?");
            c.setLong(1, studyId);
            c.setString(2, TrialState.COMPLETE.name());
            c.setString(3, FrozenTrial.CONSTRAINTS_KEY);
            try (ResultSet rs = c.executeQuery()) {
                while (rs.next()) {
                    constraints.put(rs.getInt(1), Json.read(rs.getString(2)));
                }
            }
            List<FrozenTrial> trials = new ArrayList<>();
            for (Map.Entry<Integer, double[]> e : values.entrySet()) {
                FrozenTrial.Builder b = FrozenTrial.builder(e.getKey(), TrialState.COMPLETE)
                        .trialId(ids.get(e.getKey()))
                        .values(ImmutableDoubleArray.copyOf(e.getValue()));
                Object cs = constraints.get(e.getKey());
                if (cs != null) {
                    b.systemAttr(FrozenTrial.CONSTRAINTS_KEY, cs);
                }
                trials.add(b.build());
            }
            return new StudySummary(counts, trials);
        });
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
        int nObjectives =
                read("read study " + studyId, s -> directions(s, studyId).size());
        if (nObjectives == 0) {
            throw new IllegalArgumentException("no study with id " + studyId + " in " + where);
        }
        return caches.computeIfAbsent(studyId, id -> new StudyCache(id, nObjectives));
    }

    private long trialId(StudyCache cache, int number) {
        synchronized (cache) {
            if (number >= cache.trials.size()) {
                sync(cache, true);
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
                sync(cache, true);
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
        source.close();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + where + ")";
    }
}
