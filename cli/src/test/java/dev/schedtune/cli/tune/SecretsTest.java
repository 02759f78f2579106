package dev.schedtune.cli.tune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schedtune.cli.Cli;
import dev.schedtune.cli.CliProcess;
import dev.schedtune.search.storage.jdbc.EmbeddedPostgresServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PostgreSQL tune run whose password is known: given on the command line and stopped with a real Ctrl-C
 * (SIGINT to its process group), the password is in none of its output (the resume hint included), none of
 * its result files and nothing it stored; {@code show}, {@code report} and {@code studies} then find the
 * study through {@code SCHEDTUNE_STORAGE} (a real environment) and {@code --storage-file}, the password never
 * on their command line.
 */
class SecretsTest {
    private static final String SECRET = EmbeddedPostgresServer.PASSWORD;

    @Test
    void aPostgresRunShowsItsPasswordNowhere(@TempDir Path dir) throws Exception {
        String url = EmbeddedPostgresServer.newDatabase();
        assertThat(url).contains(":" + SECRET + "@");
        Path config = Files.writeString(dir.resolve("secret.yaml"), TinyStudy.yaml("secret", 40, 1, ""));
        Path out = dir.resolve("out");
        List<String> command = CliProcess.inOwnGroup(
                "tune",
                "--config",
                config.toString(),
                "--out",
                out.toString(),
                "--storage",
                url,
                "--progress",
                "lines");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            boolean signalled = false;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
                if (!signalled && line.startsWith("#")) {
                    signalled = true; // a trial is stored: Ctrl-C, as a terminal sends it
                    Process kill = new ProcessBuilder("kill", "-INT", "--", "-" + p.pid()).start();
                    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
                }
            }
        }
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String output = String.join("\n", lines);
        assertThat(p.exitValue()).as(output).isEqualTo(130);
        assertThat(output)
                .contains("schedtune tune --resume")
                .contains("--storage postgresql://" + EmbeddedPostgresServer.USER + ":***@")
                .contains("SCHEDTUNE_STORAGE")
                .doesNotContain(SECRET);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(out)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).extracting(f -> f.getFileName().toString()).contains("pareto.json", "report.html");
        for (Path f : files) {
            assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1))
                    .as(f.toString())
                    .doesNotContain(SECRET);
        }
        assertThat(storedText(url))
                .as("every row of every table")
                .contains("secret")
                .doesNotContain(SECRET);

        // the other commands, the password never on their command line
        Path urlFile = Files.writeString(dir.resolve("storage.url"), url + "\n");
        for (List<String> args : List.of(
                List.of("studies"),
                List.of("show", "secret", "--all"),
                List.of("report", "secret", "--out", dir.resolve("report").toString()))) {
            ProcessBuilder b = new ProcessBuilder(CliProcess.command(List.of(), args.toArray(String[]::new)))
                    .redirectErrorStream(true);
            b.environment().put("SCHEDTUNE_STORAGE", url);
            Process q = b.start();
            String text = new String(q.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(q.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(q.exitValue()).as(args + ": " + text).isZero();
            String expected = args.get(0).equals("report") ? "wrote" : "secret";
            assertThat(text).as(args.toString()).contains(expected).doesNotContain(SECRET);

            List<String> withFile = new ArrayList<>(args);
            withFile.addAll(List.of("--storage-file", urlFile.toString()));
            Cli.Result r = Cli.run(withFile.toArray(String[]::new));
            assertThat(r.code()).as(withFile + ": " + r.err()).isZero();
            assertThat(r.out() + r.err()).contains(expected).doesNotContain(SECRET);
        }
        try (Stream<Path> walk = Files.walk(dir.resolve("report"))) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f)).as(f.toString()).doesNotContain(SECRET);
            }
        }
        Cli.Result both = Cli.run("studies", "--storage", url, "--storage-file", urlFile.toString());
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("--storage or --storage-file, not both").doesNotContain(SECRET);
    }

    /** The text of every row of every table of the database at {@code url}. */
    private static String storedText(String url) throws Exception {
        String jdbc = "jdbc:postgresql://localhost:" + EmbeddedPostgresServer.port() + "/"
                + url.substring(url.lastIndexOf('/') + 1);
        StringBuilder all = new StringBuilder();
        try (Connection c = DriverManager.getConnection(
                        jdbc, EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
                Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs =
                    st.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).contains("studies", "trials", "study_system_attributes");
            for (String table : tables) {
                try (ResultSet rs = st.executeQuery("SELECT t::text FROM \"" + table + "\" t")) {
                    while (rs.next()) {
                        all.append(rs.getString(1)).append('\n');
                    }
                }
            }
        }
        return all.toString();
    }
}
