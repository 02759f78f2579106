package dev.schedtune.search.storage.jdbc;

import dev.schedtune.search.OptimizeOptions;
import dev.schedtune.search.ReproducibleModeTest;
import dev.schedtune.search.Study;
import dev.schedtune.search.StudyBuilder;
import dev.schedtune.search.TrialBudget;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A worker process for the multi-process and kill tests: joins (or creates) a study in a SQLite file and
 * runs trials, printing {@code TOLD <number>} after each trial is stored.
 *
 * <p>Arguments: database file, study name, number of trials, milliseconds of work per trial, and optionally
 * {@code reproducible}: then the study runs in reproducible mode with a sampler that conditions on earlier
 * batches ({@code ReproducibleModeTest.FollowTheBest}) and the trial count is the study's total.
 */
public final class ChildWorker {
    private ChildWorker() {}

    public static void main(String[] args) {
        Path db = Path.of(args[0]);
        String name = args[1];
        int trials = Integer.parseInt(args[2]);
        long workMillis = Long.parseLong(args[3]);
        boolean reproducible = args.length > 4 && args[4].equals("reproducible");
        try (JdbcStorage storage = SqliteStorage.open(db)) {
            StudyBuilder builder = Study.builder(name)
                    .storage(storage)
                    .seed(5)
                    .heartbeat(Duration.ofMillis(100), Duration.ofSeconds(1));
            if (reproducible) {
                builder.reproducible(true).sampler(new ReproducibleModeTest.FollowTheBest());
            }
            Study study = builder.createOrLoad();
            study.optimize(
                    t -> {
                        double x = t.suggestFloat("x", -5, 5);
                        Thread.sleep(workMillis);
                        return x * x;
                    },
                    OptimizeOptions.builder()
                            .budget(reproducible ? TrialBudget.total(trials) : TrialBudget.more(trials))
                            .callback((s, t) -> {
                                System.out.println("TOLD " + t.number() + " " + t.state());
                                System.out.flush();
                            })
                            .build());
        }
        System.out.println("DONE");
    }
}
