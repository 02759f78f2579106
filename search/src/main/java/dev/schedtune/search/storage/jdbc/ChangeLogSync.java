package dev.schedtune.search.storage.jdbc;

import dev.schedtune.search.storage.StorageException;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.TrialState;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Syncs through PostgreSQL's change log ({@code schedtune_trial_changes}, filled by a trigger on every
 * write to a trial): asks which trials changed since the last sync instead of re-reading other workers'
 * unfinished trials. The log sees every commit, this storage's own connections' included, so {@code
 * force} needs no extra work.
 */
final class ChangeLogSync implements TrialSync {
    private final Transactions tx;
    private final TrialFetcher fetcher;

    ChangeLogSync(Transactions tx, TrialFetcher fetcher) {
        this.tx = tx;
        this.fetcher = fetcher;
    }

    /**
     * Brings the cache up to date through the change log (PostgreSQL): the first call reads the whole study;
     * later calls ask which trials were written by transactions that had not finished at the previous call
     * (one indexed query, usually answering nothing) and read only those, skipping trials known finished,
     * trials this storage runs itself and trials already read at the stamped version. Holds the cache lock.
     *
     * <p>Why it is exact: the watermark is the oldest transaction id still running in the snapshot of the
     * previous check ({@code txid_snapshot_xmin}); a write that snapshot did not see was made by a transaction
     * that was running then or started later, so its stamp is at least the watermark.
     */
    @Override
    public void sync(StudyCache cache, boolean force) {
        if (cache.watermark < 0) {
            Loaded all = tx.read("read trials", s -> {
                long xmin = snapshotXmin(s);
                return new Loaded(
                        xmin, fetcher.fetch(s, cache.nObjectives, "t.study_id = ?", p -> p.setLong(1, cache.studyId)));
            });
            putAllRead(cache, all.trials, Map.of());
            cache.watermark = all.xmin;
            return;
        }
        Changes changes = tx.run("check for changes", s -> {
            PreparedStatement ps = s.prepare("SELECT w.xmin, c.trial_id, t.number, c.txid, t.state"
                    + " FROM (SELECT txid_snapshot_xmin(txid_current_snapshot()) AS xmin) w"
                    + " LEFT JOIN (schedtune_trial_changes c JOIN trials t ON t.trial_id = c.trial_id)"
                    + " ON c.study_id = ? AND c.txid >= ?");
            ps.setLong(1, cache.studyId);
            ps.setLong(2, cache.watermark);
            long xmin = -1;
            Map<Long, Long> stamps = new LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    xmin = rs.getLong(1);
                    long trialId = rs.getLong(2);
                    if (rs.wasNull()) {
                        continue;
                    }
                    int number = rs.getInt(3);
                    long txid = rs.getLong(4);
                    boolean known = number < cache.trials.size()
                            && cache.trials.get(number).state().isFinished();
                    Long seen = cache.seenStamps.get(trialId);
                    // an owned trial is kept by our own writes, unless another worker finished it
                    boolean ownRunning = cache.owned.contains(number)
                            && TrialState.RUNNING.name().equals(rs.getString(5));
                    if (!known && !ownRunning && (seen == null || seen != txid)) {
                        stamps.put(trialId, txid);
                    }
                }
            }
            return new Changes(xmin, stamps);
        });
        if (!changes.stamps.isEmpty()) {
            List<Long> ids = new ArrayList<>(changes.stamps.keySet());
            List<FrozenTrial> fetched =
                    tx.read("read changed trials", s -> fetcher.fetchByIds(s, cache.nObjectives, ids));
            putAllRead(cache, fetched, changes.stamps);
        }
        cache.watermark = changes.xmin;
    }

    private static long snapshotXmin(Session s) throws SQLException {
        try (ResultSet rs =
                s.prepare("SELECT txid_snapshot_xmin(txid_current_snapshot())").executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private record Loaded(long xmin, List<FrozenTrial> trials) {}

    private record Changes(long xmin, Map<Long, Long> stamps) {}

    /**
     * Puts trials read from the database, in number order; trials missing below the lowest new number (a
     * writer that numbers trials without the study lock, e.g. an Optuna process) are read first, so the
     * snapshot never has gaps. {@code stamps} records the change-log version each unfinished trial was read at.
     */
    private void putAllRead(StudyCache cache, List<FrozenTrial> fetched, Map<Long, Long> stamps) {
        List<FrozenTrial> sorted = new ArrayList<>(fetched);
        sorted.sort((a, b) -> Integer.compare(a.number(), b.number()));
        int size = cache.trials.size();
        int highest = sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1).number();
        if (highest > size) {
            Set<Integer> have = new HashSet<>();
            sorted.forEach(t -> have.add(t.number()));
            boolean gap = false;
            for (int n = size; n < highest && !gap; n++) {
                gap = !have.contains(n);
            }
            if (gap) {
                sorted.addAll(tx.read(
                        "read trials",
                        s -> fetcher.fetch(
                                s, cache.nObjectives, "t.study_id = ? AND t.number >= ? AND t.number < ?", p -> {
                                    p.setLong(1, cache.studyId);
                                    p.setInt(2, size);
                                    p.setInt(3, highest);
                                })));
                sorted.sort((a, b) -> Integer.compare(a.number(), b.number()));
            }
        }
        for (FrozenTrial t : sorted) {
            if (t.number() > cache.trials.size()) {
                throw new StorageException("study " + cache.studyId + " in " + tx.where() + " has no trial "
                        + cache.trials.size() + " but has trial " + t.number() + ": trial numbers must be dense");
            }
            cache.putRead(t);
            Long stamp = stamps.get(t.trialId());
            if (stamp != null && !t.state().isFinished()) {
                cache.seenStamps.put(t.trialId(), stamp);
            } else {
                cache.seenStamps.remove(t.trialId());
            }
        }
    }
}
