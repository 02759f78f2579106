package dev.schedtune.search.storage;

import com.google.common.primitives.ImmutableDoubleArray;
import dev.schedtune.search.distribution.Distribution;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.trial.StudyTrials;
import dev.schedtune.search.trial.TrialState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where studies and their trials live: the storage SPI, shaped like Optuna's {@code BaseStorage}.
 *
 * <p>Contract for implementations:
 *
 * <ul>
 *   <li>Thread-safe; database storages also process-safe: several processes may work on one study.
 *   <li>Trial numbers are dense per study ({@code 0, 1, 2, ...}) and unique, also across processes.
 *   <li>A WAITING trial is handed to exactly one {@link #claimWaitingTrial} caller.
 *   <li>A finished trial (COMPLETE, PRUNED, FAIL) never changes; writing to it throws
 *       {@link IllegalStateException} naming the trial number and its state.
 *   <li>{@link #trials} returns a snapshot that includes every change committed before the call, by any
 *       process, in time proportional to what changed since the previous call (finished trials are
 *       immutable, so they are cached).
 *   <li>Attribute values are in {@code Json} normal form (null, Boolean, Long, Double, String, List, Map).
 * </ul>
 */
public interface Storage extends AutoCloseable {

    /**
     * Creates a study.
     *
     * @throws StudyExistsException if a study of that name exists
     */
    StudyRecord createStudy(String name, List<StudyDirection> directions, Map<String, @Nullable Object> systemAttrs);

    Optional<StudyRecord> findStudy(String name);

    /** All studies, in creation order. */
    List<StudyRecord> studies();

    /**
     * Deletes a study and all its trials.
     *
     * @throws StudyNotFoundException if there is no such study
     */
    void deleteStudy(String name);

    Map<String, @Nullable Object> studyUserAttrs(long studyId);

    Map<String, @Nullable Object> studySystemAttrs(long studyId);

    void setStudyUserAttr(long studyId, String key, @Nullable Object value);

    void setStudySystemAttr(long studyId, String key, @Nullable Object value);

    /**
     * Stores {@code value} under {@code key} unless the key is present, atomically across processes.
     *
     * @return the value stored after the call: {@code value}, or the one another caller stored first
     */
    @Nullable
    Object setStudySystemAttrIfAbsent(long studyId, String key, @Nullable Object value);

    /**
     * Creates a trial with the next number, unless that number would be {@code >= numberLimit}: RUNNING
     * (started now) or WAITING (enqueued), with the given attributes, in one transaction (so the limit holds
     * across processes). With {@code heartbeat}, a RUNNING trial gets its first heartbeat in the same
     * transaction, so no trial of a heartbeat-watched worker can exist without one.
     *
     * <p>The limit counts trials replaced by retries as one: it is raised by the number of retries enqueued
     * so far ({@link Retries#RETRIES_KEY}), so a study with a budget of n trials ends with n trials that
     * were not re-run, whatever workers died on the way.
     *
     * @param numberLimit {@link Integer#MAX_VALUE} for no limit
     * @return the trial, or empty if the limit was reached
     */
    Optional<FrozenTrial> createTrial(
            long studyId,
            TrialState state,
            int numberLimit,
            Map<String, @Nullable Object> userAttrs,
            Map<String, @Nullable Object> systemAttrs,
            boolean heartbeat);

    /** {@link #createTrial(long, TrialState, int, Map, Map, boolean)} without a heartbeat. */
    default Optional<FrozenTrial> createTrial(
            long studyId,
            TrialState state,
            int numberLimit,
            Map<String, @Nullable Object> userAttrs,
            Map<String, @Nullable Object> systemAttrs) {
        return createTrial(studyId, state, numberLimit, userAttrs, systemAttrs, false);
    }

    /**
     * Takes the lowest-numbered WAITING trial, if any, and marks it RUNNING (started now), with its first
     * heartbeat in the same transaction if {@code heartbeat}.
     */
    Optional<FrozenTrial> claimWaitingTrial(long studyId, boolean heartbeat);

    /** {@link #claimWaitingTrial(long, boolean)} without a heartbeat. */
    default Optional<FrozenTrial> claimWaitingTrial(long studyId) {
        return claimWaitingTrial(studyId, false);
    }

    /** Records a parameter of a running trial. */
    void setTrialParam(long studyId, int number, String name, double internal, Distribution distribution);

    /** Records a running trial's intermediate values at a step (one per objective); the first report of a step wins. */
    void setTrialIntermediateValue(long studyId, int number, long step, ImmutableDoubleArray values);

    void setTrialUserAttr(long studyId, int number, String key, @Nullable Object value);

    void setTrialSystemAttr(long studyId, int number, String key, @Nullable Object value);

    /**
     * Finishes a running trial in one transaction: sets its state (COMPLETE, PRUNED or FAIL), its values
     * (null for none), the given system attributes and its completion time.
     *
     * @throws IllegalStateException if the trial is not RUNNING
     */
    FrozenTrial finishTrial(
            long studyId,
            int number,
            TrialState state,
            @Nullable ImmutableDoubleArray values,
            Map<String, @Nullable Object> systemAttrs);

    /** A fresh snapshot of the study's trials (see the class comment). */
    StudyTrials trials(long studyId);

    /**
     * One trial, as fresh as {@link #trials} would give it; implementations may answer from their own writes
     * for a trial they are running (the default reads the whole snapshot).
     *
     * @throws IllegalArgumentException if the study has no such trial
     */
    default FrozenTrial trial(long studyId, int number) {
        StudyTrials all = trials(studyId);
        if (number < 0 || number >= all.size()) {
            throw new IllegalArgumentException(
                    "study " + studyId + " has no trial " + number + " (it has " + all.size() + " trials)");
        }
        return all.get(number);
    }

    /**
     * The study's trials counted by state, with its COMPLETE trials reduced to their values and constraints:
     * for listings of many studies, which need neither the trials' details nor a cache of them (database
     * storages answer with SQL aggregates).
     */
    default StudySummary summary(long studyId) {
        return StudySummary.of(trials(studyId));
    }

    /**
     * Forgets what this storage keeps in memory of a study (a long-lived process that looked at many
     * studies); the next access reads it again. Storages keep a study's trials for as long as they live
     * unless released.
     */
    default void release(long studyId) {}

    /** Records that a running trial's worker is alive. */
    void recordHeartbeat(long studyId, int number);

    /**
     * Marks FAIL every RUNNING trial of the study whose last heartbeat is older than {@code grace}
     * (trials that never sent one are left alone) and returns them; concurrent callers fail each trial
     * once. "Now" is the database's clock where workers on several machines share one (PostgreSQL).
     *
     * <p>In the same transaction, each failed trial whose series has been retried fewer than {@code
     * maxRetries} times is enqueued again as a new WAITING trial with its parameters ({@link Retries}), so
     * a retry is never lost nor made twice, whichever worker notices the dead one.
     */
    List<FrozenTrial> failStaleTrials(long studyId, Duration grace, int maxRetries);

    /** {@link #failStaleTrials(long, Duration, int)} without retries. */
    default List<FrozenTrial> failStaleTrials(long studyId, Duration grace) {
        return failStaleTrials(studyId, grace, 0);
    }

    /** Releases connections and files; the storage is unusable afterwards. */
    @Override
    void close();
}
