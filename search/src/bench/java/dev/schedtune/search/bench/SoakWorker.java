package dev.schedtune.search.bench;

import dev.schedtune.search.OptimizeOptions;
import dev.schedtune.search.Study;
import dev.schedtune.search.TrialBudget;
import dev.schedtune.search.storage.jdbc.JdbcStorage;
import dev.schedtune.search.storage.jdbc.PostgresStorage;
import java.time.Duration;

/**
 * One worker process of the soak run ({@link SoakBenchmark}): joins the study through the storage URL it is
 * given (the cutting proxy) and runs trials until it is killed, printing {@code TOLD <number> <state>
 * <value>} after each trial it stored. Each trial reports 3 intermediate values over about 300 ms.
 */
public final class SoakWorker {
    private SoakWorker() {}

    public static void main(String[] args) {
        String url = args[0];
        String name = args[1];
        try (JdbcStorage storage = PostgresStorage.open(url, Duration.ofMinutes(5))) {
            Study study = Study.load(name, storage);
            study.optimize(
                    t -> {
                        double x = t.suggestFloat("x", -1, 1);
                        for (int step = 0; step < 3; step++) {
                            Thread.sleep(100);
                            t.report(step, x + step);
                        }
                        return x * x;
                    },
                    OptimizeOptions.builder()
                            .budget(TrialBudget.more(Integer.MAX_VALUE))
                            .callback((s, t) -> {
                                System.out.println("TOLD " + t.number() + " " + t.state() + " "
                                        + (t.values() == null ? "-" : Double.toString(t.value())));
                                System.out.flush();
                            })
                            .build());
        }
    }
}
