package dev.schedtune.trainers.pbt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.search.Storages;
import dev.schedtune.search.Study;
import dev.schedtune.search.distribution.FloatDistribution;
import dev.schedtune.search.pbt.MemberRecord;
import dev.schedtune.search.pbt.PopulationBasedTraining;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.trainers.data.TaskSpec;
import dev.schedtune.trainers.model.ModelSpec;
import dev.schedtune.trainers.pool.WorkerPool;
import dev.schedtune.trainers.train.EpochListener;
import dev.schedtune.trainers.train.EpochReport;
import dev.schedtune.trainers.train.TrainingLoop;
import dev.schedtune.trainers.train.TrainingResult;
import dev.schedtune.trainers.tuning.TuningObjective;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PBT on the digits: reproducible, its discovered schedule retrains the best member exactly, bad checkpoints fail members only. */
class PbtTrainingTest {
    @TempDir
    Path dir;

    static PopulationBasedTraining settings(int epochs, int interval) {
        return PopulationBasedTraining.builder()
                .population(4)
                .epochs(epochs)
                .interval(interval)
                .hyperparameter("lr", FloatDistribution.log(0.005, 0.5))
                .hyperparameter("momentum", FloatDistribution.of(0.5, 0.95))
                .pollInterval(Duration.ofMillis(20))
                .build();
    }

    private PbtTraining.Builder pbt(String folder, int epochs, int interval) {
        return PbtTraining.builder(
                        TaskSpec.of("digits", Map.of("test_fraction", 0.2)),
                        ModelSpec.mlp(16),
                        settings(epochs, interval))
                .batchSize(128)
                .objective(TuningObjective.ACCURACY)
                .checkpoints(dir.resolve(folder));
    }

    private static Study study(long seed) {
        return Study.builder("pbt")
                .storage(Storages.inMemory())
                .direction(StudyDirection.MAXIMIZE)
                .seed(seed)
                .createOrLoad();
    }

    @Test
    void theSameSeedGivesTheSameLineageInThisJvmAndInTwoWorkerProcessesOneKilled_andTheScheduleRetrainsTheBest() {
        PbtTraining inProcess = pbt("one", 4, 2).build();
        PbtTraining.Outcome one = inProcess.run(study(21), 1, r -> {});
        PbtTraining.Outcome two;
        long started;
        try (WorkerPool pool = WorkerPool.builder().workers(2).warmUpSteps(0).build()) {
            PbtTraining inWorkers = pbt("two", 4, 2).pool(pool).build();
            AtomicBoolean killed = new AtomicBoolean();
            // SIGKILL the workers while one is between the two epochs of a generation-1 step: the step
            // starts again in a new worker from the same checkpoint, and nothing else changes
            two = inWorkers.run(inWorkers.population(study(21)), 2, r -> {}, report -> {
                if (report.epoch() == 3 && killed.compareAndSet(false, true)) {
                    pool.workerPids().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
                }
                return EpochListener.Decision.CONTINUE;
            });
            started = pool.workersStarted();
        }
        assertThat(started).isGreaterThan(2);
        assertThat(one.records()).hasSize(8).noneMatch(MemberRecord::isFailed);
        assertThat(describe(two.records())).isEqualTo(describe(one.records()));
        assertThat(one.lineage()).extracting(MemberRecord::generation).containsExactly(0, 1);
        assertThat(describe(two.lineage())).isEqualTo(describe(one.lineage()));
        // some member copied another: the population did explore
        assertThat(one.records()).anyMatch(MemberRecord::exploited);

        // the discovered schedule is the lineage's values, piece by piece, in optimizer steps
        ScheduleSet schedule = one.schedule().orElseThrow();
        int spe = inProcess.stepsPerEpoch();
        for (MemberRecord r : one.lineage()) {
            for (long step = (long) r.firstEpoch() * spe; step < (long) r.lastEpoch() * spe; step++) {
                assertThat(schedule.valueAt("lr", step)).isEqualTo(r.values().get("lr"));
                assertThat(schedule.valueAt("momentum", step))
                        .isEqualTo(r.values().get("momentum"));
            }
        }
        // the best member's weights are those of one run of that schedule from its founder's seed: a
        // copy carries weights, optimizer state and shuffling, so retraining it gives the same accuracy
        MemberRecord founder = one.lineage().get(0);
        TrainingResult replay = TrainingLoop.run(inProcess.plan(schedule, 21 + founder.member()));
        List<EpochReport> epochs = replay.epochs();
        MemberRecord best = one.lineage().get(1);
        assertThat(epochs.get(epochs.size() - 1).validationAccuracy()).isEqualTo(best.score());
        assertThat(epochs.get(epochs.size() - 1).validationLoss())
                .isEqualTo(best.extras().get("validation_loss"));

        // the replay check: the member's own checkpoint on the test split, and the schedule from scratch;
        // with the founder's seed the replay is the member, on the test split too
        ReplayCheck check = inProcess.replay(one, List.of(21L + founder.member(), 1_000_003L));
        assertThat(check.memberAccuracy()).isBetween(0.5, 1.0);
        assertThat(check.accuracies().get(0)).isEqualTo(check.memberAccuracy());
        assertThat(check.losses().get(0)).isEqualTo(check.memberLoss());
        assertThat(check.accuracies().get(1)).isBetween(0.3, 1.0);
        assertThat(check.transfers())
                .isEqualTo(
                        Math.abs(check.memberAccuracy() - check.replayAccuracy().mean())
                                <= 2 * check.replayAccuracy().standardError());

        // one checkpoint per member is left at the end
        assertThat(checkpointFiles("one"))
                .containsExactlyInAnyOrder("m0-g1.ckpt", "m1-g1.ckpt", "m2-g1.ckpt", "m3-g1.ckpt");
    }

    @Test
    void aCorruptOrMissingCheckpointFailsTheMembersThatReadItWithTheReasonAndTheStudyGoesOn() {
        List<MemberRecord> heard = new ArrayList<>();
        PbtTraining training = pbt("bad", 3, 1).build();
        Path folder = dir.resolve("bad");
        PbtTraining.Outcome outcome = training.run(study(5), 1, r -> {
            heard.add(r);
            if (heard.size() == 4) {
                // generation 0 is complete: damage the best member's checkpoint and lose the second's
                List<MemberRecord> ranked = heard.stream()
                        .sorted((a, b) -> Double.compare(b.score(), a.score()))
                        .toList();
                flipAByte(folder.resolve(ranked.get(0).checkpoint().orElseThrow() + ".ckpt"));
                delete(folder.resolve(ranked.get(1).checkpoint().orElseThrow() + ".ckpt"));
            }
        });
        List<MemberRecord> failed =
                outcome.records().stream().filter(MemberRecord::isFailed).toList();
        assertThat(failed).isNotEmpty().allMatch(r -> r.generation() == 1);
        assertThat(failed).anyMatch(r -> r.failure().orElseThrow().contains("checksum"));
        assertThat(failed).anyMatch(r -> r.failure().orElseThrow().contains("no such file"));
        assertThat(failed).allMatch(r -> r.failure().orElseThrow().startsWith("checkpoint " + folder));
        // the failed members copy a good one next, and the run ends with a lineage and its schedule
        assertThat(outcome.records()).filteredOn(r -> r.generation() == 2).noneMatch(MemberRecord::isFailed);
        assertThat(outcome.lineage()).hasSize(3);
        assertThat(outcome.schedule()).isPresent();
    }

    private static List<String> describe(List<MemberRecord> records) {
        List<String> out = new ArrayList<>();
        for (MemberRecord r : records) {
            out.add(r.generation() + "/" + r.member() + "<" + r.source() + " " + r.values() + " " + r.score() + " "
                    + r.extras().get("validation_loss")
                    + r.failure().map(f -> " failed: " + f).orElse(""));
        }
        return out;
    }

    private List<String> checkpointFiles(String folder) {
        try (Stream<Path> files = Files.list(dir.resolve(folder))) {
            return files.map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void flipAByte(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            bytes[bytes.length / 2] ^= 0x10;
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
