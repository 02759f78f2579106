package dev.schedtune.search.storage.jdbc;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.common.io.Resources;
import dev.schedtune.search.storage.StorageException;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The database schema: Optuna's RDB tables exactly as Optuna 3.1 creates them (alembic revision
 * {@value #OPTUNA_REVISION}), so that {@code optuna.load_study} reads our studies, plus our own versioned
 * additions, which Optuna ignores:
 *
 * <ul>
 *   <li>{@code schedtune_schema}: our schema version ({@value #VERSION}) and the library that wrote it;
 *   <li>{@code schedtune_intermediate_values}: intermediate values of objectives 1, 2, ... of
 *       multi-objective trials (objective 0 lives in Optuna's {@code trial_intermediate_values});
 *   <li>indexes {@code schedtune_ix_trials_study_number} (unique: trial numbers are unique per study) and
 *       {@code schedtune_ix_trials_study_state} (enqueued-trial lookup);
 *   <li>version 2, PostgreSQL only: the change log {@code schedtune_trial_changes} and the triggers that
 *       keep it ({@link SqlDialect#migration}); SQLite needs nothing for version 2;
 *   <li>version 3: {@code schedtune_intermediate_values} rows go with their trial when anyone deletes it
 *       (Optuna's {@code delete_study} knows nothing of that table): {@code ON DELETE CASCADE} on
 *       PostgreSQL, a trigger on SQLite (whose foreign keys Optuna's connections do not enforce); rows
 *       left behind by earlier deletions, which could attach to a new trial reusing the id, are removed;
 *       on PostgreSQL also {@code schedtune_requests}, the tokens of {@link RequestLog}.
 * </ul>
 *
 * Seeds, sampler state and constraint names live in Optuna's attribute tables under {@code schedtune:} keys.
 *
 * <p>Migrations: {@code MIGRATIONS.get(k)}, then {@code dialect.migration(k)}, take our part of the schema
 * from version {@code k - 1} to {@code k}; version 0 is a database with Optuna's tables only (one Optuna created), which is adopted by
 * running every migration. A database whose {@code schedtune_schema} version is newer than {@value #VERSION}
 * is refused with a clear error, before anything is written.
 */
final class Schema {
    static final int VERSION = 3;
    static final String OPTUNA_REVISION = "v3.0.0.d";
    static final int OPTUNA_SCHEMA_VERSION = 12;
    static final String OPTUNA_LIBRARY_VERSION = "3.1.0";

    /** Optuna revisions whose tables we read and write unchanged (later ones only add an index). */
    static final ImmutableSet<String> COMPATIBLE_REVISIONS = ImmutableSet.of("v3.0.0.d", "v3.1.0.a", "v3.2.0.a");

    static final ImmutableSet<String> OLDER_REVISIONS = ImmutableSet.of(
            "v0.9.0.a",
            "v1.2.0.a",
            "v1.3.0.a",
            "v2.0.0.a",
            "v2.3.0.a",
            "v2.4.0.a",
            "v2.6.0.a",
            "v3.0.0.a",
            "v3.0.0.b",
            "v3.0.0.c");

    static final ImmutableMap<Integer, ImmutableList<String>> MIGRATIONS = ImmutableMap.of(
            1,
            ImmutableList.of(
                    "CREATE TABLE schedtune_schema ("
                            + " schema_id INTEGER NOT NULL PRIMARY KEY CHECK (schema_id = 1),"
                            + " version INTEGER NOT NULL,"
                            + " library_version VARCHAR(256))",
                    "CREATE TABLE schedtune_intermediate_values ("
                            + " trial_id INTEGER NOT NULL REFERENCES trials (trial_id),"
                            + " step INTEGER NOT NULL,"
                            + " objective INTEGER NOT NULL,"
                            + " value DOUBLE PRECISION,"
                            + " value_type VARCHAR(8) NOT NULL,"
                            + " PRIMARY KEY (trial_id, step, objective))",
                    "CREATE UNIQUE INDEX schedtune_ix_trials_study_number ON trials (study_id, number)",
                    "CREATE INDEX schedtune_ix_trials_study_state ON trials (study_id, state, number)"),
            2,
            ImmutableList.of(), // version 2 is PostgreSQL's change log, in SqlDialect.migration(2)
            3,
            // objective 0 of every step is in trial_intermediate_values, written in the same transaction: rows
            // without it belong to a deleted trial (or were attached to a new one that reused its id)
            ImmutableList.of("DELETE FROM schedtune_intermediate_values WHERE NOT EXISTS (SELECT 1 FROM"
                    + " trial_intermediate_values v WHERE v.trial_id = schedtune_intermediate_values.trial_id"
                    + " AND v.step = schedtune_intermediate_values.step)"));

    private Schema() {}

    /** What a database holds of our additions, as far as reading it is concerned. */
    record Found(boolean extraIntermediateValues, boolean changeLog) {
        /** Everything: the schema at {@link #VERSION}. */
        static final Found CURRENT = new Found(true, true);
    }

    /**
     * Creates the schema in an empty database, adopts an Optuna database, migrates an older schedtune
     * schema, or refuses a newer one — in one transaction, serialised between processes.
     */
    static Found ensure(Session session, SqlDialect d, String libraryVersion, String where) throws SQLException {
        Connection c = session.connection();
        d.beginWrite(session);
        try {
            d.lockSchema(c);
            if (!d.tableExists(c, "studies")) {
                for (String sql : optunaDdl(d)) {
                    execute(c, sql);
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO version_info (version_info_id, schema_version, library_version) VALUES (1, ?, ?)")) {
                    ps.setInt(1, OPTUNA_SCHEMA_VERSION);
                    ps.setString(2, OPTUNA_LIBRARY_VERSION);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps =
                        c.prepareStatement("INSERT INTO alembic_version (version_num) VALUES (?)")) {
                    ps.setString(1, OPTUNA_REVISION);
                    ps.executeUpdate();
                }
            } else {
                checkOptunaRevision(c, d, where);
            }
            int current = d.tableExists(c, "schedtune_schema") ? storedVersion(c, where) : 0;
            if (current > VERSION) {
                throw new StorageException(where + " has schedtune schema version " + current
                        + ", newer than this schedtune (" + libraryVersion + ") supports (" + VERSION
                        + "); use a newer schedtune");
            }
            for (int v = current + 1; v <= VERSION; v++) {
                for (String sql : MIGRATIONS.get(v)) {
                    execute(c, sql);
                }
                for (String sql : d.migration(v)) {
                    execute(c, sql);
                }
            }
            if (current == 0) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO schedtune_schema (schema_id, version, library_version) VALUES (1, ?, ?)")) {
                    ps.setInt(1, VERSION);
                    ps.setString(2, libraryVersion);
                    ps.executeUpdate();
                }
            } else if (current < VERSION) {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE schedtune_schema SET version = ?, library_version = ? WHERE schema_id = 1")) {
                    ps.setInt(1, VERSION);
                    ps.setString(2, libraryVersion);
                    ps.executeUpdate();
                }
            }
            d.commit(session);
        } catch (SQLException | RuntimeException e) {
            d.rollback(session);
            throw e;
        }
        return Found.CURRENT;
    }

    /**
     * Checks, in a read transaction and without writing anything, that the database holds studies this
     * schedtune can read: Optuna's tables at a revision it knows, and our schema (if any) no newer than
     * {@link #VERSION}. An Optuna database is read as it is, without our additions.
     */
    static Found check(Session session, SqlDialect d, String where) throws SQLException {
        Connection c = session.connection();
        d.beginRead(session);
        try {
            if (!d.tableExists(c, "studies")) {
                throw new StorageException(where + " holds no studies: it has no 'studies' table (it was not written"
                        + " by Optuna or schedtune)");
            }
            checkOptunaRevision(c, d, where);
            int current = d.tableExists(c, "schedtune_schema") ? storedVersion(c, where) : 0;
            if (current > VERSION) {
                throw new StorageException(where + " has schedtune schema version " + current
                        + ", newer than this schedtune supports (" + VERSION + "); use a newer schedtune");
            }
            Found found = new Found(
                    d.tableExists(c, "schedtune_intermediate_values"), d.tableExists(c, "schedtune_trial_changes"));
            d.commit(session);
            return found;
        } catch (SQLException | RuntimeException e) {
            d.rollback(session);
            throw e;
        }
    }

    private static void checkOptunaRevision(Connection c, SqlDialect d, String where) throws SQLException {
        if (!d.tableExists(c, "alembic_version")) {
            throw new StorageException(where + " has a 'studies' table but no 'alembic_version': it was not written"
                    + " by Optuna (>= 1.2) or schedtune");
        }
        String revision = null;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT version_num FROM alembic_version")) {
            if (rs.next()) {
                revision = rs.getString(1);
            }
        }
        if (revision != null && COMPATIBLE_REVISIONS.contains(revision)) {
            return;
        }
        if (revision != null && OLDER_REVISIONS.contains(revision)) {
            throw new StorageException(where + " has Optuna's schema revision " + revision + ", older than "
                    + OPTUNA_REVISION + "; upgrade it with `optuna storage upgrade --storage <url>` (Optuna 3.x)");
        }
        throw new StorageException(where + " has Optuna schema revision " + revision + ", which this schedtune does"
                + " not know (it supports " + COMPATIBLE_REVISIONS + "); nothing was written");
    }

    private static int storedVersion(Connection c, String where) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT version FROM schedtune_schema WHERE schema_id = 1")) {
            if (!rs.next()) {
                throw new StorageException(where + " has an empty schedtune_schema table");
            }
            return rs.getInt(1);
        }
    }

    /** Optuna's DDL for the dialect, from the resource {@code optuna-ddl-<dialect>.sql}. */
    static List<String> optunaDdl(SqlDialect d) {
        String name = "optuna-ddl-" + d.name() + ".sql";
        URL url = Schema.class.getResource(name);
        if (url == null) {
            throw new IllegalStateException("missing resource " + name);
        }
        String text;
        try {
            text = Resources.toString(url, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + name, e);
        }
        List<String> out = new ArrayList<>();
        for (String part : text.split(";\\s*\\n")) {
            StringBuilder sql = new StringBuilder();
            for (String line : part.split("\n")) {
                if (!line.trim().startsWith("--")) {
                    sql.append(line).append('\n');
                }
            }
            if (!sql.toString().isBlank()) {
                out.add(sql.toString().trim());
            }
        }
        return out;
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
