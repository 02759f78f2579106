package dev.schedtune.trainers.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.trainers.data.TaskSpec;
import dev.schedtune.trainers.model.ModelSpec;
import dev.schedtune.trainers.optim.OptimizerSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run saved at an epoch boundary and restored continues bit for bit; bad files fail clearly. */
class CheckpointTest {
    @TempDir
    Path dir;

    @Test
    void aRestoredSgdRunContinuesExactlyAsTheUninterruptedOne() {
        assertResumesExactly(TrainingLoopTest.digitsMlp().epochs(4));
    }

    @Test
    void aRestoredAdamRunOfACnnContinuesExactly() {
        assertResumesExactly(TrainingPlan.builder(
                        TaskSpec.digits(), ModelSpec.digitsCnn(), ScheduleSet.of(s -> 0.002 * (1 - s / 60.0)))
                .optimizer(OptimizerSpec.adam())
                .epochs(3)
                .batchSize(128)
                .seed(5));
    }

    private void assertResumesExactly(TrainingPlan.Builder full) {
        Path whole = dir.resolve("whole.ckpt");
        TrainingResult uninterrupted = TrainingLoop.run(full.saveTo(whole).build());
        int total = full.build().epochs();
        Path half = dir.resolve("half.ckpt");
        TrainingResult first =
                TrainingLoop.run(full.epochs(total - 1).saveTo(half).build());
        assertThat(first.checkpoint()).contains(half.toString());
        Path end = dir.resolve("end.ckpt");
        TrainingResult rest =
                TrainingLoop.run(full.epochs(total).resumeFrom(half).saveTo(end).build());

        // the resumed run reports the whole run's last epoch, with its global numbers, exactly
        assertThat(rest.epochs()).hasSize(1);
        EpochReport a = uninterrupted.epochs().get(total - 1);
        EpochReport b = rest.epochs().get(0);
        assertThat(b.epoch()).isEqualTo(total);
        assertThat(b.steps()).isEqualTo(a.steps());
        assertThat(b.trainLoss()).isEqualTo(a.trainLoss());
        assertThat(b.validationLoss()).isEqualTo(a.validationLoss());
        assertThat(b.validationAccuracy()).isEqualTo(a.validationAccuracy());
        assertThat(rest.steps()).isEqualTo(uninterrupted.steps());
        // and ends with the same weights, optimizer state and shuffling, bit for bit
        Checkpoint x = Checkpoint.read(whole);
        Checkpoint y = Checkpoint.read(end);
        assertThat(y.weights()).isEqualTo(x.weights());
        assertThat(y.optimizerState().slots()).hasSameSizeAs(x.optimizerState().slots());
        for (int i = 0; i < x.optimizerState().slots().size(); i++) {
            assertThat(y.optimizerState().slots().get(i).first())
                    .isEqualTo(x.optimizerState().slots().get(i).first());
            assertThat(y.optimizerState().slots().get(i).second())
                    .isEqualTo(x.optimizerState().slots().get(i).second());
            assertThat(y.optimizerState().slots().get(i).scale())
                    .isEqualTo(x.optimizerState().slots().get(i).scale());
        }
        assertThat(y.shuffles()).isEqualTo(x.shuffles()).isEqualTo(total);
        assertThat(y.steps()).isEqualTo(x.steps());
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aDamagedTruncatedMissingOrForeignCheckpointFailsWithTheReason() throws IOException {
        Path file = dir.resolve("m.ckpt");
        TrainingLoop.run(TrainingLoopTest.digitsMlp().epochs(1).saveTo(file).build());
        byte[] good = Files.readAllBytes(file);

        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x10;
        Path damaged = dir.resolve("damaged.ckpt");
        Files.write(damaged, flipped);
        assertThatThrownBy(() -> resume(damaged))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining(damaged.toString())
                .hasMessageContaining("checksum");

        Path cut = dir.resolve("cut.ckpt");
        Files.write(cut, java.util.Arrays.copyOf(good, good.length - 100));
        assertThatThrownBy(() -> resume(cut))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("corrupt");

        Path missing = dir.resolve("missing.ckpt");
        assertThatThrownBy(() -> resume(missing))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("no such file");

        Path other = dir.resolve("other.ckpt");
        TrainingLoop.run(TrainingPlan.builder(TaskSpec.digits(), ModelSpec.mlp(16), TrainingLoopTest.COSINE)
                .epochs(1)
                .saveTo(other)
                .build());
        assertThatThrownBy(() -> resume(other))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("saved from model mlp");

        assertThatThrownBy(() -> TrainingLoop.run(
                        TrainingLoopTest.digitsMlp().epochs(1).resumeFrom(file).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("epochs (1) must be > the epochs of checkpoint");
    }

    private static TrainingResult resume(Path file) {
        return TrainingLoop.run(
                TrainingLoopTest.digitsMlp().epochs(2).resumeFrom(file).build());
    }
}
