package dev.schedtune.cli.report;

import dev.schedtune.search.storage.Retries;
import dev.schedtune.search.trial.FrozenTrial;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Trials whose parameters run again in a later trial after their worker died (Optuna's {@code
 * retry_history}): their retry takes their place in the budget, so they do not count as done.
 */
final class Retried {
    private Retried() {}

    /** The numbers of the trials some later trial retries. */
    static Set<Integer> numbers(List<FrozenTrial> trials) {
        Set<Integer> out = new HashSet<>();
        for (FrozenTrial t : trials) {
            Object history = t.systemAttrs().get(Retries.RETRY_HISTORY_KEY);
            if (history instanceof List<?>) {
                for (Object n : (List<?>) history) {
                    if (n instanceof Number) {
                        out.add(((Number) n).intValue());
                    }
                }
            }
        }
        return out;
    }
}
