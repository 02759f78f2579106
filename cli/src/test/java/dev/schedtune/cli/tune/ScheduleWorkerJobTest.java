package dev.schedtune.cli.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schedtune.cli.SchedtuneCli;
import dev.schedtune.cli.study.StudyAttrs;
import dev.schedtune.cli.tune.config.StudyConfig;
import dev.schedtune.cli.tune.config.StudyConfigReader;
import dev.schedtune.cli.worker.WorkerJob;
import dev.schedtune.dsl.config.ConfigException;
import dev.schedtune.dsl.spec.KindRegistry;
import dev.schedtune.search.Storages;
import dev.schedtune.search.Study;
import dev.schedtune.search.sampler.tpe.TpeSampler;
import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.trial.StudyTrials;
import dev.schedtune.search.trial.TrialState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code schedtune worker} runs the schedule-tuning studies {@code schedtune tune} creates. */
class ScheduleWorkerJobTest {
    private static final KindRegistry REGISTRY = KindRegistry.builtIn();

    @TempDir
    Path dir;

    /** A study stored as {@code schedtune tune} stores it: its directions and seed, and its config as JSON. */
    private static StudyConfig createTuneStudy(Storage storage, Path dir, String name, int trials) throws Exception {
        StudyConfig config = StudyConfigReader.read(TinyStudy.write(dir, name, trials, 1), REGISTRY);
        Study.builder(name)
                .storage(storage)
                .directions(config.directions())
                .seed(config.seed())
                .systemAttr(StudyAttrs.CONFIG, StudyConfigReader.write(config))
                .create();
        return config;
    }

    @Test
    void aTuneStudysStoredConfigGivesItsSamplerPrunerObjectiveAndBudget() throws Exception {
        try (Storage storage = Storages.open(dir.resolve("plan.db").toString())) {
            StudyConfig config = createTuneStudy(storage, dir, "tiny", 7);
            long id = storage.findStudy("tiny").orElseThrow().studyId();
            ScheduleWorkerJob job = new ScheduleWorkerJob(REGISTRY);
            Optional<WorkerJob.Plan> plan =
                    job.plan("tiny", storage.studyUserAttrs(id), storage.studySystemAttrs(id), 1);
            assertThat(plan).isPresent();
            try (AutoCloseable resources = plan.get().resources()) {
                assertThat(resources).isNotNull();
                assertThat(plan.get().totalTrials()).hasValue(7);
                assertThat(plan.get().sampler()).isInstanceOf(TpeSampler.class);
                assertThat(plan.get().pruner()).isNotNull();
                assertThat(plan.get().description()).contains("schedule tuning", "7 trials");
            }
            assertThat(config.trials()).isEqualTo(7);
            assertThat(job.plan("tiny", Map.of(), Map.of(), 1)).isEmpty();
            assertThatThrownBy(() -> job.plan("tiny", Map.of(), Map.of(StudyAttrs.CONFIG, "{\"schedtune\": 1}"), 1))
                    .isInstanceOf(ConfigException.class);
        }
    }

    @Test
    void aWorkerTrainsTheTrialsOfATuneStudyUntilItsBudgetIsSpent() throws Exception {
        Path db = dir.resolve("tune.db");
        try (Storage storage = Storages.open(db.toString())) {
            createTuneStudy(storage, dir, "tiny-worker", 2);
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SchedtuneCli.create(new PrintWriter(out), new PrintWriter(err))
                .execute("worker", "--storage", db.toString(), "--study", "tiny-worker");
        assertThat(code).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("schedule tuning", "done: ran 2 trials");
        try (Storage storage = Storages.open(db.toString())) {
            StudyTrials trials = storage.trials(
                    storage.findStudy("tiny-worker").orElseThrow().studyId());
            assertThat(trials).hasSize(2);
            assertThat(trials.count(TrialState.RUNNING)).isZero();
            assertThat(trials.get(0).params()).containsKeys("family", "epochs");
        }
    }
}
