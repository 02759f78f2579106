package dev.schedtune.search;

import dev.schedtune.search.storage.TrialNotRunningException;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.TrialState;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/** The {@code optimize} loop: nJobs workers asking, evaluating and telling until the budget is spent. */
final class Optimizer {
    private static final System.Logger LOG = System.getLogger(Study.class.getName());

    private final Study study;
    private final MultiObjective objective;
    private final OptimizeOptions options;
    private final AtomicInteger remaining;
    private final long deadlineNanos;
    private final AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
    private final AtomicBoolean rescuing = new AtomicBoolean();
    private final List<Thread> extraThreads = new ArrayList<>();

    Optimizer(Study study, MultiObjective objective, OptimizeOptions options) {
        this.study = study;
        this.objective = objective;
        this.options = options;
        this.remaining =
                new AtomicInteger(options.budget().isMore() ? options.budget().count() : Integer.MAX_VALUE);
        this.deadlineNanos = options.timeout() == null
                ? Long.MAX_VALUE
                : System.nanoTime() + options.timeout().toNanos();
    }

    void run() {
        study.clearStop();
        int n = options.nJobs();
        if (n == 1) {
            work();
        } else {
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Thread t = new Thread(this::work, "schedtune-" + study.name() + "-worker-" + i);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
            boolean interrupted = false;
            for (Thread t : threads) {
                while (true) {
                    try {
                        t.join();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                        study.stop();
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        joinExtraThreads();
        Throwable f = failure.get();
        if (f instanceof RuntimeException) {
            throw (RuntimeException) f;
        }
        if (f instanceof Error) {
            throw (Error) f;
        }
        if (f != null) {
            throw new IllegalStateException(f);
        }
    }

    private void joinExtraThreads() {
        while (true) {
            Thread t;
            synchronized (extraThreads) {
                if (extraThreads.isEmpty()) {
                    return;
                }
                t = extraThreads.remove(0);
            }
            try {
                t.join();
            } catch (InterruptedException e) {
                study.stop();
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private boolean mayStart() {
        return failure.get() == null
                && !study.isStopRequested()
                && System.nanoTime() < deadlineNanos
                && !Thread.currentThread().isInterrupted();
    }

    private void work() {
        study.setEnqueuedRescue(this::rescueEnqueued);
        try {
            while (mayStart()) {
                if (remaining.getAndDecrement() <= 0) {
                    return;
                }
                int limit = options.budget().isTotal() ? options.budget().count() : Integer.MAX_VALUE;
                Optional<Trial> started = study.start(limit, false, false);
                if (started.isEmpty()) {
                    return;
                }
                finishAndReport(started.get());
            }
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
            study.stop();
        } finally {
            study.setEnqueuedRescue(null);
        }
    }

    private void finishAndReport(Trial trial) {
        FrozenTrial done = runTrial(trial);
        for (StudyCallback c : options.callbacks()) {
            c.afterTrial(study, done);
        }
    }

    /**
     * A reproducible-mode sampler of this loop waits for an enqueued trial nobody has taken (enqueued while
     * every worker was already waiting, e.g. the retry of a dead worker's trial): take it and run it on an
     * extra thread, one at a time per loop. Enqueued trials always run, whatever the budget says.
     */
    private void rescueEnqueued() {
        if (!rescuing.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(
                () -> {
                    try {
                        Optional<Trial> claimed = study.start(Integer.MAX_VALUE, false, true);
                        if (claimed.isPresent()) {
                            LOG.log(
                                    Level.INFO,
                                    "trial {0} of study ''{1}'' (enqueued) runs on an extra thread: a sampler waits"
                                            + " for it",
                                    claimed.get().number(),
                                    study.name());
                            finishAndReport(claimed.get());
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                        study.stop();
                    } finally {
                        rescuing.set(false);
                    }
                },
                "schedtune-" + study.name() + "-enqueued");
        t.setDaemon(true);
        synchronized (extraThreads) {
            extraThreads.add(t);
        }
        t.start();
    }

    private FrozenTrial runTrial(Trial trial) {
        try {
            return evaluateAndTell(trial);
        } catch (RuntimeException e) {
            TrialNotRunningException gone = TrialNotRunningException.in(e);
            if (gone == null || gone.number() != trial.number()) {
                throw e;
            }
            // Another worker marked this trial FAIL (its heartbeats stopped reaching the database for longer
            // than the grace period) and may have enqueued its parameters again: drop this result, go on.
            LOG.log(
                    Level.WARNING,
                    "trial {0} of study ''{1}'' was marked {2} by another worker while it ran (no heartbeat"
                            + " reached the database within the grace period); its result is discarded",
                    trial.number(),
                    study.name(),
                    gone.state());
            return study.discard(trial.number());
        }
    }

    private FrozenTrial evaluateAndTell(Trial trial) {
        double[] values;
        try {
            values = objective.evaluate(trial);
        } catch (TrialPrunedException e) {
            return study.tell(trial, TrialState.PRUNED);
        } catch (Throwable e) {
            TrialNotRunningException gone = TrialNotRunningException.in(e);
            if (gone != null && gone.number() == trial.number()) {
                throw gone;
            }
            String reason = Study.describe(e);
            FrozenTrial failed = study.fail(trial.number(), reason);
            trial.markFinished(TrialState.FAIL);
            if (e instanceof TrialFailedException) {
                LOG.log(Level.WARNING, "trial {0} of study ''{1}'' failed: {2}", trial.number(), study.name(), reason);
                return failed;
            }
            if (!options.isCaught(e) || e instanceof Error) {
                // recorded; now loud, with the objective's stack trace as the cause
                throw new ObjectiveFailedException(trial.number(), e);
            }
            LOG.log(
                    Level.WARNING,
                    "trial " + trial.number() + " of study '" + study.name() + "' failed (caught, the study goes on): "
                            + reason,
                    e);
            return failed;
        }
        if (values == null) {
            FrozenTrial failed = study.fail(trial.number(), "objective returned null");
            trial.markFinished(TrialState.FAIL);
            return failed;
        }
        if (values.length != study.directions().size()) {
            FrozenTrial failed = study.fail(
                    trial.number(),
                    "objective returned " + values.length + " values; the study has "
                            + study.directions().size() + " objectives");
            trial.markFinished(TrialState.FAIL);
            return failed;
        }
        FrozenTrial told = study.tell(trial, values);
        if (told.state() == TrialState.FAIL) {
            LOG.log(
                    Level.WARNING,
                    "trial {0} of study ''{1}'' failed: {2}",
                    trial.number(),
                    study.name(),
                    told.systemAttrs().get(FrozenTrial.FAIL_REASON_KEY));
        }
        return told;
    }
}
