package dev.schedtune.cli.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schedtune.cli.report.SyntheticStudy;
import dev.schedtune.search.Study;
import dev.schedtune.search.Trial;
import dev.schedtune.search.storage.jdbc.EmbeddedPostgresServer;
import dev.schedtune.search.storage.jdbc.JdbcStorage;
import dev.schedtune.search.storage.jdbc.PostgresStorage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dashboard on a real PostgreSQL server, reached through a real TCP proxy that the test cuts: the
 * password in the storage URL never reaches a page, an answer or the log, the pages say when the database
 * is unreachable, and the study is followed again once it is back.
 */
class DashboardPostgresTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = EmbeddedPostgresServer.PASSWORD;

    @Test
    void noPasswordReachesThePagesAndAnOutageIsShownThenRecovered() throws Exception {
        String direct = EmbeddedPostgresServer.newDatabase();
        assertThat(direct).contains(":" + PASSWORD + "@");
        StringWriter log = new StringWriter();
        HttpClient http = HttpClient.newHttpClient();
        List<String> seen = new ArrayList<>();
        try (TcpProxy proxy = new TcpProxy(EmbeddedPostgresServer.port());
                JdbcStorage worker = PostgresStorage.open(direct)) {
            Study study = SyntheticStudy.create(worker, "pg-study", "family", "init_lr", "cyclic");
            String viaProxy =
                    direct.replace("@localhost:" + EmbeddedPostgresServer.port(), "@127.0.0.1:" + proxy.port());
            try (Dashboard dashboard = Dashboard.start(
                    viaProxy, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), new PrintWriter(log, true))) {
                URI base = dashboard.url();
                URI api = base.resolve("/api/study/pg-study");
                seen.add(get(http, base).body());
                HttpResponse<String> page = get(http, base.resolve("/study/pg-study"));
                assertThat(page.statusCode()).isEqualTo(200);
                seen.add(page.body());
                JsonNode first = JSON.readTree(get(http, api).body());
                seen.add(first.toString());
                assertThat(first.path("status").asText()).isEqualTo("ok");
                assertThat(first.path("update").path("trials")).hasSize(30);
                assertThat(first.path("update").path("live").path("storage").asText())
                        .isEqualTo("postgresql://" + EmbeddedPostgresServer.USER + ":***@127.0.0.1:" + proxy.port()
                                + viaProxy.substring(viaProxy.lastIndexOf('/')));
                long version = first.path("version").asLong();

                // the database goes away: the answers say so, with the driver's reason and no password
                proxy.cut();
                JsonNode down = awaitStatus(http, api, version, "unreachable");
                seen.add(down.toString());
                assertThat(down.path("message").asText()).isNotBlank();
                assertThat(down.path("version").asLong()).isEqualTo(version);
                HttpResponse<String> index = get(http, base);
                seen.add(index.body());
                assertThat(index.body())
                        .contains("Storage unreachable, retrying")
                        .contains("pg-study");
                HttpResponse<String> missing = get(http, base.resolve("/study/other"));
                seen.add(missing.body());
                assertThat(missing.statusCode()).isEqualTo(404);

                // ... and comes back: the study is followed again, with a trial added meanwhile
                Trial t = study.ask();
                t.suggestInt("epochs", 3, 20);
                study.tell(t, 0.5, 1.0);
                proxy.restore();
                JsonNode back = awaitStatus(http, api, version, "ok");
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (back.path("update").isNull() && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                    back = JSON.readTree(
                            get(http, URI.create(api + "?since=" + version)).body());
                }
                seen.add(back.toString());
                assertThat(back.path("update").path("delta").asBoolean()).isTrue();
                assertThat(back.path("update").path("trials"))
                        .extracting(n -> n.path("number").asInt())
                        .contains(30);
                assertThat(back.path("update").path("counts").path("total").asInt())
                        .isEqualTo(31);
            }
        }
        seen.add(log.toString());
        assertThat(log.toString()).contains("storage unreachable, retrying").contains("storage reachable again");
        for (String s : seen) {
            assertThat(s).doesNotContain(PASSWORD);
        }
    }

    private static JsonNode awaitStatus(HttpClient http, URI api, long version, String status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            JsonNode a = JSON.readTree(
                    get(http, URI.create(api + "?since=" + version)).body());
            if (a.path("status").asText().equals(status)) {
                return a;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("status not '" + status + "' within 60 s: " + a);
            }
            Thread.sleep(200);
        }
    }

    private static HttpResponse<String> get(HttpClient http, URI url) throws Exception {
        return http.send(
                HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
