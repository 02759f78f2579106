package dev.schedtune.cli.tune;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schedtune.cli.Cli;
import dev.schedtune.search.Storages;
import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.storage.StudyRecord;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.trainers.tuning.Confirmation;
import dev.schedtune.trainers.tuning.TrialRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A study with two baselines and a confirmation on the test split, end to end: the baselines run first
 * (once, also when resumed), the Pareto trials and the baselines are re-trained with fresh seeds and judged
 * on the digits' test split, and the table, pareto.json and the report show the comparison.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BaselinesEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASELINES = """
            baselines:
              - {name: constant 0.3, schedule: {type: constant, value: 0.3}}
              - {name: one-cycle 0.5, schedule: {type: torch.OneCycleLR, max_lr: 0.5, total_steps: total_steps}}
            confirm_seeds: 2
            """;

    @TempDir
    static Path dir;

    static Path config;
    static Path out;
    static Cli.Result run;

    @BeforeAll
    static void tune() throws Exception {
        config = dir.resolve("base.yaml");
        Files.writeString(config, TinyStudy.yaml("base", 5, 2, "", BASELINES));
        out = dir.resolve("out");
        run = Cli.run("tune", "--config", config.toString(), "--out", out.toString());
    }

    private static List<FrozenTrial> trials() {
        try (Storage s = Storages.open(out.resolve("study.db").toString())) {
            StudyRecord r = s.findStudy("base").orElseThrow();
            return s.trials(r.studyId());
        }
    }

    private static Map<Integer, Confirmation> confirmations() {
        try (Storage s = Storages.open(out.resolve("study.db").toString())) {
            return Confirmation.read(
                    s.studySystemAttrs(s.findStudy("base").orElseThrow().studyId()));
        }
    }

    @Test
    @Order(1)
    void theBaselinesRunFirstAndTheAnswerIsJudgedOnTheTestSplit() {
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .contains("baselines (the study's first trials): constant 0.3, one-cycle 0.5")
                .contains("held out from the search")
                .contains("Confirming on the test split")
                .contains("On the test split (never seen by the search), each schedule re-trained with 2 fresh seeds")
                .contains("baseline: constant 0.3")
                .contains("accuracy vs best baseline")
                .contains("Verdict: ");
        List<FrozenTrial> trials = trials();
        assertThat(TrialRecord.from(trials.get(0)).baseline()).contains("constant 0.3");
        assertThat(TrialRecord.from(trials.get(1)).baseline()).contains("one-cycle 0.5");
        // the baselines train the longest run the study allows
        assertThat(trials.get(0).params()).containsEntry("epochs", 3L);
        assertThat(trials.subList(2, trials.size()))
                .allSatisfy(t -> assertThat(TrialRecord.from(t).isBaseline()).isFalse());
    }

    @Test
    @Order(2)
    void everyParetoTrialAndBaselineIsConfirmedWithFreshSeeds() {
        Map<Integer, Confirmation> confirmed = confirmations();
        assertThat(confirmed).containsKeys(0, 1);
        for (Confirmation c : confirmed.values()) {
            // the search trained with training seed 0 (the default, one repeat): never reused
            assertThat(c.seeds()).hasSize(2).doesNotContain(0L);
            assertThat(c.testAccuracies()).hasSize(2);
            for (double a : c.testAccuracies()) {
                assertThat(a).isBetween(0.05, 1.0);
            }
        }
    }

    @Test
    @Order(3)
    void paretoJsonListsTheBaselinesAndTheTestFigures() throws Exception {
        JsonNode pareto = JSON.readTree(out.resolve("pareto.json").toFile());
        JsonNode baselines = pareto.path("baselines");
        assertThat(baselines.size()).isEqualTo(2);
        assertThat(baselines.get(0).path("baseline").asText()).isEqualTo("constant 0.3");
        JsonNode test = baselines.get(0).path("test");
        assertThat(test.path("seeds").size()).isEqualTo(2);
        assertThat(test.path("test_accuracy").path("per_seed").size()).isEqualTo(2);
        assertThat(test.path("test_accuracy").path("mean").asDouble()).isBetween(0.05, 1.0);
        assertThat(test.path("test_loss").has("sd")).isTrue();
        for (JsonNode t : pareto.path("pareto_front")) {
            assertThat(t.path("test").path("test_loss").path("mean").isNumber()).isTrue();
            assertThat(t.path("values").has("validation_loss")).isTrue();
        }
        assertThat(pareto.path("test_comparison").path("verdict").asText()).isNotBlank();
        assertThat(pareto.path("test_comparison").path("best_baseline").asInt()).isIn(0, 1);
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("id=\"test-card\"").contains("\"test\":{").contains("\"bestBaseline\"");
    }

    @Test
    @Order(4)
    void aResumedStudyRunsNoBaselineTwiceAndConfirmsOnlyWhatIsNew() {
        Map<Integer, Confirmation> before = confirmations();
        Cli.Result again =
                Cli.run("tune", "--config", config.toString(), "--out", out.toString(), "--resume", "--trials", "7");
        assertThat(again.code()).as(again.out() + again.err()).isZero();
        List<FrozenTrial> trials = trials();
        assertThat(trials).hasSize(7);
        assertThat(trials.stream().filter(t -> TrialRecord.from(t).isBaseline()))
                .hasSize(2);
        Map<Integer, Confirmation> after = confirmations();
        before.forEach((n, c) -> assertThat(after.get(n)).isEqualTo(c));
    }

    @Test
    @Order(5)
    void reportConfirmRetrainsWithMoreSeeds() {
        Cli.Result r = Cli.run(
                "report",
                "base",
                "--storage",
                out.resolve("study.db").toString(),
                "--out",
                dir.resolve("report").toString(),
                "--confirm",
                "--seeds",
                "3",
                "--jobs",
                "2");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("re-trained with 3 fresh seeds").contains("wrote");
        assertThat(confirmations().get(0).seeds()).hasSize(3);
        Cli.Result bad =
                Cli.run("report", "base", "--storage", out.resolve("study.db").toString(), "--seeds", "3");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--seeds goes with --confirm");
    }
}
