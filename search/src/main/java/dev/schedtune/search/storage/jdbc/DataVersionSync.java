package dev.schedtune.search.storage.jdbc;

import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.TrialState;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Syncs by re-reading: trials with an id above the highest read, other workers' unfinished trials and own
 * running trials another worker finished. On SQLite the sync is skipped entirely when no other connection
 * has committed since the last one ({@code PRAGMA data_version}); a database without a data version (a
 * PostgreSQL schema without the change log) always re-reads.
 */
final class DataVersionSync implements TrialSync {
    private final SqlDialect dialect;
    private final Transactions tx;
    private final TrialFetcher fetcher;

    DataVersionSync(SqlDialect dialect, Transactions tx, TrialFetcher fetcher) {
        this.dialect = dialect;
        this.tx = tx;
        this.fetcher = fetcher;
    }

    @Override
    public void sync(StudyCache cache, boolean force) {
        OptionalLong version = tx.run("check for changes", dialect::dataVersion);
        if (!force && version.isPresent() && version.getAsLong() == cache.dataVersion) {
            return;
        }
        List<FrozenTrial> fetched = tx.read("read trials", s -> {
            List<FrozenTrial> out =
                    new ArrayList<>(fetcher.fetch(s, cache.nObjectives, "t.study_id = ? AND t.trial_id > ?", p -> {
                        p.setLong(1, cache.studyId);
                        p.setLong(2, cache.maxTrialId);
                    }));
            List<Long> unfinished = new ArrayList<>();
            for (Map.Entry<Integer, Long> e : cache.foreignUnfinished.entrySet()) {
                if (e.getValue() <= cache.maxTrialId) {
                    unfinished.add(e.getValue());
                }
            }
            out.addAll(fetcher.fetchByIds(s, cache.nObjectives, unfinished));
            out.addAll(fetcher.fetchByIds(s, cache.nObjectives, ownedFinishedElsewhere(s, cache)));
            return out;
        });
        fetched.sort((a, b) -> Integer.compare(a.number(), b.number()));
        for (FrozenTrial t : fetched) {
            cache.putRead(t);
        }
        if (version.isPresent()) {
            cache.dataVersion = version.getAsLong();
        }
    }

    /**
     * Trials this storage runs that another worker finished meanwhile (a heartbeat check marked them FAIL):
     * one query on the states of the owned trials, which are few.
     */
    private List<Long> ownedFinishedElsewhere(Session s, StudyCache cache) throws SQLException {
        if (cache.owned.isEmpty()) {
            return List.of();
        }
        List<Long> out = new ArrayList<>();
        PreparedStatement ps = s.prepare("SELECT trial_id FROM trials WHERE study_id = ? AND number = ? AND state <> "
                + dialect.enumParam("trialstate"));
        for (int n : cache.owned) {
            ps.setLong(1, cache.studyId);
            ps.setInt(2, n);
            ps.setString(3, TrialState.RUNNING.name());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }
}
