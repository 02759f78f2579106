package dev.schedtune.search.storage.jdbc;

import com.google.common.collect.ImmutableList;
import com.google.common.primitives.ImmutableDoubleArray;
import dev.schedtune.search.internal.Json;
import dev.schedtune.search.storage.StorageException;
import dev.schedtune.search.storage.StudyExistsException;
import dev.schedtune.search.storage.StudyNotFoundException;
import dev.schedtune.search.storage.StudyRecord;
import dev.schedtune.search.storage.StudySummary;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.trial.TrialState;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The rows of studies ({@code studies}, their directions and attributes) and the summary of a study's
 * trials, for {@link JdbcStorage}: each operation one transaction of {@link Transactions}.
 */
final class StudyRows {
    static final String USER_ATTRS = "study_user_attributes";
    static final String SYSTEM_ATTRS = "study_system_attributes";

    private final SqlDialect dialect;
    private final Transactions tx;

    StudyRows(SqlDialect dialect, Transactions tx) {
        this.dialect = dialect;
        this.tx = tx;
    }

    /** Creates a study; {@link StudyExistsException} if one of the name exists. */
    StudyRecord create(String name, List<StudyDirection> directions, Map<String, @Nullable Object> systemAttrs) {
        return tx.write(
                "create study '" + name + "'",
                tx.once(
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
                                upsertAttr(s, SYSTEM_ATTRS, id, e.getKey(), e.getValue());
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

    List<StudyDirection> directions(Session s, long studyId) throws SQLException {
        PreparedStatement ps =
                s.prepare("SELECT direction FROM study_directions WHERE study_id = ? ORDER BY objective");
        ps.setLong(1, studyId);
        List<StudyDirection> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String d = rs.getString(1);
                if ("NOT_SET".equals(d)) {
                    throw new StorageException("study " + studyId + " in " + tx.where() + " has direction NOT_SET");
                }
                out.add(StudyDirection.valueOf(d));
            }
        }
        return out;
    }

    Optional<StudyRecord> find(String name) {
        return tx.read("find study '" + name + "'", s -> {
            Long id = findStudyId(s, name);
            return id == null
                    ? Optional.<StudyRecord>empty()
                    : Optional.of(new StudyRecord(id, name, directions(s, id)));
        });
    }

    List<StudyRecord> all() {
        return tx.read("list studies", s -> {
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

    /** Deletes a study with its trials; answers its id. */
    long delete(String name) {
        return tx.write(
                "delete study '" + name + "'",
                tx.once(
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
    }

    Map<String, @Nullable Object> attrs(String table, long studyId) {
        return tx.read("read " + table, s -> {
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

    void setAttr(String table, long studyId, String key, @Nullable Object value) {
        tx.write("set a " + (table.equals(USER_ATTRS) ? "study user attr" : "study system attr"), s -> {
            upsertAttr(s, table, studyId, key, value);
            return null;
        });
    }

    /** Sets a study attribute in the caller's write transaction. */
    static void upsertAttr(Session s, String table, long studyId, String key, @Nullable Object value)
            throws SQLException {
        AttributeRows.upsert(s, table, "study_id", studyId, key, value);
    }

    /** A study system attribute holding a count (0 if absent or not a number), read in the caller's transaction. */
    static long longAttr(Session s, long studyId, String key) throws SQLException {
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

    @Nullable
    Object setSystemAttrIfAbsent(long studyId, String key, @Nullable Object value) {
        return tx.write("set a study system attr", s -> {
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

    /**
     * The number of objectives of a study.
     *
     * @throws IllegalArgumentException if there is no study with this id
     */
    int objectives(long studyId) {
        int n = tx.read("read study " + studyId, s -> directions(s, studyId).size());
        if (n == 0) {
            throw new IllegalArgumentException("no study with id " + studyId + " in " + tx.where());
        }
        return n;
    }

    /** Counts by state with one aggregate query, and the COMPLETE trials' values and constraints only. */
    StudySummary summary(long studyId) {
        int nObjectives = objectives(studyId);
        return tx.read("summarise study " + studyId, s -> {
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
            Map<Integer, double[]> values = new TreeMap<>();
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
}
