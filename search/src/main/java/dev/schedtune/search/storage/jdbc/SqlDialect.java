package dev.schedtune.search.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * What differs between the databases the JDBC storage runs on. Everything else (the Optuna tables, the
 * queries, the caching) is shared: SQL elsewhere is the common subset of SQLite 3.35+ and PostgreSQL 12+
 * ({@code INSERT ... ON CONFLICT}, double-quoted identifiers).
 */
interface SqlDialect {
    /** {@code "sqlite"} or {@code "postgresql"}: picks {@code optuna-ddl-<name>.sql}. */
    String name();

    /** Starts a transaction that will write; on SQLite it takes the write lock at once (BEGIN IMMEDIATE). */
    void beginWrite(Session s) throws SQLException;

    /** Starts a read-only transaction that sees one consistent snapshot. */
    void beginRead(Session s) throws SQLException;

    void commit(Session s) throws SQLException;

    void rollback(Session s);

    /**
     * The placeholder for a value of one of Optuna's enum columns ({@code trialstate}, {@code
     * studydirection}, {@code trialvaluetype}, {@code trialintermediatevaluetype}): {@code ?} on SQLite,
     * {@code CAST(? AS type)} on PostgreSQL, whose columns have native enum types.
     */
    String enumParam(String type);

    /** Appended to the query that picks a WAITING trial: {@code ""} or {@code " FOR UPDATE SKIP LOCKED"}. */
    String skipLocked();

    /**
     * Serialises trial creation within a study inside a write transaction (no-op on SQLite, whose write
     * transactions are serial; {@code SELECT ... FOR UPDATE} of the study row on PostgreSQL).
     */
    void lockStudy(Connection c, long studyId) throws SQLException;

    /**
     * Serialises schema creation and migration between processes inside a write transaction (no-op on
     * SQLite; an advisory transaction lock on PostgreSQL).
     */
    void lockSchema(Connection c) throws SQLException;

    /** Inserts a row and returns its generated integer key (column {@code idColumn}). */
    long insertReturningId(PreparedStatement ps, Connection c, String idColumn) throws SQLException;

    /** The SQL of {@link #insertReturningId}'s statement: {@code sql} or {@code sql + " RETURNING id"}. */
    String returningId(String sql, String idColumn);

    /** Whether an error is a unique-constraint violation (a concurrent insert of the same key). */
    default boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState()) || String.valueOf(e.getMessage()).contains("UNIQUE constraint failed");
    }

    /** Whether an error is transient (busy, locked, serialisation failure, deadlock) and worth a retry. */
    boolean isRetryable(SQLException e);

    /**
     * A counter that changes whenever <em>another</em> connection commits (SQLite's {@code PRAGMA
     * data_version}), letting a cache skip a sync; empty when the database has none.
     */
    OptionalLong dataVersion(Session s) throws SQLException;

    /**
     * Whether the database keeps a per-trial change log ({@code schedtune_trial_changes}, PostgreSQL): then a
     * reader asks it which trials changed instead of re-reading other workers' unfinished trials.
     */
    default boolean hasChangeLog() {
        return false;
    }

    /**
     * Whether a commit may succeed without the client hearing of it, so that retried writes go through {@link
     * RequestLog} (PostgreSQL over a network); SQLite reports every failed commit as not committed.
     */
    default boolean hasRequestLog() {
        return false;
    }

    /**
     * The time to write as "now" in the current transaction: the database's clock where there is one shared
     * by many machines (PostgreSQL), this machine's clock for a local file (SQLite). Microsecond precision.
     */
    Instant now(Session s) throws SQLException;

    /** Statements of schema migration {@code version} that only this database needs (run after the shared ones). */
    default List<String> migration(int version) {
        return List.of();
    }

    /**
     * Sets a trial's start or completion time, a naive {@code DATETIME} column as Optuna writes it: the wall
     * time of the writing machine's zone (Optuna writes {@code datetime.now()}). Only heartbeats are compared
     * across processes, and they have a clock of their own ({@link #setHeartbeat}).
     */
    void setTimestamp(PreparedStatement ps, int index, @Nullable Instant t) throws SQLException;

    /** Reads a trial's start or completion time written by {@link #setTimestamp} (or by Optuna in this zone). */
    @Nullable
    Instant getTimestamp(ResultSet rs, int column) throws SQLException;

    /**
     * Sets a heartbeat, or a time compared with heartbeats: always UTC, as Optuna's own heartbeats are on
     * SQLite ({@code CURRENT_TIMESTAMP}) and on a PostgreSQL session in UTC. Every process compares them in
     * one clock, whatever its time zone, and a daylight-saving change moves nothing.
     */
    void setHeartbeat(PreparedStatement ps, int index, Instant t) throws SQLException;

    boolean tableExists(Connection c, String table) throws SQLException;
}
