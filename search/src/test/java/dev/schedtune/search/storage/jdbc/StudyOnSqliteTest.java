package dev.schedtune.search.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schedtune.search.Study;
import dev.schedtune.search.Trial;
import dev.schedtune.search.TrialBudget;
import dev.schedtune.search.storage.InMemoryStorage;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.trial.TrialState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyOnSqliteTest {
    @TempDir
    Path dir;

    private static double[] objective(Trial t) {
        double x = t.suggestFloat("x", -3, 3);
        int n = t.suggestIntLog("n", 1, 64);
        String c = t.suggestCategorical("c", "a", "b", "c");
        for (int step = 0; step < 3; step++) {
            t.report(step, x * step, n * step);
        }
        t.setUserAttr("c", c);
        return new double[] {x * x, n};
    }

    private static List<Object> summary(List<FrozenTrial> trials) {
        List<Object> out = new ArrayList<>();
        for (FrozenTrial t : trials) {
            out.add(List.of(t.number(), t.state(), t.params(), t.values(), t.intermediateValues(), t.userAttrs()));
        }
        return out;
    }

    @Test
    void fourThreadsOnSqliteGiveTheSameTrialsAsOneThreadInMemory() {
        Study memory = Study.builder("s")
                .storage(new InMemoryStorage())
                .directions(StudyDirection.MINIMIZE, StudyDirection.MAXIMIZE)
                .seed(21)
                .create();
        memory.optimizeMulti(StudyOnSqliteTest::objective, TrialBudget.total(80));
        try (JdbcStorage storage = SqliteStorage.open(dir.resolve("s.db"))) {
            Study sqlite = Study.builder("s")
                    .storage(storage)
                    .directions(StudyDirection.MINIMIZE, StudyDirection.MAXIMIZE)
                    .seed(21)
                    .create();
            sqlite.optimizeMulti(StudyOnSqliteTest::objective, TrialBudget.total(80), null, 4);
            assertThat(summary(sqlite.trials())).isEqualTo(summary(memory.trials()));
            assertThat(sqlite.bestTrials())
                    .extracting(FrozenTrial::number)
                    .isEqualTo(memory.bestTrials().stream()
                            .map(FrozenTrial::number)
                            .toList());
        }
        try (JdbcStorage reopened = SqliteStorage.open(dir.resolve("s.db"))) {
            Study again = Study.load("s", reopened);
            assertThat(again.seed()).isEqualTo(21);
            assertThat(summary(again.trials())).isEqualTo(summary(memory.trials()));
            again.optimizeMulti(StudyOnSqliteTest::objective, TrialBudget.total(90));
            memory.optimizeMulti(StudyOnSqliteTest::objective, TrialBudget.total(90));
            assertThat(summary(again.trials())).isEqualTo(summary(memory.trials()));
        }
    }

    @Test
    void askTellAcrossStorageObjectsByTrialNumber() {
        Path db = dir.resolve("at.db");
        int number;
        try (JdbcStorage a = SqliteStorage.open(db)) {
            Study s = Study.builder("at").storage(a).create();
            Trial t = s.ask();
            t.suggestFloat("x", 0, 1);
            number = t.number();
        }
        try (JdbcStorage b = SqliteStorage.open(db)) {
            Study s = Study.load("at", b);
            assertThat(s.trials(TrialState.RUNNING)).hasSize(1);
            FrozenTrial told = s.tell(number, 0.5);
            assertThat(told.state()).isEqualTo(TrialState.COMPLETE);
            assertThat(told.params()).containsKey("x");
            assertThat(s.bestValue()).isEqualTo(0.5);
            s.enqueueTrial(Map.of("x", 0.25));
            s.optimize(t -> t.suggestFloat("x", 0, 1), TrialBudget.more(1));
            assertThat(s.trials().get(1).params()).containsEntry("x", 0.25);
        }
    }
}
