package dev.schedtune.examples;

import dev.schedtune.dsl.Schedule;
import dev.schedtune.dsl.Schedules;
import dev.schedtune.search.Storages;
import dev.schedtune.search.Study;
import dev.schedtune.search.Trial;
import dev.schedtune.search.pruner.MedianPruner;
import dev.schedtune.search.sampler.tpe.TpeSampler;
import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.trial.TrialState;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * An ask/tell loop: you own the training loop, the study only proposes values and hears results. Here
 * the "training" is noisy gradient descent on a quadratic, driven step by step by a warmup-cosine
 * schedule whose peak and warmup the study tunes; each epoch's loss is reported so the median pruner can
 * stop hopeless trials.
 *
 * <pre>mvn -q -pl examples -am compile -Dexample=AskTellLoop -Dexample.args=40</pre>
 */
public final class AskTellLoop {
    private AskTellLoop() {}

    public static void main(String[] args) {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        try (Storage storage = Storages.inMemory()) {
            Study study = Study.builder("ask-tell")
                    .direction(StudyDirection.MINIMIZE)
                    .sampler(TpeSampler.create())
                    .pruner(MedianPruner.create())
                    .storage(storage)
                    .seed(7)
                    .create();
            for (int i = 0; i < trials; i++) {
                Trial trial = study.ask();
                double peak = trial.suggestFloatLog("peak", 1e-3, 1.5);
                int warmup = trial.suggestIntStep("warmup", 0, 400, 50);
                Schedule lr = Schedules.warmup(Schedules.cosine(peak, 0, 2_000 - warmup), warmup);
                double loss = train(lr, trial);
                if (Double.isNaN(loss)) {
                    study.tell(trial, TrialState.PRUNED);
                } else {
                    study.tell(trial, loss);
                }
            }
            FrozenTrial best = study.bestTrial();
            long pruned = study.trials(TrialState.PRUNED).size();
            System.out.println(String.format(
                    Locale.ROOT,
                    "%d trials (%d pruned); best #%d: peak %.4f, warmup %s -> loss %.5f",
                    study.trials().size(),
                    pruned,
                    best.number(),
                    (Double) best.params().get("peak"),
                    best.params().get("warmup"),
                    best.value()));
        }
    }

    /** 2,000 steps of noisy gradient descent on 0.5·w²; NaN when the pruner stops it. */
    static double train(Schedule lr, Trial trial) {
        SplittableRandom noise = new SplittableRandom(42);
        double w = 5;
        double loss = 0;
        for (int step = 0; step < 2_000; step++) {
            double gradient = w + noise.nextGaussian() * 0.5;
            w -= lr.valueAt(step) * gradient;
            if (!Double.isFinite(w) || Math.abs(w) > 1e6) {
                return 1e12; // diverged: a large loss, so the sampler learns to avoid this region
            }
            if ((step + 1) % 200 == 0) {
                loss = 0.5 * w * w;
                int epoch = (step + 1) / 200;
                trial.report(epoch, loss);
                if (trial.shouldPrune()) {
                    return Double.NaN;
                }
            }
        }
        return loss;
    }
}
