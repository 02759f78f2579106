package dev.schedtune.cli.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schedtune.cli.Cli;
import dev.schedtune.search.Storages;
import dev.schedtune.search.storage.Storage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code schedtune dashboard} from the command line: bad options exit 2 with a message naming the option and
 * value; a real process on every interface warns so, serves, and stops on SIGTERM.
 */
class DashboardCommandTest {
    @TempDir
    Path dir;

    private Path study() {
        Path db = dir.resolve("study.db");
        if (!Files.exists(db)) {
            try (Storage s = Storages.sqlite(db)) {
                dev.schedtune.search.Study.builder("s").storage(s).create();
            }
        }
        return db;
    }

    @Test
    void badPortsAndHostsAreRefusedWithExitCode2() throws Exception {
        String db = study().toString();
        assertRefused(List.of("--storage", db, "--port", "70000"), "--port (70000) must be in [0, 65535]");
        assertRefused(List.of("--storage", db, "--port", "-1"), "--port (-1) must be in [0, 65535]");
        assertRefused(List.of("--storage", db, "--port", "http"), "'http' is not an int");
        assertRefused(
                List.of("--storage", db, "--host", "no-such-host.invalid"),
                "--host (no-such-host.invalid) is not an address or a known host name");
        assertRefused(List.of("--storage", db, "--host", " "), "--host must not be empty");
        // an address of no interface of this machine (TEST-NET-3)
        assertRefused(
                List.of("--storage", db, "--host", "203.0.113.7", "--port", "0"),
                "--host (203.0.113.7): cannot listen there");
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();
            assertRefused(
                    List.of("--storage", db, "--port", Integer.toString(port)),
                    "--port (" + port + ") is in use on 127.0.0.1: choose another port with --port, or --port 0");
        }
    }

    @Test
    void storagesThatCannotBeReadAreRefusedWithoutPasswords() {
        assertRefused(
                List.of("--storage", dir.resolve("missing.db").toString()),
                "storage (" + dir.resolve("missing.db") + "): no such file");
        assertThat(dir.resolve("missing.db")).doesNotExist();
        assertRefused(List.of("--storage", "memory"), "nothing to read");
        Cli.Result r = Cli.run(
                "dashboard", "--storage", "postgresql://tuner:hunter2-secret@127.0.0.1:1/tuning", "--port", "0");
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err())
                .startsWith("error: storage (postgresql://tuner:***@127.0.0.1:1/tuning) cannot be opened")
                .doesNotContain("hunter2");
    }

    @Test
    void everyInterfaceIsWarnedAboutAndSigtermStopsTheServer() throws Exception {
        String db = study().toString();
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "dev.schedtune.cli.Main",
                        "dashboard",
                        "--storage",
                        db,
                        "--host",
                        "0.0.0.0",
                        "--port",
                        "0")
                .redirectErrorStream(true)
                .start();
        try {
            List<String> lines = new ArrayList<>();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            URI url = null;
            for (String line = out.readLine(); line != null && url == null; line = out.readLine()) {
                lines.add(line);
                if (line.trim().startsWith("http://")) {
                    url = URI.create(line.trim());
                }
            }
            assertThat(url).as(String.join("\n", lines)).isNotNull();
            int port = url.getPort();
            assertThat(lines)
                    .anySatisfy(l -> assertThat(l)
                            .startsWith("warning: listening on 0.0.0.0: anyone who can reach port " + port)
                            .contains("sees the studies in " + db));
            HttpResponse<String> index = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(index.statusCode()).isEqualTo(200);
            assertThat(index.body()).contains(">s</a>");
            p.destroy(); // SIGTERM, as systemd sends
            List<String> rest = new ArrayList<>();
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    rest.add(line); // until the process has closed its output
                }
            } catch (IOException e) {
                // "Stream closed": the JDK closes a dead process's pipe under a blocked read; the output ended
            }
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(String.join("\n", rest)).doesNotContain("Exception");
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void helpListsTheCommandWithExamples() {
        Cli.Result top = Cli.run("--help");
        assertThat(top.out()).contains("dashboard");
        Cli.Result help = Cli.run("dashboard", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out())
                .contains("--storage=URL|FILE", "--port=N", "--host=ADDRESS", "Examples:", "schedtune dashboard");
    }

    private static void assertRefused(List<String> args, String message) {
        String[] all = new String[args.size() + 1];
        all[0] = "dashboard";
        for (int i = 0; i < args.size(); i++) {
            all[i + 1] = args.get(i);
        }
        Cli.Result r = Cli.run(all);
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains(message).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
