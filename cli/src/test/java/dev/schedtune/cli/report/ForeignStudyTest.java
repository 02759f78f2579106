package dev.schedtune.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.primitives.ImmutableDoubleArray;
import dev.schedtune.search.Storages;
import dev.schedtune.search.distribution.IntDistribution;
import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.trial.TrialState;
import dev.schedtune.trainers.tuning.ScheduleTuning;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Studies not made by {@code schedtune tune} (through the API, or by Optuna): values told inf, constraints of
 * their own, an {@code epochs} parameter, no recorded schedules, a maximised objective, an orphaned RUNNING
 * trial. What {@code show}, {@code report} and the summary line say of them.
 */
class ForeignStudyTest {
    private final Storage storage = Storages.inMemory();
    private final List<FrozenTrial> trials = new ArrayList<>();
    private long studyId;

    private void study(StudyDirection... directions) {
        studyId = storage.createStudy("foreign-" + storage.studies().size(), List.of(directions), Map.of())
                .studyId();
    }

    /** A finished trial with {@code values}, an {@code epochs} parameter and constraints. */
    private void trial(TrialState state, double @Nullable [] values, int epochs, Map<String, Double> constraints) {
        Map<String, @Nullable Object> system = new LinkedHashMap<>();
        if (!constraints.isEmpty()) {
            system.put(FrozenTrial.CONSTRAINTS_KEY, new ArrayList<>(constraints.values()));
            system.put(FrozenTrial.CONSTRAINT_NAMES_KEY, new ArrayList<>(constraints.keySet()));
        }
        FrozenTrial t = storage.createTrial(studyId, TrialState.RUNNING, Integer.MAX_VALUE, Map.of(), system)
                .orElseThrow();
        storage.setTrialParam(studyId, t.number(), "epochs", epochs, IntDistribution.of(1, 50));
        if (state != TrialState.RUNNING) {
            storage.finishTrial(
                    studyId, t.number(), state, values == null ? null : ImmutableDoubleArray.copyOf(values), Map.of());
        }
    }

    private StudyResults results(StudyDirection... directions) {
        trials.clear();
        trials.addAll(storage.trials(studyId));
        return StudyResults.of("foreign", trials, List.of(directions), List.of(), null);
    }

    @Test
    void aValueToldInfIsNeverTheBestNorInTheHypervolume() {
        study(StudyDirection.MINIMIZE);
        trial(TrialState.COMPLETE, new double[] {Double.POSITIVE_INFINITY}, 3, Map.of());
        trial(TrialState.COMPLETE, new double[] {0.5}, 3, Map.of());
        trial(TrialState.COMPLETE, new double[] {0.7}, 3, Map.of());
        StudyResults r = results(StudyDirection.MINIMIZE);
        assertThat(r.bestOfFirstObjective()).map(FrozenTrial::number).contains(1);
        assertThat(ReportData.of(r, "epoch", null)).containsEntry("best", 1);

        study(StudyDirection.MINIMIZE, StudyDirection.MINIMIZE);
        trial(TrialState.COMPLETE, new double[] {Double.POSITIVE_INFINITY, 1}, 3, Map.of());
        trial(TrialState.COMPLETE, new double[] {0.5, 2}, 3, Map.of());
        trial(TrialState.COMPLETE, new double[] {0.7, 1}, 3, Map.of());
        StudyResults two = results(StudyDirection.MINIMIZE, StudyDirection.MINIMIZE);
        assertThat(two.counted()).extracting(FrozenTrial::number).containsExactly(1, 2);
        assertThat(two.hypervolume()).isBetween(0.0, 1.21); // normalised by finite bounds: no exception, no NaN
    }

    @Test
    void anInfeasibleTrialIsNotTheBestAndItsConstraintIsNamed() {
        study(StudyDirection.MINIMIZE, StudyDirection.MINIMIZE);
        trial(TrialState.COMPLETE, new double[] {0.1, 5}, 3, Map.of("memory_gb", 2.0));
        trial(TrialState.COMPLETE, new double[] {0.4, 1}, 3, Map.of("memory_gb", -1.0));
        trial(TrialState.COMPLETE, new double[] {0.3, 9}, 3, Map.of(ScheduleTuning.CHANCE_CONSTRAINT, 0.2));
        StudyResults r = results(StudyDirection.MINIMIZE, StudyDirection.MINIMIZE);
        assertThat(r.bestOfFirstObjective()).map(FrozenTrial::number).contains(1);
        assertThat(ReportData.infeasibility(trials.get(0))).isEqualTo("constraint memory_gb above 0");
        assertThat(ReportData.infeasibility(trials.get(2))).isEqualTo("learned nothing (loss not below chance)");
    }

    @Test
    void showTakesEpochsFromTheEpochsParameter() {
        study(StudyDirection.MINIMIZE);
        trial(TrialState.COMPLETE, new double[] {0.5}, 7, Map.of());
        results(StudyDirection.MINIMIZE);
        assertThat(ParetoTable.epochs(trials.get(0))).isEqualTo("7");
    }

    @Test
    void reportWritesNoConfigsFolderWithoutSchedulesAndParetoJsonSaysWhatItNormalisedBy(@TempDir Path dir)
            throws Exception {
        study(StudyDirection.MINIMIZE, StudyDirection.MAXIMIZE);
        trial(TrialState.COMPLETE, new double[] {0.2, 0.90}, 3, Map.of());
        trial(TrialState.COMPLETE, new double[] {0.1, 0.80}, 3, Map.of());
        trial(TrialState.COMPLETE, new double[] {0.3, 0.95}, 3, Map.of());
        StudyResults r = results(StudyDirection.MINIMIZE, StudyDirection.MAXIMIZE);
        Map<Integer, Path> configs = ResultFiles.writeConfigs(r, dir);
        assertThat(configs).isEmpty();
        assertThat(dir.resolve("configs")).doesNotExist();

        Path pareto = ResultFiles.writeParetoJson(r, dir, "memory", configs);
        JsonNode by = new ObjectMapper()
                .readTree(Files.readString(pareto))
                .path("hypervolume")
                .path("normalised_by");
        // each objective in its own direction: accuracy (maximised) spans 0.80..0.95, not -0.95..-0.80
        assertThat(by.path("lower").get(0).asDouble()).isEqualTo(0.1);
        assertThat(by.path("upper").get(0).asDouble()).isEqualTo(0.3);
        assertThat(by.path("lower").get(1).asDouble()).isEqualTo(0.80);
        assertThat(by.path("upper").get(1).asDouble()).isEqualTo(0.95);
        assertThat(by.path("over").asText()).isEqualTo("feasible complete trials");
    }

    @Test
    void theCountsAddUpWithAnOrphanedRunningTrial() {
        study(StudyDirection.MINIMIZE);
        trial(TrialState.COMPLETE, new double[] {0.5}, 3, Map.of());
        trial(TrialState.PRUNED, null, 3, Map.of());
        trial(TrialState.RUNNING, null, 3, Map.of());
        StudyResults r = results(StudyDirection.MINIMIZE);
        assertThat(r.countsText()).isEqualTo("1 complete, 1 pruned, 0 failed, 1 running");
    }
}
