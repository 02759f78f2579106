package dev.schedtune.cli.tune;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schedtune.cli.Cli;
import dev.schedtune.cli.report.Chromium;
import dev.schedtune.cli.report.ReportPage;
import dev.schedtune.search.Storages;
import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.storage.StudyRecord;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.TrialState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real tuning run, end to end and in-process: a tiny study (digits, a 16-unit MLP, 1 to 3 epochs, two
 * schedule families) trained by two worker processes into a SQLite file; then its outputs, the commands
 * that read studies, and resuming.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TuneEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static Path config;
    static Path out;
    static Cli.Result run;

    @BeforeAll
    static void tune() throws Exception {
        // two runs per trial (seeds 3 and 4, split seeds 0 and 1): the objectives are their means
        config = TinyStudy.write(dir, "tiny", 6, 2, "  repeats: 2");
        out = dir.resolve("out");
        run = Cli.run("tune", "--config", config.toString(), "--out", out.toString());
    }

    private static String storage() {
        return out.resolve("study.db").toString();
    }

    @Test
    @Order(1)
    void theRunEndsWithTheParetoTableAndTheFilesItWrote() {
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .contains("schedtune tune: study 'tiny'")
                .contains("6/6 done")
                .contains("Done after")
                .contains("Pareto front:")
                .contains("validation loss")
                .contains("accuracy")
                .contains("pareto.json")
                .contains("report.html");
        // one progress line per trial, with the status
        assertThat(run.out().lines().filter(l -> l.startsWith("#"))).hasSize(6);
        assertThat(run.out()
                        .lines()
                        .filter(l -> l.matches("#\\d+ .*\\[\\d+/6 done \\| running \\d+ \\| pruned \\d+ \\|"
                                + " failed \\d+ \\| front \\d+ \\| HV [-0-9.]+ \\| ETA .*]")))
                .hasSize(6);
    }

    @Test
    @Order(2)
    void paretoJsonHoldsTheNonDominatedCompleteTrials() throws Exception {
        JsonNode pareto = JSON.readTree(out.resolve("pareto.json").toFile());
        assertThat(pareto.path("study").asText()).isEqualTo("tiny");
        assertThat(pareto.path("trials").path("total").asInt()).isEqualTo(6);
        JsonNode front = pareto.path("pareto_front");
        assertThat(front.size()).isGreaterThanOrEqualTo(1);
        List<FrozenTrial> complete;
        try (Storage s = Storages.open(storage())) {
            StudyRecord r = s.findStudy("tiny").orElseThrow();
            // the front is made of the feasible trials (those whose network learned something)
            complete = s.trials(r.studyId()).stream()
                    .filter(t -> t.state() == TrialState.COMPLETE && t.isFeasible())
                    .toList();
            assertThat(s.trials(r.studyId()))
                    .filteredOn(t -> t.state() == TrialState.COMPLETE)
                    .allSatisfy(t -> {
                        assertThat(t.constraints().length()).isEqualTo(1);
                        List<?> runs = (List<?>) t.userAttrs().get("repeat_validation_losses");
                        assertThat(runs).hasSize(2);
                        double mean = (((Number) runs.get(0)).doubleValue() + ((Number) runs.get(1)).doubleValue()) / 2;
                        assertThat(t.values().get(0)).isCloseTo(mean, org.assertj.core.data.Offset.offset(1e-12));
                        assertThat(runs.get(0)).isNotEqualTo(runs.get(1));
                    });
        }
        List<double[]> points = new ArrayList<>();
        for (JsonNode t : front) {
            double loss = t.path("values").path("validation_loss").asDouble();
            double seconds = t.path("values").path("seconds").asDouble();
            points.add(new double[] {loss, seconds});
            assertThat(t.path("family").asText()).isIn("one_cycle", "exp_decay");
            assertThat(t.path("params").has("epochs")).isTrue();
            assertThat(t.path("accuracy").asDouble()).isBetween(0.05, 1.0);
            assertThat(t.path("epochs").asInt()).isBetween(1, 3);
            assertThat(Files.isRegularFile(out.resolve(t.path("config").asText())))
                    .isTrue();
            // nothing complete dominates a front trial
            for (FrozenTrial c : complete) {
                boolean dominates = c.values().get(0) <= loss
                        && c.values().get(1) <= seconds
                        && (c.values().get(0) < loss || c.values().get(1) < seconds);
                assertThat(dominates)
                        .as("trial %s dominates front trial %s", c.number(), t.path("trial"))
                        .isFalse();
            }
        }
        // and every complete trial not listed is dominated by a listed one
        for (FrozenTrial c : complete) {
            boolean listed = points.stream()
                    .anyMatch(
                            p -> p[0] == c.values().get(0) && p[1] == c.values().get(1));
            boolean dominated = points.stream()
                    .anyMatch(p -> p[0] <= c.values().get(0)
                            && p[1] <= c.values().get(1)
                            && (p[0] < c.values().get(0) || p[1] < c.values().get(1)));
            assertThat(listed || dominated).as("trial %s", c.number()).isTrue();
        }
    }

    @Test
    @Order(3)
    void everyParetoConfigIsLoadableByCurveAndPlot() throws Exception {
        List<Path> configs;
        try (Stream<Path> files = Files.list(out.resolve("configs"))) {
            configs = files.sorted().toList();
        }
        JsonNode front = JSON.readTree(out.resolve("pareto.json").toFile()).path("pareto_front");
        assertThat(configs).hasSize(front.size());
        for (JsonNode t : front) {
            Path file = out.resolve(t.path("config").asText());
            int steps = t.path("steps").asInt();
            assertThat(Files.readString(file))
                    .startsWith("# Trial " + t.path("trial").asInt() + " of study 'tiny'");
            Cli.Result curve = Cli.run("curve", "--config", file.toString(), "--steps", Integer.toString(steps));
            assertThat(curve.code()).as(curve.err()).isZero();
            assertThat(curve.out().lines().count()).isEqualTo(steps + 1L);
            assertThat(curve.out()).startsWith("step,lr");
            // the lr the trial trained with: positive and finite at every step
            curve.out().lines().skip(1).forEach(line -> {
                double lr = Double.parseDouble(line.split(",")[1]);
                assertThat(lr).isPositive().isLessThanOrEqualTo(1.0);
            });
            Cli.Result plot =
                    Cli.run("plot", "--config", file.toString(), "--steps", Integer.toString(steps), "--ascii");
            assertThat(plot.code()).as(plot.err()).isZero();
        }
    }

    @Test
    @Order(4)
    void theReportIsOneSelfContainedFile() throws Exception {
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).startsWith("<!DOCTYPE html>");
        assertThat(html).contains("id=\"study-data\"").contains("default-src 'none'");
        assertThat(html)
                .doesNotContain("src=\"http")
                .doesNotContain("href=\"http")
                .doesNotContainPattern("<link(?![^>]*href=\"data:)"); // only the inline (data:) icon
        assertThat(html).doesNotContain("__DATA__").doesNotContain("/*__SCRIPT__*/");
    }

    @Test
    @Order(5)
    void studiesShowAndReportReadTheStorage() throws Exception {
        Cli.Result studies = Cli.run("studies", "--storage", storage());
        assertThat(studies.code()).as(studies.err()).isZero();
        assertThat(studies.out()).contains("tiny").contains("validation_loss,seconds (min,min)");

        Cli.Result show = Cli.run("show", "tiny", "--storage", "sqlite:///" + storage(), "--all");
        assertThat(show.code()).as(show.err()).isZero();
        assertThat(show.out()).contains("trials: 6").contains("Pareto front:").contains("All trials:");

        Path again = dir.resolve("report-again");
        Cli.Result report = Cli.run("report", "tiny", "--storage", storage(), "--out", again.toString());
        assertThat(report.code()).as(report.err()).isZero();
        assertThat(again.resolve("report.html")).exists();
        assertThat(JSON.readTree(again.resolve("pareto.json").toFile()).path("pareto_front"))
                .isEqualTo(JSON.readTree(out.resolve("pareto.json").toFile()).path("pareto_front"));

        Cli.Result missing = Cli.run("show", "nope", "--storage", storage());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("no study named 'nope'").contains("studies there: tiny");
    }

    @Test
    @Order(6)
    void runningTheSameStudyAgainNeedsResume() {
        Cli.Result again = Cli.run("tune", "--config", config.toString(), "--out", out.toString());
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("study 'tiny' already exists").contains("--resume");
    }

    @Test
    @Order(7)
    void resumeRunsTheRestOfALargerBudget() throws Exception {
        Cli.Result resumed =
                Cli.run("tune", "--config", config.toString(), "--out", out.toString(), "--resume", "--trials", "8");
        assertThat(resumed.code()).as(resumed.out() + resumed.err()).isZero();
        assertThat(resumed.out()).contains("resuming: 6 trials done, 2 to run");
        assertThat(resumed.out().lines().filter(l -> l.startsWith("#"))).hasSize(2);
        try (Storage s = Storages.open(storage())) {
            StudyRecord r = s.findStudy("tiny").orElseThrow();
            assertThat(s.trials(r.studyId())).hasSize(8);
        }
        // without --config, --resume takes the study's stored config
        Cli.Result stored =
                Cli.run("tune", "--resume", "--storage", storage(), "--out", out.toString(), "--trials", "8");
        assertThat(stored.code()).as(stored.out() + stored.err()).isZero();
        assertThat(stored.out()).contains("Nothing to run");
    }

    @Test
    @Order(8)
    void resumeRefusesAStudyDefinedDifferently() throws Exception {
        Path other = Files.writeString(
                dir.resolve("other.yaml"),
                TinyStudy.yaml("tiny", 8, 2, "").replace("batch_size: 128", "batch_size: 64"));
        Cli.Result r = Cli.run("tune", "--config", other.toString(), "--out", out.toString(), "--resume");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("was created with another training");
    }

    @Test
    @Order(9)
    void theReportWorksInChromium() throws Exception {
        try (Chromium chromium = Chromium.start(dir)) {
            chromium.open(out.resolve("report.html"));
            List<String> plots = new ArrayList<>(
                    List.of("pareto", "detail", "curves", "hypervolume", "history", "intermediate", "parallel"));
            // the pruner decides how many trials complete; importance needs 4 of them
            JsonNode counts = JSON.readTree(out.resolve("pareto.json").toFile()).path("trials");
            assertThat(counts.path("complete").isInt())
                    .as("pareto.json trials.complete")
                    .isTrue();
            int complete = counts.path("complete").asInt();
            if (complete >= 4) {
                plots.add("importance");
            } else {
                assertThat(chromium.eval("document.getElementById('plot-importance').textContent")
                                .asText())
                        .contains("Too few complete trials for importance");
            }
            ReportPage.assertEveryPlotDrawn(chromium, plots);
            assertThat(chromium.eval("getComputedStyle(document.getElementById('evidence-card')).display")
                            .asText())
                    .isEqualTo("none");
            assertThat(chromium.eval("document.getElementById('title').textContent")
                            .asText())
                    .isEqualTo("tiny");
            int trial = ReportPage.clickAnotherParetoPoint(chromium);
            JsonNode front = JSON.readTree(out.resolve("pareto.json").toFile()).path("pareto_front");
            List<Integer> numbers = new ArrayList<>();
            front.forEach(t -> numbers.add(t.path("trial").asInt()));
            assertThat(numbers).contains(trial);
            assertThat(chromium.problems()).isEmpty();
        }
    }
}
