package dev.schedtune.cli.dashboard;

import dev.schedtune.cli.report.HtmlReport;
import dev.schedtune.search.trial.FrozenTrial;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The schedule curves of a study's finished trials, kept from one computation of its data to the next:
 * a finished trial never changes, and the storage hands out the same object for it in every snapshot, so
 * it is looked up by identity. Curves of trials that left the snapshot (the storage was opened again) are
 * dropped after the next computation ({@link #sweep}). Watcher thread only.
 */
final class CurveMemo implements Function<FrozenTrial, Optional<Map<String, Object>>> {
    private Map<FrozenTrial, Optional<Map<String, Object>>> kept = new IdentityHashMap<>();
    private Map<FrozenTrial, Optional<Map<String, Object>>> used = new IdentityHashMap<>();

    @Override
    public Optional<Map<String, Object>> apply(FrozenTrial t) {
        if (!t.state().isFinished()) {
            return HtmlReport.curve(t);
        }
        Optional<Map<String, Object>> curve = kept.get(t);
        if (curve == null) {
            curve = HtmlReport.curve(t);
        }
        used.put(t, curve);
        return curve;
    }

    /** Keeps the curves used since the last sweep, and only those. */
    void sweep() {
        kept = used;
        used = new IdentityHashMap<>();
    }
}
