package dev.schedtune.cli.tune;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schedtune.cli.Cli;
import dev.schedtune.cli.report.Chromium;
import dev.schedtune.cli.report.ReportPage;
import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.dsl.config.Configs;
import dev.schedtune.export.PythonRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code schedtune pbt} end to end: a population of 4 on the digits in one worker process; its progress,
 * table, files and report; the discovered schedule read by plot, curve and export --to pytorch as it is.
 */
class PbtEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static Path out;
    static Cli.Result run;

    static String yaml(String name, String pbt) {
        return """
                schedtune: 1
                study: %s
                seed: 4
                task: {type: digits, test_fraction: 0.2}
                model: {type: mlp, hidden: [16]}
                training: {epochs: 3, batch_size: 128}
                objectives: [accuracy]
                jobs: 1
                confirm_seeds: 2
                %s""".formatted(name, pbt);
    }

    static final String PBT = """
            pbt:
              population: 4
              interval: 1
              hyperparameters:
                lr: {low: 0.01, high: 0.5, log: true}
                momentum: {low: 0.5, high: 0.95}
            """;

    @BeforeAll
    static void pbt() throws Exception {
        Path config = dir.resolve("pbt.yaml");
        Files.writeString(config, yaml("tiny-pbt", PBT));
        out = dir.resolve("out");
        run = Cli.run("pbt", "--config", config.toString(), "--out", out.toString());
    }

    @Test
    void theRunShowsEveryStepTheFinalTableAndTheLineageAndWritesItsFiles() throws Exception {
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .contains("PBT study 'tiny-pbt'")
                .contains("4 members, 3 epochs in 3 generations of 1, by accuracy")
                .contains("[12/12] generation 2")
                .contains("Final generation (best first):")
                .contains("Lineage of the best member")
                .contains("discovered-schedule.yaml");
        assertThat(run.out().lines().filter(l -> l.matches("\\[\\d+/12] generation \\d, member \\d.*")))
                .hasSize(12);
        JsonNode results = JSON.readTree(out.resolve(PbtRun.RESULTS_FILE).toFile());
        assertThat(results.get("steps")).hasSize(12);
        assertThat(results.get("lineage")).hasSize(3);
        assertThat(results.get("settings").get("population").asInt()).isEqualTo(4);
        // the replay check: two fresh seeds, the member's own checkpoint, all on the test split
        assertThat(run.out()).contains("Replay check:").contains("PBT member test accuracy");
        JsonNode replay = results.get("replay");
        assertThat(replay.get("seeds")).hasSize(2);
        assertThat(replay.get("seeds").get(0).asLong()).isEqualTo(4 + PbtRun.REPLAY_SEED_OFFSET);
        assertThat(replay.get("member_test_accuracy").asDouble()).isBetween(0.3, 1.0);
        assertThat(replay.get("test_accuracies")).hasSize(2);
        // one checkpoint per member is left
        try (var files = Files.list(out.resolve("checkpoints").resolve("tiny-pbt"))) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("m0-g2.ckpt", "m1-g2.ckpt", "m2-g2.ckpt", "m3-g2.ckpt");
        }
    }

    @Test
    void theDiscoveredScheduleIsAConfigThatPlotCurveAndExportToPytorchTakeAsItIs() throws Exception {
        Path file = out.resolve(PbtRun.SCHEDULE_FILE);
        ScheduleSet set = Configs.load(file);
        assertThat(set.names()).containsExactly("lr", "momentum");
        JsonNode lineage =
                JSON.readTree(out.resolve(PbtRun.RESULTS_FILE).toFile()).get("lineage");
        int spe = JSON.readTree(out.resolve(PbtRun.RESULTS_FILE).toFile())
                .get("steps_per_epoch")
                .asInt();
        for (JsonNode step : lineage) {
            long at = step.get("first_epoch").asLong() * spe;
            assertThat(set.valueAt("lr", at))
                    .isEqualTo(step.get("values").get("lr").asDouble());
            assertThat(set.valueAt("momentum", at))
                    .isEqualTo(step.get("values").get("momentum").asDouble());
        }
        int steps = 3 * spe;
        Cli.Result curve = Cli.run("curve", "--config", file.toString(), "--steps", Integer.toString(steps));
        assertThat(curve.code()).as(curve.err()).isZero();
        assertThat(curve.out()).startsWith("step,lr");
        assertThat(curve.out().lines().count()).isEqualTo(steps + 1L);
        Path svg = dir.resolve("discovered.svg");
        Cli.Result plot = Cli.run(
                "plot", "--config", file.toString(), "--steps", Integer.toString(steps), "--out", svg.toString());
        assertThat(plot.code()).as(plot.err()).isZero();
        assertThat(Files.readString(svg)).contains("<polyline");
        Path py = dir.resolve("discovered.py");
        Cli.Result pytorch = Cli.run("export", "--config", file.toString(), "--to", "pytorch", "--out", py.toString());
        assertThat(pytorch.code()).as(pytorch.err()).isZero();
        PythonRunner.assertSameCurve(dir, Files.readString(py), set, steps);
    }

    @Test
    void theReportShowsThePopulationTheLineageAndTheScheduleAgainstTheBaselines() throws Exception {
        Path report = out.resolve(PbtRun.REPORT_FILE);
        String html = Files.readString(report);
        // self-contained, under a policy allowing only its own inline script and style
        assertThat(html)
                .contains("<title>tiny-pbt · schedtune PBT report</title>")
                .contains("default-src 'none'; script-src 'sha256-")
                .doesNotContain(" src=");
        assertThat(html.replace("http://www.w3.org/2000/svg", ""))
                .doesNotContain("http://")
                .doesNotContain("https://");
        JsonNode results = JSON.readTree(out.resolve(PbtRun.RESULTS_FILE).toFile());
        JsonNode lineage = results.get("lineage");
        int exploits = 0;
        for (JsonNode step : results.get("steps")) {
            exploits += step.get("exploited").asBoolean() ? 1 : 0;
        }
        // schedtune report draws the same study from its storage alone (no replay check stored)
        Path again = dir.resolve("report-again");
        Cli.Result fromStorage = Cli.run(
                "report", "tiny-pbt", "--storage", out.resolve("study.db").toString(), "--out", again.toString());
        assertThat(fromStorage.code()).as(fromStorage.out() + fromStorage.err()).isZero();
        assertThat(fromStorage.out()).contains("a population-based training study: 12 steps)");
        try (Chromium page = Chromium.start(dir)) {
            page.open(again.resolve("report.html"));
            assertThat(page.eval("""
                            [...document.querySelectorAll('#lineage-table tr.lineage-row')]
                                .map(r => r.dataset.generation + ':' + r.dataset.member).join(' ')""").asText())
                    .isEqualTo(lineage.get(0).get("generation").asInt() + ":"
                            + lineage.get(0).get("member").asInt()
                            + " " + lineage.get(1).get("generation").asInt() + ":"
                            + lineage.get(1).get("member").asInt()
                            + " " + lineage.get(2).get("generation").asInt() + ":"
                            + lineage.get(2).get("member").asInt());
            assertThat(page.eval("getComputedStyle(document.getElementById('replay-card')).display")
                            .asText())
                    .isEqualTo("none");
            ReportPage.assertEveryPlotDrawn(page, List.of("population", "schedule"));

            page.open(report);
            ReportPage.assertEveryPlotDrawn(page, List.of("population", "schedule"));
            assertThat(page.eval("document.getElementById('title').textContent").asText())
                    .isEqualTo("tiny-pbt");
            // the population: a point per member and generation, a dashed line per exploit from its source
            assertThat(page.eval("document.querySelectorAll('#plot-population circle.member-point').length")
                            .asInt())
                    .isEqualTo(12);
            JsonNode drawn = page.eval("""
                    [...document.querySelectorAll('#plot-population path.exploit')]
                        .map(e => e.dataset.generation + ':' + e.dataset.member + '<-' + e.dataset.source)""");
            List<String> expected = new ArrayList<>();
            for (JsonNode step : results.get("steps")) {
                if (step.get("exploited").asBoolean()) {
                    expected.add(step.get("generation").asInt() + ":"
                            + step.get("member").asInt() + "<-"
                            + step.get("source").asInt());
                }
            }
            List<String> exploitLines = new ArrayList<>();
            drawn.forEach(n -> exploitLines.add(n.asText()));
            assertThat(exploitLines).hasSize(exploits).containsExactlyInAnyOrderElementsOf(expected);
            // the lineage: its table rows and its ringed points are the steps pbt.json names, in order
            JsonNode rows = page.eval("""
                    [...document.querySelectorAll('#lineage-table tr.lineage-row')]
                        .map(r => r.dataset.generation + ':' + r.dataset.member)""");
            JsonNode ringed = page.eval("""
                    [...document.querySelectorAll('#plot-population circle.lineage-point')]
                        .map(r => r.dataset.generation + ':' + r.dataset.member)""");
            assertThat(rows).hasSize(3);
            for (int g = 0; g < 3; g++) {
                String key = lineage.get(g).get("generation").asInt() + ":"
                        + lineage.get(g).get("member").asInt();
                assertThat(rows.get(g).asText()).isEqualTo(key);
                assertThat(ringed.get(g).asText()).isEqualTo(key);
            }
            assertThat(page.eval("document.querySelectorAll('#plot-population path.lineage').length")
                            .asInt())
                    .isEqualTo(1);
            // the discovered schedule, one panel per hyperparameter, against the common baselines
            assertThat(page.eval("""
                            [...document.querySelectorAll('#plot-schedule .curve-panel')]
                                .map(p => p.dataset.series + ' ' + p.querySelectorAll('path.discovered').length
                                    + ' ' + p.querySelectorAll('path.baseline').length).join('; ')""").asText()).isEqualTo("lr 1 6; momentum 1 1");
            // of the baselines only OneCycleLR sets momentum (it cycles it against the lr)
            assertThat(page.eval("""
                            document.querySelector('#plot-schedule .curve-panel[data-series="momentum"] path.baseline')
                                .dataset.baseline""").asText()).isEqualTo("torch OneCycleLR (max_lr 0.1)");
            assertThat(page.eval("document.querySelector('#plot-schedule').textContent")
                            .asText())
                    .contains("torch OneCycleLR (max_lr 0.1)")
                    .contains("HF cosine, 10 % warmup (peak 0.1)")
                    .contains("constant lr 0.1");
            // the replay check: the member and its two fresh seeds
            assertThat(page.eval("getComputedStyle(document.getElementById('replay-card')).display")
                            .asText())
                    .isNotEqualTo("none");
            assertThat(page.eval("document.querySelectorAll('#replay-table tbody tr').length")
                            .asInt())
                    .isEqualTo(4);
            assertThat(page.problems()).isEmpty();
        }
    }

    @Test
    void aBadPbtSectionIsAClearErrorWithExitCode2() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, yaml("bad", PBT.replace("population: 4", "population: 1")));
        Cli.Result r = Cli.run(
                "pbt", "--config", bad.toString(), "--out", dir.resolve("bad").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("population (1) must be in [2, 10000]").doesNotContain("Exception");

        Path noLr = dir.resolve("nolr.yaml");
        Files.writeString(noLr, yaml("nolr", PBT.replace("lr: {low: 0.01, high: 0.5, log: true}", "")));
        Cli.Result r2 = Cli.run(
                "pbt", "--config", noLr.toString(), "--out", dir.resolve("nolr").toString());
        assertThat(r2.code()).isEqualTo(2);
        assertThat(r2.err()).contains("PBT must explore 'lr'");

        Cli.Result tune = Cli.run(
                "tune",
                "--config",
                dir.resolve("pbt.yaml").toString(),
                "--out",
                dir.resolve("t").toString());
        assertThat(tune.code()).isEqualTo(2);
        assertThat(tune.err()).contains("has no template").contains("schedtune pbt");
    }
}
