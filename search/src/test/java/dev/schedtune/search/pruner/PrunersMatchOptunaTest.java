package dev.schedtune.search.pruner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schedtune.search.Study;
import dev.schedtune.search.Trial;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.trial.TrialState;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Replays the scenario of {@code search/scripts/pruner_reference.py} and compares every pruning decision with
 * the ones Optuna 3.1.0 made (committed as {@code optuna-pruner-decisions.json}).
 */
class PrunersMatchOptunaTest {
    private static final Map<String, Supplier<Pruner>> CASES = Map.ofEntries(
            Map.entry("median", MedianPruner::create),
            Map.entry("median-warmup", () -> MedianPruner.create(2, 3, 2, 1)),
            Map.entry("percentile-25", () -> PercentilePruner.create(25)),
            Map.entry("percentile-75-min3", () -> PercentilePruner.create(75, 5, 0, 1, 3)),
            Map.entry("sha-auto", SuccessiveHalvingPruner::create),
            Map.entry("sha-1-3-1", () -> SuccessiveHalvingPruner.create(1, 3, 1, 0)),
            Map.entry("sha-bootstrap", () -> SuccessiveHalvingPruner.create(2, 2, 0, 2)),
            Map.entry("hyperband-1-12-3", () -> HyperbandPruner.create(1, 12, 3, 0)),
            Map.entry("hyperband-auto", HyperbandPruner::create),
            Map.entry("threshold", () -> ThresholdPruner.create(0.0, 1.2, 2, 1)),
            Map.entry("patient-2", () -> PatientPruner.create(2, 0.0)),
            Map.entry("patient-median", () -> PatientPruner.wrapping(MedianPruner.create(), 1, 0.05)));

    /** The learning curves of the scenario (the script's value()). */
    static double value(int n, int step) {
        if (n == 7 && step >= 5) {
            return Double.NaN;
        }
        double v = 1.0 / (1 + step) + 0.3 * Math.sin(n * 1.3 + step * 0.7) + (n % 5) * 0.1;
        return Math.round(v * 1e12) / 1e12;
    }

    @Test
    void everyPrunerDecidesExactlyAsOptunaDoes() throws Exception {
        JsonNode reference;
        try (InputStream in = getClass().getResourceAsStream("optuna-pruner-decisions.json")) {
            reference = new ObjectMapper().readTree(in);
        }
        int nTrials = reference.get("trials").asInt();
        int nSteps = reference.get("steps").asInt();
        int compared = 0;
        for (Map.Entry<String, JsonNode> c : reference.get("cases").properties()) {
            String[] parts = c.getKey().split("/");
            Pruner pruner = CASES.get(parts[0]).get();
            Study study = Study.builder("pruned")
                    .direction(StudyDirection.parse(parts[1]))
                    .pruner(pruner)
                    .create();
            List<Integer> decisions = new ArrayList<>();
            for (int n = 0; n < nTrials; n++) {
                Trial trial = study.ask();
                Integer prunedAt = null;
                for (int step = 0; step < nSteps; step++) {
                    trial.report(step, value(n, step));
                    if (trial.shouldPrune()) {
                        prunedAt = step;
                        break;
                    }
                }
                if (prunedAt == null) {
                    double v = value(n, nSteps - 1);
                    study.tell(trial, Double.isFinite(v) ? v : 1e9);
                } else {
                    study.tell(trial, TrialState.PRUNED);
                }
                decisions.add(prunedAt);
            }
            List<Integer> expected = new ArrayList<>();
            c.getValue().forEach(v -> expected.add(v.isNull() ? null : v.asInt()));
            assertThat(decisions).as(c.getKey()).isEqualTo(expected);
            compared++;
        }
        assertThat(compared).isEqualTo(24);
    }
}
