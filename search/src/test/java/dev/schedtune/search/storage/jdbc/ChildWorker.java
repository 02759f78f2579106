package dev.schedtune.search.storage.jdbc;

import dev.schedtune.search.OptimizeOptions;
import dev.schedtune.search.Study;
import dev.schedtune.search.TrialBudget;
import java.nio.file.Path;

/**
 * A worker process for the multi-process and kill tests: joins (or creates) a study in a SQLite file and
 * runs trials, printing {@code TOLD <number>} after each trial is stored.
 *
 * <p>Arguments: database file, study name, number of trials, milliseconds of work per trial.
 */
public final class ChildWorker {
    private ChildWorker() {}

    public static void main(String[] args) {
        Path db = Path.of(args[0]);
        String name = args[1];
        int trials = Integer.parseInt(args[2]);
        long workMillis = Long.parseLong(args[3]);
        try (JdbcStorage storage = SqliteStorage.open(db)) {
            Study study = Study.builder(name).storage(storage).seed(5).createOrLoad();
            study.optimize(
                    t -> {
                        double x = t.suggestFloat("x", -5, 5);
                        Thread.sleep(workMillis);
                        return x * x;
                    },
                    OptimizeOptions.builder()
                            .budget(TrialBudget.more(trials))
                            .callback((s, t) -> {
                                System.out.println("TOLD " + t.number() + " " + t.state());
                                System.out.flush();
                            })
                            .build());
        }
        System.out.println("DONE");
    }
}
