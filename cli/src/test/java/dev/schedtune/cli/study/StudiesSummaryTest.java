package dev.schedtune.cli.study;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schedtune.cli.Cli;
import dev.schedtune.search.Storages;
import dev.schedtune.search.Study;
import dev.schedtune.search.TrialBudget;
import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.trial.StudyDirection;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code schedtune studies} lists a storage from summaries: it never reads (nor caches) a study's trials. */
class StudiesSummaryTest {
    @Test
    void studiesReadsNoTrials(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("many.db");
        try (Storage storage = Storages.open(db.toString())) {
            Study.builder("one")
                    .storage(storage)
                    .create()
                    .optimize(t -> t.suggestFloat("x", 1, 2), TrialBudget.more(5));
            Study.builder("two")
                    .storage(storage)
                    .directions(StudyDirection.MINIMIZE, StudyDirection.MAXIMIZE)
                    .create()
                    .optimizeMulti(
                            t -> {
                                double x = t.suggestFloat("x", 0, 1);
                                return new double[] {x, x};
                            },
                            TrialBudget.more(4),
                            null,
                            1);
        }
        List<String> called = new ArrayList<>();
        try (Storage real = Storages.open(db.toString())) {
            Storage watched = (Storage) Proxy.newProxyInstance(
                    Storage.class.getClassLoader(), new Class<?>[] {Storage.class}, (proxy, method, args) -> {
                        called.add(method.getName());
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            List<String> rows = StudiesCommand.rows(watched, watched.studies());
            assertThat(called).doesNotContain("trials", "trial");
            assertThat(rows).hasSize(3);
            assertThat(rows.get(1)).startsWith("one\tvalue (min)\t5\t5\t0\t0\t0\t#");
            assertThat(rows.get(2))
                    .startsWith("two\tobjective 0,objective 1 (min,max)\t4\t4\t0\t0\t0\t4 on the Pareto front");
        }
        Cli.Result listed = Cli.run("studies", "--storage", db.toString());
        assertThat(listed.code()).as(listed.err()).isZero();
        assertThat(listed.out()).contains("4 on the Pareto front");
    }
}
