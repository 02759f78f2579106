package dev.schedtune.cli.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schedtune.cli.report.Chromium;
import dev.schedtune.cli.report.ReportPage;
import dev.schedtune.cli.report.SyntheticStudy;
import dev.schedtune.search.Study;
import dev.schedtune.search.Trial;
import dev.schedtune.search.storage.jdbc.JdbcStorage;
import dev.schedtune.search.storage.jdbc.SqliteStorage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in real headless Chromium, on a real SQLite study that a second connection (the worker)
 * keeps adding trials to: the study page follows it without a reload, a hostile study name stays text, the
 * storage going away and coming back shows on the page, and unknown studies get a 404 page listing the
 * ones there are; no console error, no CSP violation on the way.
 */
class DashboardPageTest {
    static final String STUDY = "</script><script>alert('study')</script><b onmouseover=alert(1)>&amp;";
    static final String FAMILY = "fam\"ily<svg/onload=alert('family')>";
    static final String PARAM = "lr</title><img src=x onerror=alert('param')>";
    static final String CHOICE = "<img src=y onerror=alert('choice')>";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aStudyPageFollowsItsTrialsLiveAndSaysWhenTheStorageIsGone() throws Exception {
        Path db = dir.resolve("live.db");
        StringWriter log = new StringWriter();
        try (JdbcStorage worker = SqliteStorage.open(db)) {
            Study study = SyntheticStudy.create(worker, STUDY, FAMILY, PARAM, CHOICE);
            try (Dashboard dashboard = Dashboard.start(
                            db.toString(),
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                            new PrintWriter(log, true));
                    Chromium page = Chromium.start(dir)) {
                URI studyUrl =
                        URI.create(dashboard.url() + Pages.studyPath(STUDY).substring(1));

                // the raw page: one data block that cannot end its script element, a strict policy
                HttpResponse<String> raw = HttpClient.newHttpClient()
                        .send(HttpRequest.newBuilder(studyUrl).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(raw.statusCode()).isEqualTo(200);
                assertThat(raw.body().split("</script>", -1)).hasSize(3);
                assertThat(raw.body()).doesNotContain("<img src=").doesNotContain("<b onmouseover");
                String csp = raw.headers().firstValue("Content-Security-Policy").orElseThrow();
                assertThat(csp)
                        .startsWith("default-src 'none'; script-src 'sha256-")
                        .contains("connect-src 'self'", "frame-ancestors 'none'")
                        .doesNotContain("unsafe");

                page.open(studyUrl);
                page.eval("window.notReloaded = true");
                ReportPage.assertEveryPlotDrawn(
                        page,
                        List.of(
                                "pareto",
                                "detail",
                                "curves",
                                "hypervolume",
                                "history",
                                "intermediate",
                                "importance",
                                "parallel"));
                assertThat(page.eval("document.getElementById('title').textContent")
                                .asText())
                        .isEqualTo(STUDY);
                assertThat(page.eval("document.title").asText()).isEqualTo(STUDY + " · schedtune dashboard");
                assertThat(page.eval("document.querySelectorAll('script').length")
                                .asInt())
                        .isEqualTo(2);
                assertThat(page.eval(
                                        "document.querySelectorAll('img, iframe, object, embed, h1 *, [onerror], [onload], [onmouseover]').length")
                                .asInt())
                        .isZero();
                await(page, "document.getElementById('live-status').dataset.state === 'live'");
                assertThat(text(page, "live-status")).startsWith("Live: 30 trials");

                // the worker starts a trial and reports a step: it shows as running, without a reload
                Trial running = study.ask();
                running.suggestInt("epochs", 3, 20);
                running.suggestCategorical(FAMILY, "one_cycle", "exp_decay", CHOICE);
                running.suggestFloatLog("max_lr", 0.01, 1.0);
                running.report(25, 0.31, 0.2);
                await(
                        page,
                        "document.getElementById('live-status').textContent.startsWith('Live: 31 trials (1 running)')");
                assertThat(page.eval(
                                        "[...document.querySelectorAll('#summary .chip')].map(c => c.textContent).join('|')")
                                .asText())
                        .contains("1 running");
                // ... and finishes with the best loss so far: it joins the history plot and the Pareto front
                study.tell(running, 0.01, 0.3);
                await(page, "document.querySelectorAll('#plot-history [data-trial=\"30\"]').length > 0");
                await(
                        page,
                        "document.querySelectorAll('#plot-pareto circle.front-point[data-trial=\"30\"]').length > 0");
                assertThat(page.eval("window.notReloaded === true").asBoolean()).isTrue();
                ReportPage.assertEveryPlotDrawn(page, List.of("pareto", "history", "intermediate"));
                assertThat(page.eval("document.getElementById('title').textContent")
                                .asText())
                        .isEqualTo(STUDY);

                // the storage goes away (the file is moved): the page says so, keeps its data, and recovers
                Path away = dir.resolve("moved-away.db");
                Files.move(db, away);
                await(page, "document.getElementById('live-status').dataset.state === 'bad'");
                assertThat(text(page, "live-status"))
                        .startsWith("Storage unreachable, retrying")
                        .contains("no such file");
                assertThat(page.eval("document.querySelectorAll('#plot-history [data-trial=\"30\"]').length")
                                .asInt())
                        .isPositive();
                Files.move(away, db);
                await(page, "document.getElementById('live-status').dataset.state === 'live'");
                Trial more = study.ask();
                more.suggestInt("epochs", 3, 20);
                study.tell(more, 0.5, 2.0);
                await(page, "document.querySelectorAll('#plot-history [data-trial=\"31\"]').length > 0");
                assertThat(page.eval("window.notReloaded === true").asBoolean()).isTrue();
                assertThat(page.problems()).isEmpty();
                Files.write(Path.of("target", "dashboard-study.png"), page.screenshot(1400));

                // a new page while the storage is unreachable: the list says so (and still names the study)
                Files.move(db, away);
                await(page, "document.getElementById('live-status').dataset.state === 'bad'");
                page.open(dashboard.url());
                assertThat(page.eval("document.querySelector('.notice').textContent")
                                .asText())
                        .startsWith("Storage unreachable, retrying");
                assertThat(page.eval("document.querySelector('#studies a').textContent")
                                .asText())
                        .isEqualTo(STUDY);
                assertThat(page.problems()).isEmpty();
                Files.move(away, db);

                // an unknown study: a 404 page that lists the studies, names in it as text
                page.clearProblems();
                page.open(URI.create(dashboard.url() + "study/no%3Cb%3Esuch"));
                assertThat(page.eval("document.querySelector('main h2').textContent")
                                .asText())
                        .isEqualTo("Not found");
                assertThat(page.eval("document.querySelector('main .hint').textContent")
                                .asText())
                        .startsWith("There is no study named 'no<b>such'");
                JsonNode links = page.eval(
                        "[...document.querySelectorAll('#studies a')].map(a => [a.textContent, a.getAttribute('href')])");
                assertThat(links).hasSize(1);
                assertThat(links.get(0).get(0).asText()).isEqualTo(STUDY);
                assertThat(links.get(0).get(1).asText()).isEqualTo(Pages.studyPath(STUDY));
                assertThat(page.eval("document.querySelectorAll('script, img, b, main h2 *').length")
                                .asInt())
                        .isZero();
                // the only problem Chromium reports is the 404 answer itself
                assertThat(page.problems()).allSatisfy(p -> assertThat(p).contains("404"));

                // the link from the list opens the study
                page.eval("document.querySelector('#studies a').click()");
                await(
                        page,
                        "document.getElementById('title') && document.getElementById('title').textContent === "
                                + JSON.writeValueAsString(STUDY));
            }
        }
        assertThat(log.toString()).contains("storage unreachable, retrying").contains("storage reachable again");
    }

    private static String text(Chromium page, String id) throws Exception {
        return page.eval("document.getElementById('" + id + "').textContent").asText();
    }

    /** Waits until {@code condition} holds in the page (checked every 100 ms), at most 60 s. */
    static void await(Chromium page, String condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!page.eval("(() => { try { return !!(" + condition + "); } catch (e) { return false; } })()")
                .asBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 60 s: " + condition + "; the page's status line: "
                        + page.eval("(document.getElementById('live-status') || {}).textContent"));
            }
            Thread.sleep(100);
        }
    }
}
