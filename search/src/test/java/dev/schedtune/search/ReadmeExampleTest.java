package dev.schedtune.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.trial.TrialState;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java example of search/README.md, verbatim between the markers. */
class ReadmeExampleTest {
    @TempDir
    Path dir;

    /** A stand-in for a training run: reports a loss per epoch and stops when the pruner says so. */
    static double train(double lr, int warmup, String decay, Trial trial) {
        double loss = 2.0;
        for (int epoch = 0; epoch < 10; epoch++) {
            loss = loss * (1 - Math.min(lr * 5, 0.5)) + (decay.equals("cosine") ? 0.001 : 0.002) + warmup * 1e-6;
            trial.report(epoch, loss);
            if (trial.shouldPrune()) {
                throw new TrialPrunedException();
            }
        }
        return loss;
    }

    @Test
    void theReadmeExampleRuns() {
        Path file = dir.resolve("tune.db");
        // README example begins
        try (Storage storage = Storages.sqlite(file)) {
            Study study = Study.builder("lr-schedule")
                    .direction(StudyDirection.MINIMIZE)
                    .storage(storage)
                    .seed(42)
                    .createOrLoad();
            study.optimize(
                    trial -> {
                        double lr = trial.suggestFloatLog("lr", 1e-4, 1e-1);
                        int warmup = trial.suggestInt("warmup", 0, 1000);
                        String decay = trial.suggestCategorical("decay", "cosine", "linear");
                        return train(lr, warmup, decay, trial); // reports each epoch, may prune
                    },
                    TrialBudget.total(60));
            System.out.println(study.bestParams() + " -> " + study.bestValue());
        }
        // README example ends
        try (Storage storage = Storages.sqlite(file)) {
            Study study = Study.load("lr-schedule", storage);
            assertThat(study.trials()).hasSize(60);
            assertThat(study.trials(TrialState.PRUNED)).isNotEmpty();
            assertThat((Double) study.bestParams().get("lr")).isGreaterThan(0.02);
        }
    }
}
