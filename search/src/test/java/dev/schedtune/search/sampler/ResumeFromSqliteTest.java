package dev.schedtune.search.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schedtune.search.Study;
import dev.schedtune.search.Trial;
import dev.schedtune.search.TrialBudget;
import dev.schedtune.search.problem.BenchmarkProblem;
import dev.schedtune.search.sampler.jmetal.Nsga2Sampler;
import dev.schedtune.search.sampler.jmetal.SmsEmoaSampler;
import dev.schedtune.search.sampler.tpe.TpeSampler;
import dev.schedtune.search.storage.jdbc.JdbcStorage;
import dev.schedtune.search.storage.jdbc.SqliteStorage;
import dev.schedtune.search.trial.StudyDirection;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A study interrupted and resumed from its SQLite file by a new process (a new storage, study and
 * sampler object) goes on exactly as if it had never stopped: samplers rebuild their state from storage.
 */
class ResumeFromSqliteTest {
    @TempDir
    Path dir;

    private static double[] zdt1(Trial t) {
        double[] x = new double[6];
        for (int i = 0; i < x.length; i++) {
            x[i] = t.suggestFloat("x" + i, 0, 1);
        }
        return BenchmarkProblem.ZDT1.evaluate(x);
    }

    private static Supplier<Sampler> sampler(String name) {
        return switch (name) {
            case "tpe" -> TpeSampler::create;
            case "nsga2" -> () -> Nsga2Sampler.builder().populationSize(10).build();
            default -> () -> SmsEmoaSampler.builder().populationSize(10).build();
        };
    }

    private List<Object> run(String samplerName, String file, int... stints) {
        Path db = dir.resolve(file);
        int total = 0;
        for (int stint : stints) {
            total += stint;
            try (JdbcStorage storage = SqliteStorage.open(db)) {
                Study study = Study.builder("resumed")
                        .directions(StudyDirection.MINIMIZE, StudyDirection.MINIMIZE)
                        .sampler(sampler(samplerName).get())
                        .storage(storage)
                        .seed(42)
                        .createOrLoad();
                study.optimizeMulti(ResumeFromSqliteTest::zdt1, TrialBudget.total(total));
            }
        }
        try (JdbcStorage storage = SqliteStorage.open(db)) {
            return List.copyOf(SamplerTesting.history(Study.load("resumed", storage)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tpe", "nsga2", "smsemoa"})
    void aResumedStudyContinuesAsIfUninterrupted(String samplerName) {
        List<Object> uninterrupted = run(samplerName, "whole.db", 75);
        List<Object> resumed = run(samplerName, "parts.db", 23, 30, 22);
        assertThat(resumed).hasSize(150).isEqualTo(uninterrupted);
    }
}
