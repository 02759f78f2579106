package dev.schedtune.search.sampler.gp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schedtune.search.Objective;
import dev.schedtune.search.Study;
import dev.schedtune.search.Trial;
import dev.schedtune.search.TrialBudget;
import dev.schedtune.search.problem.BenchmarkProblem;
import dev.schedtune.search.sampler.RandomSampler;
import dev.schedtune.search.sampler.Sampler;
import dev.schedtune.search.sampler.SamplerTesting;
import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.storage.jdbc.SqliteStorage;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.RandomStreams;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.trial.TrialState;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uma.jmetal.util.pseudorandom.JMetalRandom;

class GpSamplerTest {
    /** A bowl in a linear, a log and an integer parameter; minimum 0 at (1.2, 0.01, 7). */
    private static final Objective BOWL = t -> {
        double x = t.suggestFloat("x", -5, 5);
        double lr = t.suggestFloatLog("lr", 1e-4, 1);
        int n = t.suggestInt("n", 1, 20);
        double a = Math.log10(lr) + 2;
        return (x - 1.2) * (x - 1.2) + a * a + (n - 7) * (n - 7) / 25.0;
    };

    /**
     * A conditional space: the family decides which parameter exists. Minimum 0.05 at family b with
     * {@code xb = 10^-1.5}; family a bottoms out at 0.5, family c at 0.3.
     */
    private static final Objective BRANCHES = t -> {
        String family = t.suggestCategorical("family", "a", "b", "c");
        double w = t.suggestFloat("w", 0, 1);
        double common = 0.2 * (w - 0.6) * (w - 0.6);
        switch (family) {
            case "a" -> {
                double xa = t.suggestFloat("xa", 0, 1);
                return 0.5 + common + (xa - 0.2) * (xa - 0.2);
            }
            case "b" -> {
                double xb = t.suggestFloatLog("xb", 1e-3, 1);
                double d = Math.log10(xb) + 1.5;
                return 0.05 + common + 0.3 * d * d;
            }
            default -> {
                int xc = t.suggestInt("xc", 0, 10);
                return 0.3 + common + (xc - 4) * (xc - 4) / 20.0;
            }
        }
    };

    private static Study study(Sampler sampler, long seed) {
        return Study.builder()
                .direction(StudyDirection.MINIMIZE)
                .sampler(sampler)
                .seed(seed)
                .create();
    }

    private static double best(Sampler sampler, Objective objective, int trials, long seed) {
        Study s = study(sampler, seed);
        s.optimize(objective, TrialBudget.total(trials));
        return s.bestValue();
    }

    private static GpSampler gp(int startup) {
        return GpSampler.builder().nStartupTrials(startup).build();
    }

    @Test
    void sameSeedGivesTheSameTrials() {
        Study a = study(gp(5), 3);
        a.optimize(BOWL, TrialBudget.total(14));
        Study b = study(gp(5), 3);
        b.optimize(BOWL, TrialBudget.total(14));
        assertThat(SamplerTesting.history(a)).isEqualTo(SamplerTesting.history(b));
        Study c = study(gp(5), 4);
        c.optimize(BOWL, TrialBudget.total(14));
        assertThat(SamplerTesting.history(c)).isNotEqualTo(SamplerTesting.history(a));
    }

    @Test
    void startupTrialsAreTheRandomSamplersThenTheModelTakesOver() {
        Study g = study(gp(6), 11);
        g.optimize(BOWL, TrialBudget.total(9));
        Study r = study(RandomSampler.create(), 11);
        r.optimize(BOWL, TrialBudget.total(9));
        for (int n = 0; n < 6; n++) {
            assertThat(g.trial(n).params()).isEqualTo(r.trial(n).params());
        }
        for (int n = 6; n < 9; n++) {
            assertThat(g.trial(n).params()).isNotEqualTo(r.trial(n).params());
        }
    }

    @Test
    void findsABetterMinimumThanRandomSearchInTheSameBudget() {
        for (long seed = 0; seed < 3; seed++) {
            double gp = best(gp(8), BOWL, 24, seed);
            double random = best(RandomSampler.create(), BOWL, 24, seed);
            assertThat(gp).as("seed %d: gp %s, random %s", seed, gp, random).isLessThan(random / 3);
        }
    }

    @Test
    void conditionalParametersOfEveryBranchAreModelled() {
        double gpSum = 0;
        double randomSum = 0;
        for (long seed = 0; seed < 3; seed++) {
            double gp = best(gp(8), BRANCHES, 24, seed);
            double random = best(RandomSampler.create(), BRANCHES, 24, seed);
            assertThat(gp).as("seed %d: gp %s, random %s", seed, gp, random).isLessThanOrEqualTo(random);
            gpSum += gp - 0.05;
            randomSum += random - 0.05;
        }
        assertThat(gpSum).as("regret, gp vs random").isLessThan(randomSum / 2);
    }

    @Test
    void intersectionModeLeavesConditionalParametersRandomUnionModeModelsThem() {
        Study union = study(gp(6), 5);
        union.optimize(BRANCHES, TrialBudget.total(14));
        Study intersection = study(
                GpSampler.builder().nStartupTrials(6).unionSearchSpace(false).build(), 5);
        intersection.optimize(BRANCHES, TrialBudget.total(14));
        int unionRandom = 0;
        for (int n = 6; n < 14; n++) {
            assertThat(conditionalIsRandom(intersection.trial(n), 5))
                    .as("intersection, trial %d", n)
                    .isTrue();
            unionRandom += conditionalIsRandom(union.trial(n), 5) ? 1 : 0;
        }
        assertThat(unionRandom)
                .as("union-mode trials whose conditional value is the random one")
                .isZero();
    }

    /** Whether the trial's conditional parameter has RandomSampler's value for its number. */
    private static boolean conditionalIsRandom(FrozenTrial t, long seed) {
        for (String name : List.of("xa", "xb", "xc")) {
            if (t.params().containsKey(name)) {
                double u = RandomStreams.of(seed).stream(t.number(), "random/" + name)
                        .nextDouble();
                return t.distributions().get(name).fromUnit(u)
                        == t.internalParams().get(name);
            }
        }
        throw new AssertionError("no conditional parameter in " + t);
    }

    @Test
    void categoricalChoiceIsLearned() {
        Objective categorical = t -> {
            String c = t.suggestCategorical("c", "p", "q", "r", "s", "t");
            double x = t.suggestFloat("x", 0, 1);
            return (c.equals("s") ? 0 : 1) + (x - 0.5) * (x - 0.5);
        };
        Study s = study(gp(6), 2);
        s.optimize(categorical, TrialBudget.total(20));
        long chosen = s.trials().stream()
                .filter(t -> t.number() >= 6 && "s".equals(t.params().get("c")))
                .count();
        assertThat(chosen).as("trials after startup on the best category").isGreaterThanOrEqualTo(8);
    }

    @Test
    void constraintsSteerToTheFeasibleOptimum() {
        // minimise (x-0.9)² + (y-0.9)² subject to x + y <= 1: optimum 0.32 at (0.5, 0.5)
        Objective constrained = t -> {
            double x = t.suggestFloat("x", 0, 1);
            double y = t.suggestFloat("y", 0, 1);
            t.setConstraint("sum", x + y - 1);
            return (x - 0.9) * (x - 0.9) + (y - 0.9) * (y - 0.9);
        };
        for (long seed = 0; seed < 2; seed++) {
            Study g = study(gp(8), seed);
            g.optimize(constrained, TrialBudget.total(22));
            Study r = study(RandomSampler.create(), seed);
            r.optimize(constrained, TrialBudget.total(22));
            assertThat(g.bestTrial().isFeasible()).isTrue();
            assertThat(g.bestValue()).as("seed %d", seed).isLessThan(0.34).isLessThan(r.bestValue());
            long feasibleAfterStartup = g.trials().stream()
                    .filter(t -> t.number() >= 8 && t.isFeasible())
                    .count();
            assertThat(feasibleAfterStartup).isGreaterThanOrEqualTo(9);
        }
    }

    @Test
    void multiObjectiveOnSqliteBeatsRandomSearch(@TempDir Path dir) {
        double gp = zdt1(GpSampler.create(), dir.resolve("gp.db"));
        double random = zdt1(RandomSampler.create(), dir.resolve("random.db"));
        assertThat(gp).as("hypervolume gp %s vs random %s", gp, random).isGreaterThan(random + 0.2);
    }

    private static double zdt1(Sampler sampler, Path file) {
        try (Storage storage = SqliteStorage.open(file)) {
            Study s = Study.builder()
                    .directions(SamplerTesting.minimize(2))
                    .sampler(sampler)
                    .storage(storage)
                    .seed(1)
                    .create();
            s.optimizeMulti(
                    t -> {
                        double[] x = new double[BenchmarkProblem.ZDT1.variables()];
                        for (int i = 0; i < x.length; i++) {
                            x[i] = t.suggestFloat("x" + i, 0, 1);
                        }
                        return BenchmarkProblem.ZDT1.evaluate(x);
                    },
                    TrialBudget.total(24));
            return SamplerTesting.hypervolume(s, 1.1);
        }
    }

    @Test
    void enqueuedTrialsCountTowardStartup() {
        Study s = study(gp(4), 8);
        for (int i = 0; i < 4; i++) {
            s.enqueueTrial(Map.of("x", -4.0 + 2 * i, "lr", 0.001, "n", 3L + i));
        }
        s.optimize(BOWL, TrialBudget.total(6));
        Study r = study(RandomSampler.create(), 8);
        r.optimize(BOWL, TrialBudget.total(6));
        assertThat(s.trial(1).params().get("x")).isEqualTo(-2.0);
        assertThat(s.trial(4).params()).isNotEqualTo(r.trial(4).params());
        assertThat(s.trial(5).params()).isNotEqualTo(r.trial(5).params());
    }

    @Test
    void prunedAndFailedTrialsDoNotStopTheModel() throws Exception {
        Study s = study(gp(4), 9);
        for (int i = 0; i < 10; i++) {
            Trial t = s.ask();
            double v = BOWL.evaluate(t);
            if (i % 3 == 1) {
                t.report(0, v + 1);
                s.tell(t, TrialState.PRUNED);
            } else if (i % 3 == 2) {
                s.tell(t, TrialState.FAIL);
            } else {
                s.tell(t, v);
            }
        }
        assertThat(s.trials(TrialState.COMPLETE)).hasSize(4);
        assertThat(s.trials(TrialState.PRUNED)).hasSize(3);
    }

    @Test
    void twoThreadsShareOneSampler() {
        Study s = study(gp(6), 12);
        s.optimize(BOWL, TrialBudget.total(20), null, 2);
        assertThat(s.trials(TrialState.COMPLETE)).hasSize(20);
        Set<Map<String, Object>> distinct = new HashSet<>();
        for (FrozenTrial t : s.trials()) {
            distinct.add(t.params());
        }
        assertThat(distinct).hasSize(20);
        assertThat(s.bestValue()).isLessThan(1.0);
    }

    @Test
    void leavesJmetalRandomAlone() {
        JMetalRandom.getInstance().setSeed(123);
        double expected = JMetalRandom.getInstance().nextDouble();
        JMetalRandom.getInstance().setSeed(123);
        best(gp(5), BRANCHES, 9, 1);
        assertThat(JMetalRandom.getInstance().nextDouble()).isEqualTo(expected);
    }

    @Test
    void badSettingsAreRejectedWithTheirName() {
        assertThatThrownBy(() -> GpSampler.builder().nStartupTrials(-1)).hasMessage("nStartupTrials (-1) must be >= 0");
        assertThatThrownBy(() -> GpSampler.builder().populationSize(1)).hasMessage("populationSize (1) must be >= 2");
        assertThatThrownBy(() -> GpSampler.builder().batchSize(0)).hasMessage("batchSize (0) must be >= 1");
        assertThatThrownBy(() -> GpSampler.builder().generations(-2)).hasMessage("generations (-2) must be >= 0");
    }

    @Test
    void describesItsSettings() {
        assertThat(GpSampler.create()).hasToString("GpSampler(nStartupTrials=10)");
        assertThat(GpSampler.builder()
                        .unionSearchSpace(false)
                        .fantasizeRunning(false)
                        .seed(3)
                        .build())
                .hasToString("GpSampler(nStartupTrials=10, intersection, ignoreRunning, seed=3)");
        assertThat(List.of(GpSampler.create())).hasSize(1);
    }
}
