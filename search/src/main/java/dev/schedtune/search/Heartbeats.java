package dev.schedtune.search;

import dev.schedtune.search.trial.FrozenTrial;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Heartbeats of one study object: a daemon thread records a heartbeat for each trial the object runs (asked
 * through {@code optimize} or {@code ask}) every interval, and stale trials of other workers are failed at most
 * once per interval.
 */
final class Heartbeats {
    private static final System.Logger LOG = System.getLogger(Study.class.getName());

    private final Study study;
    private final Duration interval;
    private final Duration grace;
    private final int maxRetries;
    private final AtomicLong lastCheck = new AtomicLong(Long.MIN_VALUE);
    private volatile ScheduledExecutorService beat;

    Heartbeats(Study study, Duration interval, Duration grace, int maxRetries) {
        this.study = study;
        this.interval = interval;
        this.grace = grace;
        this.maxRetries = maxRetries;
    }

    Duration interval() {
        return interval;
    }

    Duration grace() {
        return grace;
    }

    /** A trial started (with its first heartbeat stored with it): make sure the beating thread runs. */
    void started(int number) {
        if (beat == null) {
            synchronized (this) {
                if (beat == null) {
                    ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
                        Thread t = new Thread(r, "schedtune-heartbeat-" + study.name());
                        t.setDaemon(true);
                        return t;
                    });
                    long ms = Math.max(1, interval.toMillis());
                    s.scheduleAtFixedRate(this::beatAll, ms, ms, TimeUnit.MILLISECONDS);
                    beat = s;
                }
            }
        }
    }

    /** Stops the beating thread (the study object is closed). */
    synchronized void stop() {
        if (beat != null) {
            beat.shutdownNow();
        }
    }

    private void beatAll() {
        for (int n : study.liveTrialNumbers()) {
            try {
                study.storage().recordHeartbeat(study.studyId(), n);
            } catch (IllegalStateException finishedMeanwhile) {
                // told between listing and beating: nothing to keep alive
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "heartbeat of trial {0} failed: {1}", n, e.getMessage());
            }
        }
    }

    /** Stops the beating thread (the study object is closed). */
    synchronized void close() {
        ScheduledExecutorService s = beat;
        if (s != null) {
            s.shutdownNow();
        }
    }

    /** Fails stale RUNNING trials, at most once per interval; returns them. */
    List<FrozenTrial> failStale() {
        long now = System.nanoTime();
        long last = lastCheck.get();
        if (last != Long.MIN_VALUE && now - last < interval.toNanos()) {
            return List.of();
        }
        if (!lastCheck.compareAndSet(last, now)) {
            return List.of();
        }
        List<FrozenTrial> failed = study.storage().failStaleTrials(study.studyId(), grace, maxRetries);
        for (FrozenTrial t : failed) {
            LOG.log(
                    Level.WARNING,
                    "trial {0} of study ''{1}'' had no heartbeat for {2}: marked FAIL",
                    t.number(),
                    study.name(),
                    grace);
        }
        return failed;
    }
}
