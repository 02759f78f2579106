package dev.schedtune.search.storage;

import com.google.common.collect.ImmutableList;
import com.google.common.primitives.ImmutableDoubleArray;
import dev.schedtune.search.distribution.Distribution;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.trial.StudyTrials;
import dev.schedtune.search.trial.TrialState;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Studies in this JVM's memory, gone when it exits. Thread-safe; every operation is O(1) in the number of
 * trials except listing studies.
 */
public final class InMemoryStorage implements Storage {
    private final Object lock = new Object();
    private final Map<String, Long> idsByName = new LinkedHashMap<>();
    private final Map<Long, StudyData> studies = new LinkedHashMap<>();
    private long nextStudyId = 1;
    private long nextTrialId = 1;
    private boolean closed;

    private static final class StudyData {
        final StudyRecord record;
        final Map<String, @Nullable Object> userAttrs = new LinkedHashMap<>();
        final Map<String, @Nullable Object> systemAttrs = new LinkedHashMap<>();
        final TreeSet<Integer> waiting = new TreeSet<>();
        final Map<Integer, Instant> heartbeats = new java.util.TreeMap<>();
        volatile StudyTrials trials = StudyTrials.empty();

        StudyData(StudyRecord record) {
            this.record = record;
        }
    }

    public InMemoryStorage() {}

    @Override
    public StudyRecord createStudy(
            String name, List<StudyDirection> directions, Map<String, @Nullable Object> systemAttrs) {
        synchronized (lock) {
            checkOpen();
            if (idsByName.containsKey(name)) {
                throw new StudyExistsException(name);
            }
            StudyRecord record = new StudyRecord(nextStudyId++, name, directions);
            StudyData data = new StudyData(record);
            data.systemAttrs.putAll(systemAttrs);
            idsByName.put(name, record.studyId());
            studies.put(record.studyId(), data);
            return record;
        }
    }

    @Override
    public Optional<StudyRecord> findStudy(String name) {
        synchronized (lock) {
            checkOpen();
            Long id = idsByName.get(name);
            return id == null ? Optional.empty() : Optional.of(study(id).record);
        }
    }

    @Override
    public List<StudyRecord> studies() {
        synchronized (lock) {
            checkOpen();
            List<StudyRecord> out = new ArrayList<>();
            studies.values().forEach(s -> out.add(s.record));
            return ImmutableList.copyOf(out);
        }
    }

    @Override
    public void deleteStudy(String name) {
        synchronized (lock) {
            checkOpen();
            Long id = idsByName.remove(name);
            if (id == null) {
                throw new StudyNotFoundException(name, ImmutableList.copyOf(idsByName.keySet()));
            }
            studies.remove(id);
        }
    }

    @Override
    public Map<String, @Nullable Object> studyUserAttrs(long studyId) {
        synchronized (lock) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(study(studyId).userAttrs));
        }
    }

    @Override
    public Map<String, @Nullable Object> studySystemAttrs(long studyId) {
        synchronized (lock) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(study(studyId).systemAttrs));
        }
    }

    @Override
    public void setStudyUserAttr(long studyId, String key, @Nullable Object value) {
        synchronized (lock) {
            study(studyId).userAttrs.put(key, value);
        }
    }

    @Override
    public void setStudySystemAttr(long studyId, String key, @Nullable Object value) {
        synchronized (lock) {
            study(studyId).systemAttrs.put(key, value);
        }
    }

    @Override
    public @Nullable Object setStudySystemAttrIfAbsent(long studyId, String key, @Nullable Object value) {
        synchronized (lock) {
            Map<String, @Nullable Object> attrs = study(studyId).systemAttrs;
            if (!attrs.containsKey(key)) {
                attrs.put(key, value);
            }
            return attrs.get(key);
        }
    }

    @Override
    public Optional<FrozenTrial> createTrial(
            long studyId,
            TrialState state,
            int numberLimit,
            Map<String, @Nullable Object> userAttrs,
            Map<String, @Nullable Object> systemAttrs,
            boolean heartbeat) {
        if (state != TrialState.RUNNING && state != TrialState.WAITING) {
            throw new IllegalArgumentException("a new trial is RUNNING or WAITING, not " + state);
        }
        synchronized (lock) {
            StudyData s = study(studyId);
            Object retries = s.systemAttrs.get(Retries.RETRIES_KEY);
            long r = retries instanceof Long ? (Long) retries : 0;
            if (s.trials.size() >= Retries.extendedLimit(numberLimit, r)) {
                return Optional.empty();
            }
            FrozenTrial.Builder b = FrozenTrial.builder(s.trials.size(), state).trialId(nextTrialId++);
            if (state == TrialState.RUNNING) {
                b.datetimeStart(now());
            } else {
                s.waiting.add(s.trials.size());
            }
            userAttrs.forEach(b::userAttr);
            systemAttrs.forEach(b::systemAttr);
            FrozenTrial t = b.build();
            s.trials = s.trials.with(t);
            if (heartbeat && state == TrialState.RUNNING) {
                s.heartbeats.put(t.number(), Instant.now());
            }
            return Optional.of(t);
        }
    }

    @Override
    public Optional<FrozenTrial> claimWaitingTrial(long studyId, boolean heartbeat) {
        synchronized (lock) {
            StudyData s = study(studyId);
            Integer n = s.waiting.pollFirst();
            if (n == null) {
                return Optional.empty();
            }
            FrozenTrial t = s.trials.get(n).toBuilder()
                    .withState(TrialState.RUNNING)
                    .datetimeStart(now())
                    .build();
            s.trials = s.trials.with(t);
            if (heartbeat) {
                s.heartbeats.put(n, Instant.now());
            }
            return Optional.of(t);
        }
    }

    @Override
    public void setTrialParam(long studyId, int number, String name, double internal, Distribution distribution) {
        synchronized (lock) {
            StudyData s = study(studyId);
            s.trials = s.trials.with(running(s, number).withParam(name, internal, distribution));
        }
    }

    @Override
    public void setTrialIntermediateValue(long studyId, int number, long step, ImmutableDoubleArray values) {
        synchronized (lock) {
            StudyData s = study(studyId);
            if (!running(s, number).intermediateValues().containsKey(step)) {
                update(studyId, number, b -> b.intermediateValue(step, values));
            }
        }
    }

    @Override
    public void setTrialUserAttr(long studyId, int number, String key, @Nullable Object value) {
        synchronized (lock) {
            update(studyId, number, b -> b.userAttr(key, value));
        }
    }

    @Override
    public void setTrialSystemAttr(long studyId, int number, String key, @Nullable Object value) {
        synchronized (lock) {
            StudyData s = study(studyId);
            s.trials = s.trials.with(running(s, number).withSystemAttr(key, value));
        }
    }

    @Override
    public FrozenTrial finishTrial(
            long studyId,
            int number,
            TrialState state,
            @Nullable ImmutableDoubleArray values,
            Map<String, @Nullable Object> systemAttrs) {
        if (!state.isFinished()) {
            throw new IllegalArgumentException("a trial finishes COMPLETE, PRUNED or FAIL, not " + state);
        }
        synchronized (lock) {
            StudyData s = study(studyId);
            FrozenTrial current = running(s, number);
            FrozenTrial.Builder b =
                    current.toBuilder().withState(state).values(values).datetimeComplete(now());
            systemAttrs.forEach(b::systemAttr);
            FrozenTrial t = b.build().compacted();
            s.trials = s.trials.with(t);
            s.heartbeats.remove(number);
            return t;
        }
    }

    @Override
    public StudyTrials trials(long studyId) {
        synchronized (lock) {
            return study(studyId).trials;
        }
    }

    @Override
    public void recordHeartbeat(long studyId, int number) {
        synchronized (lock) {
            StudyData s = study(studyId);
            running(s, number);
            s.heartbeats.put(number, Instant.now());
        }
    }

    @Override
    public List<FrozenTrial> failStaleTrials(long studyId, Duration grace, int maxRetries) {
        synchronized (lock) {
            StudyData s = study(studyId);
            Instant limit = Instant.now().minus(grace);
            List<FrozenTrial> failed = new ArrayList<>();
            for (Map.Entry<Integer, Instant> e : new ArrayList<>(s.heartbeats.entrySet())) {
                if (e.getValue().isBefore(limit)) {
                    FrozenTrial f = finishTrial(
                            studyId,
                            e.getKey(),
                            TrialState.FAIL,
                            null,
                            Map.of(FrozenTrial.FAIL_REASON_KEY, "no heartbeat for longer than " + grace));
                    failed.add(f);
                    Optional<Retries.Retry> retry = Retries.of(f, maxRetries);
                    if (retry.isPresent()) {
                        createTrial(
                                studyId,
                                TrialState.WAITING,
                                Integer.MAX_VALUE,
                                retry.get().userAttrs(),
                                retry.get().systemAttrs());
                        Object n = s.systemAttrs.get(Retries.RETRIES_KEY);
                        s.systemAttrs.put(Retries.RETRIES_KEY, (n instanceof Long ? (Long) n : 0L) + 1);
                    }
                }
            }
            return failed;
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
        }
    }

    private interface Edit {
        void apply(FrozenTrial.Builder b);
    }

    private void update(long studyId, int number, Edit edit) {
        StudyData s = study(studyId);
        FrozenTrial.Builder b = running(s, number).toBuilder();
        edit.apply(b);
        s.trials = s.trials.with(b.build());
    }

    private static FrozenTrial running(StudyData s, int number) {
        if (number < 0 || number >= s.trials.size()) {
            throw new IllegalArgumentException(
                    "study '" + s.record.name() + "' has no trial " + number + " (it has " + s.trials.size() + ")");
        }
        FrozenTrial t = s.trials.get(number);
        if (t.state() != TrialState.RUNNING) {
            throw TrialNotRunningException.of(
                    number, "'" + s.record.name() + "'", t.state().name());
        }
        return t;
    }

    private StudyData study(long studyId) {
        checkOpen();
        StudyData s = studies.get(studyId);
        if (s == null) {
            throw new IllegalArgumentException("no study with id " + studyId + " (deleted?)");
        }
        return s;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the storage is closed");
        }
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
