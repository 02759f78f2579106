package dev.schedtune.search;

import dev.schedtune.search.internal.Json;
import dev.schedtune.search.trial.ConditioningSet;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.trial.StudyTrials;
import dev.schedtune.search.trial.StudyView;
import dev.schedtune.search.trial.TrialState;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/** The {@link StudyView} of a {@link Study}, with the waiting logic of reproducible mode. */
final class StudyViewImpl implements StudyView {
    private static final System.Logger LOG = System.getLogger(Study.class.getName());
    private static final long MAX_POLL_MILLIS = 100;
    private static final long WARN_AFTER_MILLIS = 30_000;
    private static final long RESCUE_AFTER_MILLIS = 500;

    private final Study study;
    /** Trials started by {@code Study.ask()} and not yet told, with the id of the asking thread. */
    private final ConcurrentHashMap<Integer, Long> askedBy = new ConcurrentHashMap<>();
    /** Every trial numbered below this is finished; only grows (finished trials never change). */
    private volatile int finishedPrefix;

    private final Object progress = new Object();

    StudyViewImpl(Study study) {
        this.study = study;
    }

    void registerAsk(int number) {
        askedBy.put(number, Thread.currentThread().getId());
    }

    void trialFinished(int number) {
        askedBy.remove(number);
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    @Override
    public String name() {
        return study.name();
    }

    @Override
    public List<StudyDirection> directions() {
        return study.directions();
    }

    @Override
    public long seed() {
        return study.seed();
    }

    @Override
    public boolean isReproducible() {
        return study.isReproducible();
    }

    @Override
    public StudyTrials trials() {
        return study.storage().trials(study.studyId());
    }

    @Override
    public ConditioningSet conditioningSet(FrozenTrial trial, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize (" + batchSize + ") must be >= 1");
        }
        if (!study.isReproducible()) {
            return new ConditioningSet(trials(), trial.number(), batchSize, false);
        }
        int start = (trial.number() / batchSize) * batchSize;
        long waited = 0;
        long pause = 1;
        boolean warned = false;
        while (true) {
            // Read the shared prefix before the snapshot: another thread may have advanced it from a
            // snapshot newer than one taken earlier, and a set must never hold a trial that is unfinished
            // in its own snapshot.
            int known = finishedPrefix;
            StudyTrials snapshot = trials();
            int prefix = advancePrefix(snapshot, known, start);
            if (prefix >= start) {
                return new ConditioningSet(snapshot, trial.number(), batchSize, true);
            }
            List<Integer> pending = unfinished(snapshot, prefix, start);
            long me = Thread.currentThread().getId();
            for (int m : pending) {
                Long owner = askedBy.get(m);
                if (owner != null && owner == me) {
                    throw new IllegalStateException("trial " + trial.number() + " of study '" + name()
                            + "' must wait (reproducible mode, batches of " + batchSize + ") for trial " + m
                            + ", which this thread asked and has not told; tell trials " + pending
                            + " before asking into the next batch");
                }
            }
            if (!warned && waited > WARN_AFTER_MILLIS) {
                LOG.log(
                        Level.WARNING,
                        "trial {0} of study ''{1}'' has waited {2} s for trials {3} to finish" + " (reproducible mode)",
                        trial.number(),
                        name(),
                        waited / 1000,
                        pending);
                warned = true;
            }
            study.failStaleTrials();
            if (waited >= RESCUE_AFTER_MILLIS && anyEnqueued(snapshot, pending)) {
                // an enqueued trial below the batch that no worker takes (enqueued after every worker
                // started waiting): an optimize loop runs it on an extra thread rather than wait forever
                study.rescueEnqueued();
            }
            synchronized (progress) {
                try {
                    progress.wait(pause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(
                            "interrupted while trial " + trial.number() + " waited for trials " + pending, e);
                }
            }
            waited += pause;
            pause = Math.min(MAX_POLL_MILLIS, pause * 2);
        }
    }

    private int advancePrefix(StudyTrials snapshot, int known, int upTo) {
        int p = known;
        int limit = Math.min(upTo, snapshot.size());
        while (p < limit && snapshot.get(p).state().isFinished()) {
            p++;
        }
        if (p > finishedPrefix) {
            finishedPrefix = p;
        }
        return p >= upTo ? upTo : p;
    }

    private static boolean anyEnqueued(StudyTrials snapshot, List<Integer> numbers) {
        for (int n : numbers) {
            if (snapshot.get(n).state() == TrialState.WAITING) {
                return true;
            }
        }
        return false;
    }

    private static List<Integer> unfinished(StudyTrials snapshot, int from, int to) {
        List<Integer> out = new ArrayList<>();
        for (int n = from; n < Math.min(to, snapshot.size()) && out.size() < 20; n++) {
            if (!snapshot.get(n).state().isFinished()) {
                out.add(n);
            }
        }
        return out;
    }

    @Override
    public Map<String, @Nullable Object> systemAttrs() {
        return study.systemAttrs();
    }

    @Override
    public void setSystemAttr(String key, @Nullable Object value) {
        study.storage().setStudySystemAttr(study.studyId(), key, Json.normalize(value, "system attr '" + key + "'"));
    }

    @Override
    public @Nullable Object setSystemAttrIfAbsent(String key, @Nullable Object value) {
        return study.storage()
                .setStudySystemAttrIfAbsent(study.studyId(), key, Json.normalize(value, "system attr '" + key + "'"));
    }

    @Override
    public void setTrialSystemAttr(int trialNumber, String key, @Nullable Object value) {
        Object v = Json.normalize(value, "system attr '" + key + "'");
        study.storage().setTrialSystemAttr(study.studyId(), trialNumber, key, v);
        study.mirrorSystemAttr(trialNumber, key, v);
    }

    @Override
    public void stop() {
        study.stop();
    }
}
