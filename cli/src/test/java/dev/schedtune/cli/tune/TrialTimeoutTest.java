package dev.schedtune.cli.tune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schedtune.cli.Cli;
import dev.schedtune.search.Storages;
import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.TrialState;
import dev.schedtune.trainers.pool.WorkerMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker process stopped with a real SIGSTOP in the middle of a trial ({@code tune --trials 3 --jobs 1}):
 * the trial fails when {@code training.trial_timeout} passes, the stopped worker is killed, and the study
 * goes on to its budget with a new worker.
 */
class TrialTimeoutTest {
    @Test
    void aStoppedWorkerFailsItsTrialAfterTheTimeLimitAndTheStudyGoesOn(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(
                dir.resolve("hang.yaml"),
                TinyStudy.yaml("hang", 3, 1, "  trial_timeout: 10s").replace("low: 1, high: 3", "low: 6, high: 8"));
        Path out = dir.resolve("out");
        String warmUp = System.setProperty(WorkerMain.WARM_UP_STEPS_PROPERTY, "200");
        Cli.Result result;
        long victim;
        try {
            CompletableFuture<Cli.Result> run = CompletableFuture.supplyAsync(() ->
                    Cli.run("tune", "--config", config.toString(), "--out", out.toString(), "--progress", "lines"));
            victim = stopTheWorkerOfATrainingTrial(out, run);
            result = run.get(5, TimeUnit.MINUTES);
        } finally {
            if (warmUp == null) {
                System.clearProperty(WorkerMain.WARM_UP_STEPS_PROPERTY);
            } else {
                System.setProperty(WorkerMain.WARM_UP_STEPS_PROPERTY, warmUp);
            }
        }
        assertThat(result.code()).as(result.out() + result.err()).isZero();

        List<FrozenTrial> trials = trials(out);
        assertThat(trials).hasSize(3).noneMatch(t -> t.state() == TrialState.RUNNING);
        List<FrozenTrial> failed =
                trials.stream().filter(t -> t.state() == TrialState.FAIL).toList();
        assertThat(failed).hasSize(1);
        assertThat(String.valueOf(failed.get(0).systemAttrs().get(FrozenTrial.FAIL_REASON_KEY)))
                .contains("timed out after 10s: worker " + victim + " was killed");
        assertThat(trials)
                .filteredOn(t -> t.state() != TrialState.FAIL)
                .allMatch(t -> t.state() == TrialState.COMPLETE || t.state() == TrialState.PRUNED);
        assertThat(ProcessHandle.of(victim).map(ProcessHandle::isAlive).orElse(false))
                .isFalse();
    }

    /** Waits until a trial has reported a checkpoint (it is training), then SIGSTOPs its worker. */
    private static long stopTheWorkerOfATrainingTrial(Path out, CompletableFuture<?> run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline && !run.isDone()) {
            if (Files.exists(out.resolve("study.db"))
                    && trials(out).stream()
                            .anyMatch(t -> t.state() == TrialState.RUNNING
                                    && !t.intermediateValues().isEmpty())) {
                List<Long> workers = PoolProcesses.workers();
                assertThat(workers).hasSize(1);
                PoolProcesses.stop(workers.get(0));
                return workers.get(0);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no trial was training within 3 minutes");
    }

    private static List<FrozenTrial> trials(Path out) {
        try (Storage s = Storages.open(out.resolve("study.db").toString())) {
            return s.findStudy("hang")
                    .map(r -> (List<FrozenTrial>) new ArrayList<>(s.trials(r.studyId())))
                    .orElse(List.of());
        }
    }
}
