package dev.schedtune.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schedtune.cli.Cli;
import dev.schedtune.search.Storages;
import dev.schedtune.search.storage.Storage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of a study whose names are hostile HTML and JavaScript, opened in real Chromium: nothing
 * runs, nothing is injected, every name is shown as the text it is, and every plot (the evidence ones
 * too) is drawn.
 */
class ReportEscapingTest {
    static final String STUDY = "</script><script>alert('study')</script><b onmouseover=alert(1)>&amp;";
    static final String FAMILY = "fam\"ily<svg/onload=alert('family')>";
    static final String PARAM = "lr</title><img src=x onerror=alert('param')>";
    static final String CHOICE = "<img src=y onerror=alert('choice')>";

    @Test
    void hostileNamesStayText(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("evil.db");
        try (Storage s = Storages.sqlite(db)) {
            SyntheticStudy.create(s, STUDY, FAMILY, PARAM, CHOICE);
        }
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Path evidence = out.resolve("evidence.json");
        new ObjectMapper()
                .writeValue(
                        evidence.toFile(),
                        Map.of(
                                "description",
                                "<script>alert('evidence')</script> three seeds",
                                "machine",
                                "a laptop <i>",
                                "schedules",
                                List.of(Map.of(
                                        "epochs",
                                        8,
                                        "results",
                                        List.of(
                                                Map.of(
                                                        "name",
                                                        "tuned <b>#3</b>",
                                                        "loss_mean",
                                                        0.09,
                                                        "loss_sd",
                                                        0.01,
                                                        "acc_mean",
                                                        0.97,
                                                        "losses",
                                                        List.of(0.08, 0.09, 0.1)),
                                                Map.of(
                                                        "name",
                                                        "constant lr 0.1",
                                                        "loss_mean",
                                                        0.2,
                                                        "loss_sd",
                                                        0.02,
                                                        "acc_mean",
                                                        0.94,
                                                        "losses",
                                                        List.of(0.18, 0.2, 0.22))))),
                                "samplers",
                                Map.of(
                                        "trials",
                                        30,
                                        "seeds",
                                        List.of(0, 1, 2),
                                        "normalisation",
                                        "common bounds",
                                        "rows",
                                        List.of(
                                                Map.of(
                                                        "sampler",
                                                        "tpe",
                                                        "mean",
                                                        0.9,
                                                        "hypervolumes",
                                                        List.of(0.88, 0.9, 0.92)),
                                                Map.of(
                                                        "sampler",
                                                        "random <u>",
                                                        "mean",
                                                        0.7,
                                                        "hypervolumes",
                                                        List.of(0.6, 0.7, 0.8))))));
        Cli.Result r = Cli.run("report", STUDY, "--storage", db.toString(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        String html = Files.readString(out.resolve("report.html"));
        // the data block cannot end the script element or open a tag
        assertThat(html.split("</script>", -1)).hasSize(3);
        assertThat(html)
                .doesNotContain("<img src=")
                .doesNotContain("<svg/onload")
                .doesNotContain("<b onmouseover");

        try (Chromium chromium = Chromium.start(dir)) {
            chromium.open(out.resolve("report.html"));
            ReportPage.assertEveryPlotDrawn(
                    chromium,
                    List.of(
                            "pareto",
                            "detail",
                            "curves",
                            "hypervolume",
                            "history",
                            "intermediate",
                            "importance",
                            "parallel",
                            "evidence",
                            "samplers"));
            assertThat(chromium.eval(
                                    "document.querySelectorAll('img, iframe, object, embed, u, #evidence-hint *, h1 *').length")
                            .asInt())
                    .isZero();
            assertThat(chromium.eval("document.querySelectorAll('script').length")
                            .asInt())
                    .isEqualTo(2);
            assertThat(chromium.eval("document.querySelectorAll('[onerror], [onload], [onmouseover]').length")
                            .asInt())
                    .isZero();
            assertThat(chromium.eval("document.getElementById('title').textContent")
                            .asText())
                    .isEqualTo(STUDY);
            assertThat(chromium.eval("document.title").asText()).isEqualTo(STUDY + " · schedtune report");
            assertThat(chromium.eval("document.getElementById('evidence-hint').textContent")
                            .asText())
                    .contains("<script>alert('evidence')</script>");
            // the hostile parameter's name and value show as text in the detail table of a trial that has it
            String cells = chromium.eval("""
                    (() => {
                      const n = [...document.querySelectorAll('[data-trial]')].map(e => e.dataset.trial);
                      return n.join(',');
                    })()""").asText();
            assertThat(cells).isNotEmpty();
            boolean shown = chromium.eval("""
                    (() => {
                      for (const p of document.querySelectorAll('#plot-history circle[data-trial]')) {
                        p.dispatchEvent(new MouseEvent('click', {bubbles: true}));
                        const keys = [...document.querySelectorAll('#detail-table td:first-child')].map(td => td.textContent);
                        if (keys.includes(%s)) return true;
                      }
                      return false;
                    })()""".formatted(new ObjectMapper().writeValueAsString(PARAM)))
                    .asBoolean();
            assertThat(shown).isTrue();
            ReportPage.clickAnotherParetoPoint(chromium);
            // hovering shows a tooltip with the trial's text
            chromium.eval("""
                    (() => {
                      const p = document.querySelector('#plot-pareto circle[data-trial]');
                      const r = p.getBoundingClientRect();
                      p.dispatchEvent(new MouseEvent('mousemove', {bubbles: true, clientX: r.x + 2, clientY: r.y + 2}));
                    })()""");
            assertThat(chromium.eval("document.getElementById('tooltip').style.display")
                            .asText())
                    .isEqualTo("block");
            assertThat(chromium.eval("document.getElementById('tooltip').textContent")
                            .asText())
                    .startsWith("#");
            assertThat(chromium.problems()).isEmpty();
            Files.write(Path.of("target", "report-escaping.png"), chromium.screenshot(1400));
        }
    }
}
