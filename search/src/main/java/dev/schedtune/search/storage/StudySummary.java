package dev.schedtune.search.storage;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.TrialState;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a listing of studies shows of one study, read without loading (or caching) its trials: the number of
 * trials in each state, and the COMPLETE trials with nothing but their number, values and constraints (so
 * that the best trials, or the Pareto front, can be found as for the whole study).
 */
public record StudySummary(Map<TrialState, Long> counts, List<FrozenTrial> complete) {
    public StudySummary {
        counts = ImmutableMap.copyOf(counts);
        complete = ImmutableList.copyOf(complete);
    }

    /** The summary of trials already read. */
    public static StudySummary of(Iterable<FrozenTrial> trials) {
        Map<TrialState, Long> counts = new EnumMap<>(TrialState.class);
        ImmutableList.Builder<FrozenTrial> complete = ImmutableList.builder();
        for (FrozenTrial t : trials) {
            counts.merge(t.state(), 1L, Long::sum);
            if (t.state() == TrialState.COMPLETE) {
                FrozenTrial.Builder b = FrozenTrial.builder(t.number(), TrialState.COMPLETE)
                        .trialId(t.trialId())
                        .values(t.values());
                Object constraints = t.systemAttrs().get(FrozenTrial.CONSTRAINTS_KEY);
                if (constraints != null) {
                    b.systemAttr(FrozenTrial.CONSTRAINTS_KEY, constraints);
                }
                complete.add(b.build());
            }
        }
        return new StudySummary(counts, complete.build());
    }

    /** Trials in {@code state}. */
    public long count(TrialState state) {
        return counts.getOrDefault(state, 0L);
    }

    /** Trials in all. */
    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
