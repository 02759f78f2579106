package dev.schedtune.search.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schedtune.search.Study;
import dev.schedtune.search.TrialBudget;
import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyDirection;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's Optuna deletes a study whose multi-objective trials have intermediate values (objectives 1, 2, ...
 * live in our own table): nothing may be left behind, nothing may block the deletion, and a new study whose
 * trials reuse the deleted trials' ids (SQLite does) must not read their values.
 */
class OptunaDeleteStudyTest {
    @TempDir
    Path dir;

    private static final String DELETE = "import sys, optuna\n"
            + "optuna.delete_study(study_name='gone', storage=sys.argv[1])\n"
            + "print([s.study_name for s in optuna.get_all_study_summaries(sys.argv[1])])\n";

    /** A multi-objective study whose trials reported intermediate values at {@code steps} steps. */
    private static void study(Storage storage, String name, int steps) {
        Study s = Study.builder(name)
                .storage(storage)
                .directions(StudyDirection.MINIMIZE, StudyDirection.MINIMIZE)
                .create();
        s.optimizeMulti(
                t -> {
                    double x = t.suggestFloat("x", 0, 1);
                    for (int step = 0; step < steps; step++) {
                        t.report(step, x + step, 1 - x + step);
                    }
                    return new double[] {x, 1 - x};
                },
                TrialBudget.more(3),
                null,
                1);
    }

    private static void checkDeletedAndNothingPhantom(Supplier<Storage> open, Connection c, String optunaUrl)
            throws Exception {
        try (Storage storage = open.get()) {
            study(storage, "gone", 3);
        }
        PythonOptuna.Result r = PythonOptuna.run(DELETE, optunaUrl);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout().trim()).isEqualTo("[]");
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM schedtune_intermediate_values")) {
            rs.next();
            assertThat(rs.getInt(1))
                    .as("rows left in schedtune_intermediate_values")
                    .isZero();
        }
        try (Storage storage = open.get()) {
            assertThat(storage.findStudy("gone")).isEmpty();
            study(storage, "new", 1);
            for (FrozenTrial t : Study.load("new", storage).trials()) {
                assertThat(t.intermediateValues().keySet())
                        .as("trial " + t.number())
                        .containsExactly(0L);
                assertThat(t.intermediateValues().get(0L).toArray())
                        .containsExactly(t.values().get(0), t.values().get(1));
            }
        }
    }

    @Test
    void onSqlite() throws Exception {
        PythonOptuna.assumeAvailable();
        Path db = dir.resolve("delete.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            checkDeletedAndNothingPhantom(() -> SqliteStorage.open(db), c, "sqlite:///" + db);
        }
    }

    /** A file of schema version 2 where Optuna left rows behind: opening it removes them and adds the trigger. */
    @Test
    void migratingAVersion2FileRemovesWhatEarlierDeletionsLeft() throws Exception {
        PythonOptuna.assumeAvailable();
        Path db = dir.resolve("v2.db");
        try (Storage storage = SqliteStorage.open(db)) {
            study(storage, "gone", 3);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement st = c.createStatement()) {
            st.execute("DROP TRIGGER schedtune_trials_deleted");
            st.executeUpdate("UPDATE schedtune_schema SET version = 2");
        }
        PythonOptuna.Result r = PythonOptuna.run(DELETE, "sqlite:///" + db);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            assertThat(count(c)).as("rows version 2 leaves behind").isPositive();
            SqliteStorage.open(db).close();
            assertThat(count(c)).isZero();
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT version FROM schedtune_schema")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(Schema.VERSION);
            }
        }
    }

    private static int count(Connection c) throws Exception {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM schedtune_intermediate_values")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void onPostgres() throws Exception {
        PythonOptuna.assumePostgresAvailable();
        String url = EmbeddedPostgresServer.newDatabase();
        String database = url.substring(url.lastIndexOf('/') + 1);
        try (Connection c = DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + EmbeddedPostgresServer.port() + "/" + database,
                EmbeddedPostgresServer.USER,
                EmbeddedPostgresServer.PASSWORD)) {
            checkDeletedAndNothingPhantom(
                    () -> PostgresStorage.open(url), c, url.replaceFirst("^postgresql://", "postgresql+psycopg2://"));
        }
    }
}
