package dev.schedtune.trainers.tuning;

import dev.schedtune.search.Study;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.trainers.train.TrainingPlan;
import dev.schedtune.trainers.train.TrainingResult;
import dev.schedtune.trainers.train.TrainingStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The engine of {@link ScheduleTuning#confirm}: every (trial, seed) run as one job, as many at once as the
 * pool has workers, and a trial's confirmation stored the moment its last run ends (so Ctrl-C loses at
 * most the trials in flight).
 */
final class Confirmer {
    private final ScheduleTuning tuning;
    private final Study study;
    private final List<Long> seeds;
    private final Consumer<Confirmation> onDone;

    Confirmer(ScheduleTuning tuning, Study study, List<Long> seeds, Consumer<Confirmation> onDone) {
        this.tuning = tuning;
        this.study = study;
        this.seeds = seeds;
        this.onDone = onDone;
    }

    List<Confirmation> run(List<FrozenTrial> trials) {
        Map<Integer, Confirmation> done = new LinkedHashMap<>();
        Map<Integer, Confirmation> stored = Confirmation.read(study.systemAttrs());
        List<FrozenTrial> todo = new ArrayList<>();
        for (FrozenTrial t : trials) {
            Confirmation c = stored.get(t.number());
            if (c != null && c.seeds().equals(seeds)) {
                done.put(t.number(), c);
            } else {
                todo.add(t);
            }
        }
        ExecutorService executor = Executors.newFixedThreadPool(
                Math.max(1, Math.min(tuning.parallelism(), todo.size() * seeds.size())), r -> {
                    Thread thread = new Thread(r, "schedtune-confirm");
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            Map<Integer, List<Future<TrainingResult>>> runs = new LinkedHashMap<>();
            for (FrozenTrial t : todo) {
                List<Future<TrainingResult>> futures = new ArrayList<>();
                for (long seed : seeds) {
                    TrainingPlan plan = tuning.confirmationPlan(TrialRecord.from(t), seed);
                    futures.add(executor.submit(() -> tuning.stopSignal().isSet() ? null : tuning.trainPlain(plan)));
                }
                runs.put(t.number(), futures);
            }
            for (Map.Entry<Integer, List<Future<TrainingResult>>> e : runs.entrySet()) {
                Confirmation c = collect(e.getKey(), e.getValue());
                if (c == null) {
                    break; // stopped: what is done is stored
                }
                study.setSystemAttr(c.attrKey(), c.toAttr());
                done.put(e.getKey(), c);
                onDone.accept(c);
            }
        } finally {
            executor.shutdownNow();
        }
        List<Confirmation> out = new ArrayList<>();
        for (FrozenTrial t : trials) {
            Confirmation c = done.get(t.number());
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    /** The trial's confirmation once its runs end; null when the run was stopped before they all ended. */
    private Confirmation collect(int trial, List<Future<TrainingResult>> futures) {
        double[] loss = new double[futures.size()];
        double[] accuracy = new double[futures.size()];
        double[] seconds = new double[futures.size()];
        int epochs = 0;
        for (int i = 0; i < futures.size(); i++) {
            TrainingResult r;
            try {
                r = futures.get(i).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            } catch (ExecutionException e) {
                if (tuning.stopSignal().isSet()) {
                    return null;
                }
                // a run that failed (a crashed worker) counts as a run without a result
                r = null;
            }
            if (r != null && r.status() == TrainingStatus.STOPPED
                    || r == null && tuning.stopSignal().isSet()) {
                return null;
            }
            loss[i] = r == null ? Double.NaN : r.testLoss();
            accuracy[i] = r == null ? Double.NaN : r.testAccuracy();
            seconds[i] = r == null ? Double.NaN : r.seconds();
            epochs = r == null ? epochs : Math.max(epochs, r.epochs().size());
        }
        return Confirmation.of(trial, epochs, seeds, loss, accuracy, seconds);
    }
}
