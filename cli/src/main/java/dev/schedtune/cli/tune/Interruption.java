package dev.schedtune.cli.tune;

import dev.schedtune.search.StudyCallback;
import dev.schedtune.trainers.tuning.StopSignal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGINT, or SIGTERM) during a tuning run. The JVM starts its shutdown hooks; ours marks the run
 * as interrupted first, then runs the registered actions (stop the study, stop the worker processes), then
 * waits for the run to record its cut-short trials, write its results and print them ({@link
 * #finished()}), for at most {@link #GRACE}. Trials that end while the flag is up are recorded as
 * interrupted instead of failed, whatever killed their worker first (the terminal sends SIGINT to the
 * workers too).
 */
final class Interruption implements AutoCloseable, StopSignal {
    /** How long the shutdown waits for the run to report its results. */
    static final Duration GRACE = Duration.ofSeconds(60);

    private final CountDownLatch interrupted = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final List<Runnable> actions = new CopyOnWriteArrayList<>();
    private final Thread hook;
    private volatile boolean installed;

    Interruption() {
        this.hook = new Thread(this::onShutdown, "schedtune-interrupt");
    }

    /** Starts listening for Ctrl-C. */
    Interruption install() {
        Runtime.getRuntime().addShutdownHook(hook);
        installed = true;
        return this;
    }

    /**
     * Runs {@code action} when the run is interrupted (in the order added); at once if it was interrupted
     * already (Ctrl-C before the run got this far).
     */
    void onInterrupt(Runnable action) {
        actions.add(action);
        if (isInterrupted()) {
            action.run();
        }
    }

    /**
     * A callback that stops the study after each trial once the run is interrupted: {@code optimize} clears
     * a stop requested before it began, so an interruption in that moment still starts no further trials.
     */
    StudyCallback stopping() {
        return (study, trial) -> {
            if (isInterrupted()) {
                study.stop();
            }
        };
    }

    boolean isInterrupted() {
        return interrupted.getCount() == 0;
    }

    @Override
    public boolean isSet() {
        return isInterrupted();
    }

    @Override
    public boolean await(Duration timeout) {
        return awaitInterrupted(timeout);
    }

    /** Waits up to {@code timeout} for an interruption; whether there was one. */
    boolean awaitInterrupted(Duration timeout) {
        try {
            return interrupted.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return isInterrupted();
        }
    }

    /** Interrupts the run as Ctrl-C does, without a shutdown (tests, timeouts of the caller). */
    void interrupt() {
        if (interrupted.getCount() == 0) {
            return;
        }
        interrupted.countDown();
        for (Runnable action : actions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                // stopping is best effort; the run still records what it can
                System.err.println("schedtune: while stopping: " + e);
            }
        }
    }

    /** The run has written and printed its results; the shutdown may proceed. */
    void finished() {
        finished.countDown();
    }

    private void onShutdown() {
        interrupt();
        try {
            finished.await(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops listening (the run ended normally). */
    @Override
    public void close() {
        finished();
        if (installed) {
            installed = false;
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down already: the hook runs (or ran) and sees the run finished
            }
        }
    }
}
