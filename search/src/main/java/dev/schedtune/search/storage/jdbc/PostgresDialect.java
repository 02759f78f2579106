package dev.schedtune.search.storage.jdbc;

import com.google.common.collect.ImmutableList;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * PostgreSQL 12+: transactions through JDBC (READ COMMITTED for writes, REPEATABLE READ READ ONLY for
 * reads), Optuna's native enum columns through casts, {@code FOR UPDATE SKIP LOCKED} for enqueued trials, a
 * row lock on the study to number its trials, an advisory lock around schema creation.
 *
 * <p>Time is the <em>database's</em> clock: every time a worker writes (trial start and completion,
 * heartbeats) is {@code LOCALTIMESTAMP} read in the writing transaction, so heartbeats compare across
 * machines whose clocks disagree. Sessions run in UTC ({@code SET TIME ZONE 'UTC'} when a pooled
 * connection opens). Optuna's naive {@code TIMESTAMP WITHOUT TIME ZONE} columns hold: heartbeats in UTC
 * (as Optuna's own, {@code now()} in a UTC session); trial start and completion as the writer's local wall
 * time, which is what Optuna writes there ({@code datetime.now()}), so an Optuna client and schedtune in
 * one time zone read each other's trial times right, whatever the server's zone.
 *
 * <p>Other workers' changes are found through a change log that triggers keep (see {@link #migration}):
 * every write to a trial, by schedtune or by Optuna, stamps the trial with the writing transaction's id,
 * and a reader asks only for trials stamped since the oldest transaction that was still running at its
 * previous read.
 */
final class PostgresDialect implements SqlDialect {
    /** Key of the advisory lock that serialises schema creation and migration across processes. */
    private static final long SCHEMA_LOCK_KEY = 0x5c4ed7e5c4e3aL;

    private final ZoneId zone;

    /** Trial times in {@code zone} (the JVM's default zone in production). */
    PostgresDialect(ZoneId zone) {
        this.zone = zone;
    }

    /** SQLSTATE classes worth a retry: serialisation failure, deadlock, lock timeout, lost connection. */
    private static final List<String> RETRYABLE_STATES = ImmutableList.of("40001", "40P01", "55P03", "57P01", "57P03");

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public void beginWrite(Session s) throws SQLException {
        s.connection().setAutoCommit(false);
    }

    @Override
    public void beginRead(Session s) throws SQLException {
        s.connection().setAutoCommit(false);
        s.prepare("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").execute();
    }

    @Override
    public void commit(Session s) throws SQLException {
        Connection c = s.connection();
        c.commit();
        c.setAutoCommit(true);
    }

    @Override
    public void rollback(Session s) {
        Connection c = s.connection();
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
                c.setAutoCommit(true);
            }
        } catch (SQLException ignored) {
            // a broken connection: the pool discards it, and the server rolls back
        }
    }

    @Override
    public String enumParam(String type) {
        return "CAST(? AS " + type + ")";
    }

    @Override
    public String skipLocked() {
        return " FOR UPDATE SKIP LOCKED";
    }

    @Override
    public void lockStudy(Connection c, long studyId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT study_id FROM studies WHERE study_id = ? FOR UPDATE")) {
            ps.setLong(1, studyId);
            ps.executeQuery().close();
        }
    }

    @Override
    public void lockSchema(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            ps.setLong(1, SCHEMA_LOCK_KEY);
            ps.executeQuery().close();
        }
    }

    @Override
    public String returningId(String sql, String idColumn) {
        return sql + " RETURNING " + idColumn;
    }

    @Override
    public long insertReturningId(PreparedStatement ps, Connection c, String idColumn) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public boolean isRetryable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true; // the pool found no live connection in time: the server may be back soon
            }
            if (t instanceof SQLException) {
                String state = ((SQLException) t).getSQLState();
                if (state != null && (RETRYABLE_STATES.contains(state) || state.startsWith("08"))) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public OptionalLong dataVersion(Session s) {
        return OptionalLong.empty();
    }

    @Override
    public boolean hasChangeLog() {
        return true;
    }

    @Override
    public boolean hasRequestLog() {
        return true;
    }

    @Override
    public Instant now(Session s) throws SQLException {
        try (ResultSet rs = s.prepare("SELECT LOCALTIMESTAMP").executeQuery()) {
            rs.next();
            return rs.getObject(1, LocalDateTime.class).toInstant(ZoneOffset.UTC);
        }
    }

    @Override
    public void setTimestamp(PreparedStatement ps, int index, @Nullable Instant t) throws SQLException {
        if (t == null) {
            ps.setNull(index, java.sql.Types.TIMESTAMP);
        } else {
            ps.setObject(index, LocalDateTime.ofInstant(t, zone));
        }
    }

    @Override
    public void setHeartbeat(PreparedStatement ps, int index, Instant t) throws SQLException {
        ps.setObject(index, LocalDateTime.ofInstant(t, ZoneOffset.UTC));
    }

    @Override
    public @Nullable Instant getTimestamp(ResultSet rs, int column) throws SQLException {
        LocalDateTime t = rs.getObject(column, LocalDateTime.class);
        return t == null ? null : t.atZone(zone).toInstant();
    }

    @Override
    public boolean tableExists(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM information_schema.tables"
                + " WHERE table_schema = current_schema() AND table_name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Schema version 3 on PostgreSQL: extra intermediate values go with their trial ({@code ON DELETE
     * CASCADE}), and the table of {@link RequestLog}. Version 2: the change log. Table {@code schedtune_trial_changes} holds, per trial,
     * the id of the last transaction that wrote to it ({@code txid_current()}); triggers on {@code trials}
     * and on every table that holds a part of a trial keep it, so writes by Optuna count too. Rows go with
     * their trial ({@code ON DELETE CASCADE}).
     */
    @Override
    public List<String> migration(int version) {
        if (version == 3) {
            return List.of(
                    // Optuna's delete_study deletes trials through its ORM, which knows nothing of this table
                    "ALTER TABLE schedtune_intermediate_values"
                            + " DROP CONSTRAINT schedtune_intermediate_values_trial_id_fkey,"
                            + " ADD CONSTRAINT schedtune_intermediate_values_trial_id_fkey FOREIGN KEY (trial_id)"
                            + " REFERENCES trials (trial_id) ON DELETE CASCADE",
                    // tokens of writes whose commit may have gone unanswered (RequestLog)
                    "CREATE TABLE schedtune_requests (token VARCHAR(36) NOT NULL PRIMARY KEY, result BIGINT NOT NULL,"
                            + " created TIMESTAMP NOT NULL)",
                    "CREATE INDEX schedtune_ix_requests_created ON schedtune_requests (created)");
        }
        if (version != 2) {
            return List.of();
        }
        ImmutableList.Builder<String> sql = ImmutableList.builder();
        sql.add("CREATE TABLE schedtune_trial_changes ("
                + " trial_id INTEGER NOT NULL PRIMARY KEY REFERENCES trials (trial_id) ON DELETE CASCADE,"
                + " study_id INTEGER NOT NULL,"
                + " txid BIGINT NOT NULL)");
        sql.add("CREATE INDEX schedtune_ix_trial_changes_study_txid ON schedtune_trial_changes (study_id, txid)");
        sql.add(stampFunction("schedtune_stamp_trial", "NEW.study_id"));
        sql.add(stampFunction(
                "schedtune_stamp_trial_part", "(SELECT t.study_id FROM trials t WHERE t.trial_id = NEW.trial_id)"));
        sql.add("CREATE TRIGGER schedtune_trials_changed AFTER INSERT OR UPDATE ON trials"
                + " FOR EACH ROW EXECUTE FUNCTION schedtune_stamp_trial()");
        for (String part : List.of(
                "trial_params",
                "trial_values",
                "trial_intermediate_values",
                "schedtune_intermediate_values",
                "trial_user_attributes",
                "trial_system_attributes")) {
            sql.add("CREATE TRIGGER schedtune_" + part + "_changed AFTER INSERT OR UPDATE ON " + part
                    + " FOR EACH ROW EXECUTE FUNCTION schedtune_stamp_trial_part()");
        }
        // stamp the trials that exist already (a database Optuna wrote before we adopted it)
        sql.add("INSERT INTO schedtune_trial_changes (trial_id, study_id, txid)"
                + " SELECT trial_id, study_id, txid_current() FROM trials WHERE study_id IS NOT NULL");
        return sql.build();
    }

    private static String stampFunction(String name, String studyId) {
        return "CREATE OR REPLACE FUNCTION " + name + "() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                + "BEGIN\n"
                + "  INSERT INTO schedtune_trial_changes (trial_id, study_id, txid)\n"
                + "  VALUES (NEW.trial_id, " + studyId + ", txid_current())\n"
                + "  ON CONFLICT (trial_id) DO UPDATE SET txid = EXCLUDED.txid\n"
                + "  WHERE schedtune_trial_changes.txid <> EXCLUDED.txid;\n"
                + "  RETURN NULL;\n"
                + "END $$";
    }
}
