package dev.schedtune.search.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Optuna 3.1.0 (Debian's python3-optuna, with python3-psycopg2 2.9.5) on our PostgreSQL studies, and the
 * {@code optuna} command line on our SQLite and PostgreSQL studies. Skipped, with the reason printed, only
 * where Optuna or psycopg2 cannot be imported.
 */
class OptunaPostgresInteropTest {
    @TempDir
    Path dir;

    /** Optuna's (SQLAlchemy's) spelling of our test database's URL. */
    private static String optunaUrl(String url) {
        return url.replaceFirst("^postgresql://", "postgresql+psycopg2://");
    }

    @Test
    void optunaLoadsOurPostgresStudiesWithTheirTrialsParamsValuesAndStates() throws Exception {
        PythonOptuna.assumePostgresAvailable();
        String url = EmbeddedPostgresServer.newDatabase();
        try (JdbcStorage storage = PostgresStorage.open(url)) {
            OptunaInteropTest.writeOurStudies(storage);
        }
        PythonOptuna.Result r = PythonOptuna.run(OptunaInteropTest.DUMP, optunaUrl(url));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        try (JdbcStorage storage = PostgresStorage.open(url)) {
            OptunaInteropTest.checkOptunaSawOurStudies(new ObjectMapper().readTree(r.stdout()), storage);
        }
    }

    @Test
    void weAdoptAndReadAPostgresDatabaseOptunaCreated() throws Exception {
        PythonOptuna.assumePostgresAvailable();
        String url = EmbeddedPostgresServer.newDatabase();
        PythonOptuna.Result r = PythonOptuna.run(OptunaInteropTest.OPTUNA_WRITES, optunaUrl(url));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        try (JdbcStorage storage = PostgresStorage.open(url)) {
            OptunaInteropTest.checkWeReadTheirs(storage, r.stdout().trim().split(","));
        }
        // and Optuna still reads the database after we added our schema (tables, change log, triggers)
        PythonOptuna.Result again = PythonOptuna.run(OptunaInteropTest.DUMP, optunaUrl(url));
        assertThat(again.exitCode()).as(again.stderr()).isZero();
        JsonNode theirs =
                new ObjectMapper().readTree(again.stdout()).get("studies").get("theirs");
        assertThat(theirs.get("trials")).hasSize(6);
        assertThat(theirs.get("trials").get(5).get("state").asText()).isEqualTo("COMPLETE");
    }

    @Test
    void theOptunaCommandLineListsOurStudiesTrialsAndParetoFront() throws Exception {
        PythonOptuna.assumeAvailable();
        Path db = dir.resolve("cli.db");
        try (JdbcStorage storage = SqliteStorage.open(db)) {
            OptunaInteropTest.writeOurStudies(storage);
        }
        checkCli("sqlite:///" + db);
        if (Files.isExecutable(PythonOptuna.OPTUNA_CLI)
                && PythonOptuna.run("import psycopg2").exitCode() == 0) {
            String url = EmbeddedPostgresServer.newDatabase();
            try (JdbcStorage storage = PostgresStorage.open(url)) {
                OptunaInteropTest.writeOurStudies(storage);
            }
            checkCli(optunaUrl(url));
        }
    }

    private static void checkCli(String url) throws Exception {
        PythonOptuna.Result studies = PythonOptuna.cli("studies", "--storage", url, "-f", "json");
        assertThat(studies.exitCode()).as(studies.stderr()).isZero();
        JsonNode list = new ObjectMapper().readTree(studies.stdout());
        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("name").asText()).isEqualTo("single");
        assertThat(list.get(0).get("n_trials").asInt()).isEqualTo(7);
        assertThat(list.get(1).get("name").asText()).isEqualTo("multi");
        PythonOptuna.Result trials =
                PythonOptuna.cli("trials", "--study-name", "single", "--storage", url, "-f", "json");
        assertThat(trials.exitCode()).as(trials.stderr()).isZero();
        JsonNode t = new ObjectMapper().readTree(trials.stdout());
        assertThat(t).hasSize(7);
        assertThat(t.get(0).get("state").asText()).isEqualTo("COMPLETE");
        assertThat(t.get(0).get("params").has("lr")).isTrue();
        assertThat(t.get(4).get("state").asText()).isEqualTo("FAIL");
        PythonOptuna.Result best =
                PythonOptuna.cli("best-trials", "--study-name", "multi", "--storage", url, "-f", "json");
        assertThat(best.exitCode()).as(best.stderr()).isZero();
        JsonNode front = new ObjectMapper().readTree(best.stdout());
        assertThat(front).hasSize(2);
        assertThat(front.get(0).get("number").asInt()).isZero();
    }
}
