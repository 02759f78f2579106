package dev.schedtune.cli.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schedtune.cli.report.SyntheticStudy;
import dev.schedtune.search.Study;
import dev.schedtune.search.Trial;
import dev.schedtune.search.storage.jdbc.JdbcStorage;
import dev.schedtune.search.storage.jdbc.SqliteStorage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's HTTP side: what the API sends, what it refuses, and that no request can end it. */
class DashboardHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path dir;

    @Test
    void theApiSendsEverythingOnceThenOnlyWhatChangedSinceAVersion() throws Exception {
        Path db = dir.resolve("s.db");
        try (JdbcStorage worker = SqliteStorage.open(db);
                Dashboard dashboard = start(db)) {
            Study study = SyntheticStudy.create(worker, "s", "family", "init_lr", "cyclic");
            URI api = dashboard.url().resolve("/api/study/s");
            JsonNode full = json(api);
            assertThat(full.path("status").asText()).isEqualTo("ok");
            long v1 = full.path("version").asLong();
            assertThat(full.path("update").path("version").asLong()).isEqualTo(v1);
            assertThat(full.path("update").path("delta").isMissingNode()).isTrue();
            assertThat(full.path("update").path("trials")).hasSize(30);
            assertThat(full.path("update").path("study").asText()).isEqualTo("s");
            assertThat(full.path("update").path("live").path("api").asText()).isEqualTo("/api/study/s");

            JsonNode same = json(URI.create(api + "?since=" + v1));
            assertThat(same.path("version").asLong()).isEqualTo(v1);
            assertThat(same.path("update").isNull()).isTrue();

            // a trial that is not better than the front: the change is that trial and the parts it moved
            Trial t = study.ask();
            t.suggestInt("epochs", 3, 20);
            study.tell(t, 5.0, 50.0);
            JsonNode delta = awaitNewVersion(api, v1);
            long v2 = delta.path("version").asLong();
            assertThat(v2).isGreaterThan(v1);
            JsonNode update = delta.path("update");
            assertThat(update.path("delta").asBoolean()).isTrue();
            assertThat(update.path("trials"))
                    .extracting(n -> n.path("number").asInt())
                    .containsExactly(30);
            assertThat(update.path("counts").path("total").asInt()).isEqualTo(31);
            assertThat(update.path("objectives").isMissingNode())
                    .as("unchanged parts are not sent")
                    .isTrue();
            // the same question gets the same answer, computed once
            assertThat(get(URI.create(api + "?since=" + v1)).body())
                    .isEqualTo(get(URI.create(api + "?since=" + v1)).body());
            // a page with a version this server never made (an earlier run) gets everything
            for (String since : List.of("-1", "12", "not-a-number", String.valueOf(Long.MAX_VALUE))) {
                JsonNode all = json(URI.create(api + "?since=" + since));
                assertThat(all.path("update").path("delta").isMissingNode())
                        .as(since)
                        .isTrue();
                assertThat(all.path("update").path("trials")).as(since).hasSize(31);
            }
            assertThat(json(URI.create(api + "?since=" + v2)).path("update").isNull())
                    .isTrue();

            HttpResponse<String> missing = get(dashboard.url().resolve("/api/study/nope"));
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(JSON.readTree(missing.body()).path("status").asText()).isEqualTo("missing");
            assertThat(missing.headers().firstValue("Content-Type").orElseThrow())
                    .startsWith("application/json");
            assertThat(missing.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        }
    }

    @Test
    void aStudyOptunaWroteIsListedAndShownAndItsFileNotTouched() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        Path db = dir.resolve("optuna.db");
        Process p = new ProcessBuilder(
                        python.toString(),
                        "-c",
                        String.join(
                                "\n",
                                "import sys, optuna",
                                "optuna.logging.set_verbosity(optuna.logging.WARNING)",
                                "s = optuna.create_study(study_name='from-optuna', storage=sys.argv[1],",
                                "                        direction='maximize', sampler=optuna.samplers.RandomSampler(seed=3))",
                                "def f(t):",
                                "    x = t.suggest_float('x', -1, 1)",
                                "    for step in range(3):",
                                "        t.report(x * step, step)",
                                "    return x + t.suggest_int('n', 1, 9)",
                                "s.optimize(f, n_trials=7)",
                                "m = optuna.create_study(study_name='two objectives', storage=sys.argv[1],",
                                "                        directions=['minimize', 'maximize'])",
                                "m.optimize(lambda t: (t.suggest_float('x', 0, 1), t.suggest_float('y', 0, 1)), n_trials=4)"),
                        "sqlite:///" + db)
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        String before = sha256(db);
        try (Dashboard dashboard = start(db)) {
            HttpResponse<String> index = get(dashboard.url());
            assertThat(index.statusCode()).isEqualTo(200);
            assertThat(index.body())
                    .contains("href=\"/study/from-optuna\"", ">from-optuna</a>")
                    .contains("href=\"/study/two%20objectives\"", ">two objectives</a>");
            assertThat(get(dashboard.url().resolve("/study/from-optuna")).statusCode())
                    .isEqualTo(200);
            JsonNode data =
                    json(dashboard.url().resolve("/api/study/from-optuna")).path("update");
            assertThat(data.path("trials")).hasSize(7);
            assertThat(data.path("objectives"))
                    .extracting(o -> o.path("direction").asText())
                    .containsExactly("maximize");
            assertThat(data.path("trials").get(0).path("intermediate")).hasSize(3);
            JsonNode two =
                    json(dashboard.url().resolve("/api/study/two%20objectives")).path("update");
            assertThat(two.path("trials")).hasSize(4);
            assertThat(two.path("objectives"))
                    .extracting(o -> o.path("direction").asText())
                    .containsExactly("minimize", "maximize");
            assertThat(two.path("hypervolume").path("history")).hasSize(4);
        }
        assertThat(sha256(db)).as("the Optuna file, byte for byte").isEqualTo(before);
    }

    @Test
    void onlyGetAndHeadAndOnlyLocalHostNamesAreAnswered() throws Exception {
        Path db = dir.resolve("s.db");
        try (JdbcStorage worker = SqliteStorage.open(db)) {
            SyntheticStudy.create(worker, "s", "family", "init_lr", "cyclic");
        }
        try (Dashboard dashboard = start(db)) {
            URI base = dashboard.url();
            HttpResponse<String> post = HTTP.send(
                    HttpRequest.newBuilder(base)
                            .POST(HttpRequest.BodyPublishers.ofString("x"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
            HttpResponse<String> head = HTTP.send(
                    HttpRequest.newBuilder(base)
                            .method("HEAD", HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
            int port = dashboard.port();
            // a web page that rebinds its own host name to 127.0.0.1 sends its own name: refused
            assertThat(raw(port, "GET / HTTP/1.1\r\nHost: attacker.example:" + port + "\r\n\r\n"))
                    .startsWith("HTTP/1.1 421");
            assertThat(raw(port, "GET / HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 421");
            for (String host : List.of("localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port, "LocalHost")) {
                assertThat(raw(port, "GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n"))
                        .as(host)
                        .startsWith("HTTP/1.1 200");
            }
            HttpResponse<String> page = get(base);
            assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                    .startsWith("default-src 'none'; style-src 'sha256-")
                    .contains("frame-ancestors 'none'")
                    .doesNotContain("script-src")
                    .doesNotContain("unsafe");
            assertThat(page.headers().firstValue("Cache-Control")).contains("no-store");
        }
    }

    /**
     * Fuzzes the routes: random bytes, broken request lines and headers, odd methods, huge and badly
     * encoded paths, requests cut short; then random paths over HTTP, none of which may get an internal
     * error. The server answers normally after each burst and at the end.
     */
    @Test
    void malformedRequestsNeverStopTheServer() throws Exception {
        Path db = dir.resolve("s.db");
        try (JdbcStorage worker = SqliteStorage.open(db)) {
            SyntheticStudy.create(worker, "s", "family", "init_lr", "cyclic");
        }
        Random random = new Random(20261207);
        try (Dashboard dashboard = start(db)) {
            int port = dashboard.port();
            String host = "Host: 127.0.0.1:" + port + "\r\n";
            List<String> fixed = List.of(
                    "",
                    "\r\n\r\n",
                    "GET\r\n\r\n",
                    "GET / \r\n\r\n",
                    "GET / HTTP/9.9\r\n" + host + "\r\n",
                    "GET /study/%zz HTTP/1.1\r\n" + host + "\r\n",
                    "GET /study/%C3%28 HTTP/1.1\r\n" + host + "\r\n",
                    "GET /study/%E2%82 HTTP/1.1\r\n" + host + "\r\n",
                    "GET /study/%00 HTTP/1.1\r\n" + host + "\r\n",
                    "GET /study/ HTTP/1.1\r\n" + host + "\r\n",
                    "GET /study/s/ HTTP/1.1\r\n" + host + "\r\n",
                    "GET /api/study/s?since=%%% HTTP/1.1\r\n" + host + "\r\n",
                    "GET /api/study/s?since=99999999999999999999999 HTTP/1.1\r\n" + host + "\r\n",
                    "GET /../../etc/passwd HTTP/1.1\r\n" + host + "\r\n",
                    "GET http://evil.example/ HTTP/1.1\r\n" + host + "\r\n",
                    "GET * HTTP/1.1\r\n" + host + "\r\n",
                    "GET /" + "a".repeat(100_000) + " HTTP/1.1\r\n" + host + "\r\n",
                    "GET / HTTP/1.1\r\n" + host + "X: " + "b".repeat(100_000) + "\r\n\r\n",
                    "GET / HTTP/1.1\r\n" + host + "no colon here\r\n\r\n",
                    "GET / HTTP/1.1\r\n" + host + "Content-Length: -5\r\n\r\n",
                    "GET / HTTP/1.1\r\n" + host + "Content-Length: 100\r\n\r\nshort",
                    "GET / HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\nzz\r\n",
                    "DELETE /study/s HTTP/1.1\r\n" + host + "\r\n",
                    "PUT /api/study/s HTTP/1.1\r\n" + host + "Content-Length: 2\r\n\r\n{}",
                    "OPTIONS * HTTP/1.1\r\n" + host + "\r\n",
                    "G\u00e9T / HTTP/1.1\r\n" + host + "\r\n",
                    "GET /\u0000 HTTP/1.1\r\n" + host + "\r\n");
            for (String request : fixed) {
                raw(port, request);
            }
            for (int i = 0; i < 200; i++) {
                byte[] junk = new byte[random.nextInt(2000)];
                random.nextBytes(junk);
                if (i % 2 == 0) {
                    byte[] line =
                            ("GET /" + (i % 4 == 0 ? "study/" : "api/study/")).getBytes(StandardCharsets.US_ASCII);
                    System.arraycopy(line, 0, junk, 0, Math.min(line.length, junk.length));
                }
                raw(port, junk);
                if (i % 50 == 49) {
                    assertThat(get(dashboard.url()).statusCode()).isEqualTo(200);
                }
            }
            int[] chars = "abc/%?#&=+;:@!$'()*,~._-<>\"{}|\\^`[] \u00e9\u4e2d\ud83d\ude00"
                    .codePoints()
                    .toArray();
            for (int i = 0; i < 300; i++) {
                StringBuilder path = new StringBuilder(i % 3 == 0 ? "/study/" : i % 3 == 1 ? "/api/study/" : "/");
                int n = random.nextInt(30);
                for (int k = 0; k < n; k++) {
                    if (random.nextInt(4) == 0) {
                        path.append('%').append(String.format("%02X", random.nextInt(256)));
                    } else {
                        path.appendCodePoint(chars[random.nextInt(chars.length)]);
                    }
                }
                URI uri;
                try {
                    // as a browser sends it: non-ASCII characters percent-encoded as UTF-8
                    uri = URI.create(
                            URI.create(dashboard.url() + path.substring(1)).toASCIIString());
                } catch (IllegalArgumentException e) {
                    continue; // not a URI a client could send
                }
                HttpResponse<String> r = get(uri);
                assertThat(r.statusCode()).as(path.toString()).isIn(200, 400, 404);
            }
            assertThat(get(dashboard.url()).statusCode()).isEqualTo(200);
            assertThat(json(dashboard.url().resolve("/api/study/s"))
                            .path("status")
                            .asText())
                    .isEqualTo("ok");
        }
    }

    private Dashboard start(Path db) throws IOException {
        return Dashboard.start(
                db.toString(),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new PrintWriter(new StringWriter(), true));
    }

    private static JsonNode awaitNewVersion(URI api, long version) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            JsonNode a = json(URI.create(api + "?since=" + version));
            if (a.path("version").asLong() != version) {
                return a;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no new version within 60 s: " + a);
            }
            Thread.sleep(100);
        }
    }

    private static JsonNode json(URI url) throws Exception {
        HttpResponse<String> r = get(url);
        assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static HttpResponse<String> get(URI url) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String raw(int port, String request) throws IOException {
        return raw(port, request.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends bytes on a fresh connection and returns what came back before it closed (or 5 s passed). */
    private static String raw(int port, byte[] request) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            try {
                out.write(request);
                out.flush();
                s.shutdownOutput();
            } catch (IOException e) {
                return ""; // the server closed the connection already
            }
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    answer.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException | java.net.SocketException e) {
                // kept open (keep-alive) or reset: what came is the answer
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
