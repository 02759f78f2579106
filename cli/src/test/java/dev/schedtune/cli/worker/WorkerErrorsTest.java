package dev.schedtune.cli.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schedtune.cli.SchedtuneCli;
import dev.schedtune.search.Storages;
import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.storage.jdbc.EmbeddedPostgresServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad storage URLs, unreachable or refusing databases, newer schemas: exit 2, a clear message, nothing written. */
class WorkerErrorsTest {
    @TempDir
    Path dir;

    record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 1];
        all[0] = "worker";
        System.arraycopy(args, 0, all, 1, args.length);
        int code =
                SchedtuneCli.create(new PrintWriter(out), new PrintWriter(err)).execute(all);
        return new Result(code, out.toString(), err.toString());
    }

    private static void assertBadInput(Result r, String... fragments) {
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: ").contains(fragments).doesNotContain("\tat ", "Exception");
    }

    @Test
    void malformedAndUnsupportedUrlsAreRefusedNamingTheAcceptedForms() {
        assertBadInput(
                run("--storage", "mysql://h/db", "--study", "s"),
                "storage URL 'mysql://h/db' is not supported",
                "postgresql://user:password@host:port/database");
        assertBadInput(
                run("--storage", "postgresql://u:secret@h:port/db", "--study", "s"),
                "port 'port' must be a number in [1, 65535]",
                "postgresql://u:***@h:port/db");
        assertThat(run("--storage", "postgresql://u:secret@h:port/db", "--study", "s")
                        .err())
                .doesNotContain("secret");
        assertBadInput(
                run("--storage", "postgresql://h/db?poolSize=0", "--study", "s"), "poolSize (0) must be an integer");
        assertBadInput(run("--study", "s"), "--storage is required");
    }

    @Test
    void anUnreachableServerAMissingDatabaseAndAWrongPasswordSaySoAtOnce() {
        assertBadInput(
                run("--storage", "postgresql://u:pw@127.0.0.1:1/db", "--study", "s", "--benchmark", "sphere"),
                "cannot open PostgreSQL database postgresql://u@127.0.0.1:1/db: Connection to 127.0.0.1:1 refused");
        int port = EmbeddedPostgresServer.port();
        assertBadInput(
                run(
                        "--storage",
                        "postgresql://" + EmbeddedPostgresServer.USER + ":wrong@localhost:" + port + "/postgres",
                        "--study",
                        "s",
                        "--benchmark",
                        "sphere"),
                "password authentication failed for user \"schedtune\"");
        assertBadInput(
                run(
                        "--storage",
                        "postgresql://" + EmbeddedPostgresServer.USER + ":" + EmbeddedPostgresServer.PASSWORD
                                + "@localhost:" + port + "/no_such_db",
                        "--study",
                        "s"),
                "database \"no_such_db\" does not exist");
    }

    @Test
    void aSchemaFromANewerSchedtuneIsRefusedBeforeAnythingIsWritten() throws Exception {
        String url = EmbeddedPostgresServer.newDatabase();
        try (Storage s = Storages.open(url)) {
            assertThat(s.studies()).isEmpty();
        }
        String jdbc = "jdbc:postgresql://localhost:" + EmbeddedPostgresServer.port() + "/"
                + url.substring(url.lastIndexOf('/') + 1);
        try (Connection c = DriverManager.getConnection(
                        jdbc, EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
                Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE schedtune_schema SET version = 99");
            assertBadInput(
                    run("--storage", url, "--study", "s", "--benchmark", "sphere"),
                    "has schedtune schema version 99, newer than this schedtune",
                    "use a newer schedtune");
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM studies")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
            try (ResultSet rs = st.executeQuery("SELECT version FROM schedtune_schema")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(99);
            }
        }
    }

    @Test
    void aStudyThatIsMissingOrStoresNothingToRunIsNamed() throws Exception {
        Path db = dir.resolve("s.db");
        assertBadInput(
                run("--storage", db.toString(), "--study", "s"), "no such file " + db, "--benchmark to create one");
        assertThat(Files.exists(db)).isFalse();
        try (Storage s = Storages.open(db.toString())) {
            dev.schedtune.search.Study.builder("plain").storage(s).create();
        }
        assertBadInput(
                run("--storage", db.toString(), "--study", "other"),
                "no study named 'other' in " + db + "; it holds: plain");
        assertBadInput(
                run("--storage", db.toString(), "--study", "plain"),
                "study 'plain' in " + db + " stores nothing a worker can run");
        assertBadInput(
                run("--storage", db.toString(), "--study", "x", "--benchmark", "zdt9"),
                "benchmark problem 'zdt9' is unknown; use sphere, zdt1, zdt2, zdt3 or dtlz2");
        assertBadInput(run("--storage", db.toString(), "--study", "x", "--timeout", "soon"), "--timeout (soon)");
        assertBadInput(
                run("--storage", db.toString(), "--study", "x", "--heartbeat", "5s", "--grace", "2s"),
                "--grace (2s) must be longer than --heartbeat (5s)");
        try (Storage s = Storages.open(db.toString())) {
            assertThat(s.studies()).hasSize(1);
        }
    }

    @Test
    void aBenchmarkWorkerCreatesRunsAndReports() {
        Path db = dir.resolve("b.db");
        Result r = run(
                "--storage",
                db.toString(),
                "--study",
                "b",
                "--benchmark",
                "zdt1",
                "--sampler",
                "nsga2",
                "--population",
                "6",
                "--budget",
                "12",
                "--seed",
                "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("created study 'b' in " + db)
                .contains("joins study 'b'")
                .contains("benchmark zdt1, sampler nsga2 (population 6), 12 trials")
                .contains("trial 11 COMPLETE")
                .contains("done: ran 12 trials (12 COMPLETE)")
                .contains("study 'b': 12 COMPLETE; budget 12");
        Result again = run("--storage", db.toString(), "--study", "b");
        assertThat(again.code()).isZero();
        assertThat(again.out()).contains("done: ran 0 trials");
    }
}
