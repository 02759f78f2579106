package dev.schedtune.trainers.pbt;

import dev.schedtune.search.pbt.MemberResult;
import dev.schedtune.search.pbt.MemberStep;
import dev.schedtune.search.pbt.MemberTrainer;
import dev.schedtune.trainers.pool.WorkerCrashedException;
import dev.schedtune.trainers.pool.WorkerPool;
import dev.schedtune.trainers.train.CheckpointException;
import dev.schedtune.trainers.train.EpochListener;
import dev.schedtune.trainers.train.EpochReport;
import dev.schedtune.trainers.train.TrainingLoop;
import dev.schedtune.trainers.train.TrainingPlan;
import dev.schedtune.trainers.train.TrainingResult;
import dev.schedtune.trainers.train.TrainingStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Trains one PBT step: the member's history as its schedules, its checkpoint as its start, its end saved
 * as the step's checkpoint. A step that cannot train (a missing or damaged checkpoint, divergence)
 * becomes a failed result with the reason; a worker process that died is retried from the same
 * checkpoint.
 */
final class MemberTraining implements MemberTrainer {
    private static final String SUFFIX = ".ckpt";
    /** DJL's autograd is process-global: steps in this JVM train one at a time. */
    private static final ReentrantLock IN_PROCESS = new ReentrantLock();

    private final PbtTraining pbt;
    private final int stepsPerEpoch;
    private final EpochListener epochs;

    MemberTraining(PbtTraining pbt, int stepsPerEpoch, EpochListener epochs) {
        this.pbt = pbt;
        this.stepsPerEpoch = stepsPerEpoch;
        this.epochs = epochs;
        try {
            Files.createDirectories(pbt.checkpoints());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the checkpoint folder " + pbt.checkpoints(), e);
        }
    }

    @Override
    public MemberResult train(MemberStep step) {
        Path saveTo = file(step.saveTo());
        TrainingPlan plan = pbt.plan(DiscoveredSchedule.of(step.history(), stepsPerEpoch), step.seed()).toBuilder()
                .epochs(step.lastEpoch())
                .resumeFrom(step.resumeFrom().map(this::file).orElse(null))
                .saveTo(saveTo)
                .build();
        TrainingResult result;
        try {
            result = train(plan, step.toString());
        } catch (CheckpointException e) {
            return MemberResult.failed(e.getMessage());
        }
        if (result.status() != TrainingStatus.COMPLETED) {
            return MemberResult.failed(result.message());
        }
        Map<Integer, Double> scores = new LinkedHashMap<>();
        for (EpochReport r : result.epochs()) {
            scores.put(r.epoch(), pbt.objective().of(r));
        }
        List<EpochReport> reports = result.epochs();
        EpochReport last = reports.get(reports.size() - 1);
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put("validation_loss", last.validationLoss());
        if (!Double.isNaN(last.validationAccuracy())) {
            extras.put("accuracy", last.validationAccuracy());
        }
        extras.put("train_loss", last.trainLoss());
        extras.put("seconds", result.seconds());
        extras.put("steps", result.steps());
        double score = pbt.objective().of(last);
        if (!Double.isFinite(score)) {
            return MemberResult.failed(pbt.objective().configName() + " " + score + " after epoch " + last.epoch());
        }
        return MemberResult.completed(score, scores, step.saveTo(), extras);
    }

    /** Trains {@code plan} (described as {@code what} in errors) in the pool, retrying crashes, or here. */
    TrainingResult train(TrainingPlan plan, String what) {
        WorkerPool pool = pbt.pool();
        if (pool == null) {
            IN_PROCESS.lock();
            try {
                return TrainingLoop.run(plan, epochs);
            } finally {
                IN_PROCESS.unlock();
            }
        }
        for (int attempt = 0; ; attempt++) {
            try {
                return pool.run(plan, epochs);
            } catch (WorkerCrashedException e) {
                if (attempt >= pbt.crashRetries()) {
                    throw new IllegalStateException(
                            "the worker process of " + what + " died " + (attempt + 1) + " times; the last: "
                                    + e.getMessage(),
                            e);
                }
                // the step starts again from the same checkpoint, which the dead worker only read
            }
        }
    }

    @Override
    public void discard(String checkpoint) {
        try {
            Files.deleteIfExists(file(checkpoint));
        } catch (IOException e) {
            // a checkpoint left behind costs disk space only; the next run's folder is another
        }
    }

    /** The file of a checkpoint name. */
    Path file(String checkpoint) {
        return pbt.checkpoints().resolve(checkpoint + SUFFIX);
    }
}
