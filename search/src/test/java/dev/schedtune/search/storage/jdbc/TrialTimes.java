package dev.schedtune.search.storage.jdbc;

import dev.schedtune.search.Study;
import dev.schedtune.search.TrialBudget;
import dev.schedtune.search.trial.FrozenTrial;

/**
 * A child JVM for the time-zone tests (run it with {@code TZ=...}): prints {@code START <epoch millis>} of
 * every trial of study {@code args[1]} in the PostgreSQL database {@code args[0]}, then runs one trial of a
 * new study {@code args[2]}.
 */
public final class TrialTimes {
    private TrialTimes() {}

    public static void main(String[] args) {
        try (JdbcStorage storage = PostgresStorage.open(args[0])) {
            for (FrozenTrial t : Study.load(args[1], storage).trials()) {
                System.out.println(
                        "START " + t.number() + " " + t.datetimeStart().toEpochMilli());
            }
            Study.builder(args[2])
                    .storage(storage)
                    .create()
                    .optimize(t -> t.suggestFloat("x", 0, 1), TrialBudget.more(1));
        }
    }
}
