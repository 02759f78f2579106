package dev.schedtune.search.storage.jdbc;

import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyTrials;
import dev.schedtune.search.trial.TrialState;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;

/**
 * What this storage knows of one study's trials. Finished trials never change, so they are kept forever;
 * trials still running in <em>this</em> storage ("owned") are kept up to date by its own writes; only
 * unfinished trials of other workers (and new trials) are read again on a sync. All fields are guarded by
 * {@code this}.
 */
final class StudyCache {
    final long studyId;
    final int nObjectives;
    StudyTrials trials = StudyTrials.empty();
    /** Highest trial_id of the study already read. */
    long maxTrialId;
    /** Unfinished trials not owned here: number to trial_id. */
    final TreeMap<Integer, Long> foreignUnfinished = new TreeMap<>();
    /** RUNNING trials this storage started (created or claimed). */
    final Set<Integer> owned = new HashSet<>();
    /** The database's change counter at the last sync, or -1. */
    long dataVersion = -1;
    /** Change-log watermark (PostgreSQL): the oldest transaction id running at the last check, or -1 before the first read. */
    long watermark = -1;
    /** Change-log stamp at which each unfinished foreign trial was last read: trial_id to txid. */
    final java.util.HashMap<Long, Long> seenStamps = new java.util.HashMap<>();

    StudyCache(long studyId, int nObjectives) {
        this.studyId = studyId;
        this.nObjectives = nObjectives;
    }

    /**
     * Puts a trial read from the database, unless the cache knows better: a finished trial never goes back
     * to an unfinished version, and an owned running trial is only replaced when someone else finished it
     * (e.g. a heartbeat check failed it).
     */
    void putRead(FrozenTrial t) {
        int n = t.number();
        if (n < trials.size()) {
            FrozenTrial known = trials.get(n);
            if (known.state().isFinished()) {
                foreignUnfinished.remove(n);
                return;
            }
            if (owned.contains(n) && !t.state().isFinished()) {
                return;
            }
        }
        owned.remove(n);
        put(t);
        if (t.state().isFinished()) {
            foreignUnfinished.remove(n);
        } else {
            foreignUnfinished.put(n, t.trialId());
        }
        maxTrialId = Math.max(maxTrialId, t.trialId());
    }

    /** Puts a trial this storage just wrote. */
    void putOwn(FrozenTrial t) {
        int n = t.number();
        foreignUnfinished.remove(n);
        if (t.state().isFinished()) {
            owned.remove(n);
        } else if (t.state() == TrialState.RUNNING) {
            owned.add(n);
        } else {
            foreignUnfinished.put(n, t.trialId());
        }
        put(t);
        maxTrialId = Math.max(maxTrialId, t.trialId());
    }

    private void put(FrozenTrial t) {
        // finished trials are kept for good: in their compact form
        trials = trials.with(t.state().isFinished() ? t.compacted() : t);
    }
}
