package dev.schedtune.search.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schedtune.search.OptimizeOptions;
import dev.schedtune.search.Study;
import dev.schedtune.search.TrialBudget;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.TrialState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Four workers (each its own storage and connection pool) run one study of 200 trials on the embedded
 * PostgreSQL through a proxy that cuts connections at random and right after COMMIT. Every write retried
 * after a lost answer must take effect once: exactly 200 COMPLETE trials, each enqueued trial run once, no
 * orphan (RUNNING or WAITING), no duplicate, no parameter or value missing, and no worker told that its
 * own result was discarded.
 */
class PostgresRetryTest {
    @Test
    void connectionsCutAtRandomAndAfterCommitLoseAndDuplicateNothing() throws Exception {
        String url = EmbeddedPostgresServer.newDatabase();
        String database = url.substring(url.lastIndexOf('/') + 1);
        List<String> discarded = Collections.synchronizedList(new ArrayList<>());
        Handler warnings = new Handler() {
            @Override
            public void publish(LogRecord r) {
                String m = String.valueOf(r.getMessage());
                if (m.contains("discarded") || m.contains("failed")) {
                    discarded.add(m);
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger log = Logger.getLogger(Study.class.getName());
        log.addHandler(warnings);
        List<JdbcStorage> workers = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try (CuttingProxy proxy = CuttingProxy.start(EmbeddedPostgresServer.port(), 11);
                JdbcStorage direct = PostgresStorage.open(url)) {
            Study created = Study.builder("cut").storage(direct).seed(3).create();
            for (int i = 0; i < 20; i++) {
                created.enqueueTrial(Map.of("x", i / 20.0));
            }
            String via = "postgresql://" + EmbeddedPostgresServer.USER + ":" + EmbeddedPostgresServer.PASSWORD
                    + "@localhost:" + proxy.port() + "/" + database + "?sslmode=disable";
            for (int w = 0; w < 4; w++) {
                workers.add(PostgresStorage.open(via, Duration.ofMinutes(3)));
            }
            proxy.cut(0.08, 0.003);
            List<Future<?>> runs = new ArrayList<>();
            for (JdbcStorage storage : workers) {
                runs.add(threads.submit(() -> Study.load("cut", storage)
                        .optimize(
                                t -> {
                                    double x = t.suggestFloat("x", 0, 1);
                                    for (int step = 0; step < 3; step++) {
                                        t.report(step, x + step);
                                    }
                                    return x * x;
                                },
                                OptimizeOptions.builder()
                                        .budget(TrialBudget.total(200))
                                        .catching()
                                        .build())));
            }
            for (Future<?> f : runs) {
                f.get(10, TimeUnit.MINUTES);
            }
            proxy.cut(0, 0);
            System.out.println("PostgresRetryTest: " + proxy.commits() + " commits, " + proxy.commitsCut()
                    + " cut right after COMMIT, " + proxy.randomCuts() + " cut at random");
            assertThat(proxy.commitsCut()).as("commits cut").isGreaterThan(10);
            assertThat(proxy.randomCuts()).as("random cuts").isGreaterThan(10);

            List<FrozenTrial> trials = new ArrayList<>(Study.load("cut", direct).trials());
            assertThat(trials).hasSize(200);
            Set<Object> enqueued = new HashSet<>();
            for (int n = 0; n < trials.size(); n++) {
                FrozenTrial t = trials.get(n);
                assertThat(t.number()).isEqualTo(n);
                assertThat(t.state()).as("trial " + n).isEqualTo(TrialState.COMPLETE);
                double x = ((Number) t.params().get("x")).doubleValue();
                assertThat(t.value()).isEqualTo(x * x);
                assertThat(t.intermediateValues()).as("trial " + n).hasSize(3);
                if (n < 20) {
                    assertThat(enqueued.add(x))
                            .as("enqueued x = " + x + " ran twice")
                            .isTrue();
                }
            }
            assertThat(enqueued).hasSize(20);
            assertThat(discarded).as("results discarded or trials failed").isEmpty();
        } finally {
            log.removeHandler(warnings);
            threads.shutdownNow();
            workers.forEach(JdbcStorage::close);
        }
    }
}
