package dev.schedtune.search.sampler.tpe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schedtune.search.OptimizeOptions;
import dev.schedtune.search.Study;
import dev.schedtune.search.Trial;
import dev.schedtune.search.TrialBudget;
import dev.schedtune.search.TrialPrunedException;
import dev.schedtune.search.distribution.Distribution;
import dev.schedtune.search.problem.BenchmarkProblem;
import dev.schedtune.search.sampler.RandomSampler;
import dev.schedtune.search.sampler.Sampler;
import dev.schedtune.search.sampler.SamplerTesting;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.trial.TrialState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TpeSamplerTest {

    /** A mixed space: linear, log and stepped floats, integers, log integers and a categorical. */
    static double mixed(Trial t) {
        double x = t.suggestFloat("x", -5, 5);
        double lr = t.suggestFloatLog("lr", 1e-5, 1);
        double q = t.suggestFloatStep("q", 0, 1, 0.25);
        int n = t.suggestInt("n", 1, 64);
        int batch = t.suggestIntLog("batch", 1, 1024);
        String opt = t.suggestCategorical("opt", "sgd", "adam", "lamb");
        double loss = (x - 1) * (x - 1)
                + Math.pow(Math.log10(lr) + 3, 2)
                + Math.abs(q - 0.75)
                + Math.pow((n - 40) / 10.0, 2)
                + Math.pow(Math.log(batch / 32.0), 2) / 4
                + (opt.equals("adam") ? 0 : 2);
        return loss;
    }

    private static Study study(Sampler sampler, long seed) {
        return Study.builder().sampler(sampler).seed(seed).create();
    }

    private static double best(Sampler sampler, long seed, int trials) {
        Study s = study(sampler, seed);
        s.optimize(TpeSamplerTest::mixed, TrialBudget.total(trials));
        return s.bestValue();
    }

    @Test
    void sameSeedGivesTheSameTrials() {
        Study a = study(TpeSampler.create(), 7);
        Study b = study(TpeSampler.create(), 7);
        a.optimize(TpeSamplerTest::mixed, TrialBudget.total(40));
        b.optimize(TpeSamplerTest::mixed, TrialBudget.total(40));
        assertThat(SamplerTesting.history(a)).isEqualTo(SamplerTesting.history(b));
        Study c = study(TpeSampler.create(), 8);
        c.optimize(TpeSamplerTest::mixed, TrialBudget.total(40));
        assertThat(SamplerTesting.history(c)).isNotEqualTo(SamplerTesting.history(a));
    }

    @Test
    void reproducibleModeGivesTheSameTrialsOnOneOrTwoThreads() {
        TpeSampler.Builder builder = TpeSampler.builder().batchSize(4);
        List<Object> one = reproducible(builder.build(), 1);
        List<Object> two = reproducible(builder.build(), 2);
        assertThat(two).isEqualTo(one);
    }

    private static List<Object> reproducible(Sampler sampler, int nJobs) {
        Study s = Study.builder().sampler(sampler).seed(5).reproducible(true).create();
        s.optimize(TpeSamplerTest::mixed, TrialBudget.total(40), null, nJobs);
        return List.copyOf(SamplerTesting.history(s));
    }

    @Test
    void motpeIsReproducibleOnTwoThreadsToo() {
        Study one =
                SamplerTesting.run(TpeSampler.builder().batchSize(3).build(), BenchmarkProblem.ZDT1, 45, 3, true, 1);
        Study two =
                SamplerTesting.run(TpeSampler.builder().batchSize(3).build(), BenchmarkProblem.ZDT1, 45, 3, true, 2);
        assertThat(SamplerTesting.history(two)).isEqualTo(SamplerTesting.history(one));
    }

    @Test
    void beatsRandomSearchOnAMixedSpace() {
        double tpe = best(TpeSampler.create(), 1, 120);
        double random = best(RandomSampler.create(), 1, 120);
        assertThat(tpe).as("TPE best %s vs random best %s", tpe, random).isLessThan(random / 2);
    }

    @Test
    void everyValueIsInsideItsDistribution() {
        Study s = study(TpeSampler.create(), 2);
        s.optimize(TpeSamplerTest::mixed, TrialBudget.total(60));
        for (FrozenTrial t : s.trials()) {
            for (Map.Entry<String, Distribution> e : t.distributions().entrySet()) {
                assertThat(e.getValue().contains(t.internalParams().get(e.getKey())))
                        .as(
                                "trial %d %s = %s in %s",
                                t.number(), e.getKey(), t.params().get(e.getKey()), e.getValue())
                        .isTrue();
            }
        }
        // After the startup trials, the best choice dominates the categorical.
        long adam = s.trials().stream()
                .skip(30)
                .filter(t -> "adam".equals(t.params().get("opt")))
                .count();
        assertThat(adam).isGreaterThan(20);
    }

    @Test
    void motpeBeatsRandomSearchOnZdt1() {
        double tpe =
                SamplerTesting.hypervolume(SamplerTesting.run(TpeSampler.create(), BenchmarkProblem.ZDT1, 250, 4), 1.1);
        double random = SamplerTesting.hypervolume(
                SamplerTesting.run(RandomSampler.create(), BenchmarkProblem.ZDT1, 250, 4), 1.1);
        assertThat(tpe).as("MOTPE %s vs random %s", tpe, random).isGreaterThan(random + 0.1);
    }

    /** Define-by-run: each model has its own parameters. */
    static double conditional(Trial t) {
        String model = t.suggestCategorical("model", "linear", "tree");
        if (model.equals("linear")) {
            double alpha = t.suggestFloatLog("alpha", 1e-4, 10);
            return 1 + Math.pow(Math.log10(alpha) + 1, 2);
        }
        int depth = t.suggestInt("depth", 1, 20);
        double eta = t.suggestFloat("eta", 0, 1);
        return Math.pow(depth - 7, 2) / 10 + Math.pow(eta - 0.3, 2) * 10;
    }

    private static double conditionalBest(Sampler sampler, long seed) {
        Study s = study(sampler, seed);
        s.optimize(TpeSamplerTest::conditional, TrialBudget.total(80));
        for (FrozenTrial t : s.trials()) {
            boolean linear = "linear".equals(t.params().get("model"));
            assertThat(t.params().containsKey("alpha")).isEqualTo(linear);
            assertThat(t.params().containsKey("depth")).isEqualTo(!linear);
        }
        return s.bestValue();
    }

    @Test
    void conditionalParametersAreSampledWhereTheyExist() {
        double random = conditionalBest(RandomSampler.create(), 9);
        for (TpeSampler tpe : List.of(
                TpeSampler.create(),
                TpeSampler.builder().multivariate(true).build(),
                TpeSampler.builder().group(true).build())) {
            double best = conditionalBest(tpe, 9);
            assertThat(best).as("%s best %s vs random %s", tpe, best, random).isLessThan(random);
        }
    }

    @Test
    void multivariateTpeBeatsRandomOnACorrelatedValley() {
        Objective2 valley = t -> {
            double x = t.suggestFloat("x", -3, 3);
            double y = t.suggestFloat("y", -3, 3);
            return Math.pow(x - y, 2) * 10 + Math.pow(x + y - 2, 2);
        };
        Study tpe = study(TpeSampler.builder().multivariate(true).build(), 3);
        tpe.optimize(valley::apply, TrialBudget.total(100));
        Study random = study(RandomSampler.create(), 3);
        random.optimize(valley::apply, TrialBudget.total(100));
        assertThat(tpe.bestValue()).isLessThan(random.bestValue());
    }

    @FunctionalInterface
    interface Objective2 {
        double apply(Trial t);
    }

    @Test
    void constraintsSteerTowardsTheFeasibleRegion() {
        // min x² + y² subject to x + y >= 1 (constraint 1 - x - y <= 0): optimum 0.5 at (0.5, 0.5).
        Objective2 constrained = t -> {
            double x = t.suggestFloat("x", -2, 2);
            double y = t.suggestFloat("y", -2, 2);
            t.setConstraint("sum", 1 - x - y);
            return x * x + y * y;
        };
        Study tpe = study(TpeSampler.create(), 12);
        tpe.optimize(constrained::apply, TrialBudget.total(100));
        Study random = study(RandomSampler.create(), 12);
        random.optimize(constrained::apply, TrialBudget.total(100));
        long feasibleTpe =
                tpe.trials().stream().skip(10).filter(FrozenTrial::isFeasible).count();
        long feasibleRandom = random.trials().stream()
                .skip(10)
                .filter(FrozenTrial::isFeasible)
                .count();
        assertThat(feasibleTpe)
                .as("feasible TPE %d vs random %d", feasibleTpe, feasibleRandom)
                .isGreaterThan(feasibleRandom + 20);
        double bestFeasible = tpe.trials().stream()
                .filter(FrozenTrial::isFeasible)
                .mapToDouble(FrozenTrial::value)
                .min()
                .orElseThrow();
        assertThat(bestFeasible).isLessThan(0.7);
    }

    @Test
    void failedAndPrunedTrialsDoNotDerailTheSearch() {
        Study s = study(TpeSampler.create(), 21);
        s.optimize(
                t -> {
                    double x = t.suggestFloat("x", -5, 5);
                    if (t.number() % 5 == 3) {
                        throw new IllegalStateException("diverged");
                    }
                    t.report(0, x * x + 10);
                    if (t.number() % 7 == 6) {
                        throw new TrialPrunedException();
                    }
                    return x * x;
                },
                OptimizeOptions.builder()
                        .budget(TrialBudget.total(80))
                        .catching(IllegalStateException.class)
                        .build());
        assertThat(s.trials(TrialState.FAIL)).hasSize(16);
        assertThat(s.trials(TrialState.PRUNED)).isNotEmpty();
        assertThat(s.bestValue()).isLessThan(0.05);
    }

    @Test
    void constantLiarRunsWithParallelWorkers() {
        Study s = Study.builder()
                .sampler(TpeSampler.builder().constantLiar(true).build())
                .seed(4)
                .create();
        s.optimize(TpeSamplerTest::mixed, TrialBudget.total(80), null, 2);
        assertThat(s.trials(TrialState.COMPLETE)).hasSize(80);
        // Two threads make the run timing-dependent; judge the bulk of the late trials, not one best value.
        Study random = study(RandomSampler.create(), 4);
        random.optimize(TpeSamplerTest::mixed, TrialBudget.total(80));
        double late = median(s.trials().subList(40, 80));
        double uniform = median(random.trials());
        assertThat(late)
                .as("median of late TPE trials %s vs random %s", late, uniform)
                .isLessThan(uniform / 2);
    }

    private static double median(List<FrozenTrial> trials) {
        double[] v = trials.stream().mapToDouble(FrozenTrial::value).sorted().toArray();
        return v[v.length / 2];
    }

    @Test
    void runningTrialsCountAsBadUnderTheConstantLiar() {
        // Ask without telling: the running trials' regions are avoided by the next ask.
        Study s = Study.builder()
                .sampler(TpeSampler.builder()
                        .constantLiar(true)
                        .nStartupTrials(5)
                        .build())
                .seed(6)
                .create();
        for (int i = 0; i < 30; i++) {
            Trial t = s.ask();
            double x = t.suggestFloat("x", -10, 10);
            s.tell(t, x * x);
        }
        Trial first = s.ask();
        double a = first.suggestFloat("x", -10, 10);
        Trial second = s.ask();
        double b = second.suggestFloat("x", -10, 10);
        assertThat(Math.abs(a - b)).as("two running trials: %s and %s", a, b).isGreaterThan(1e-3);
    }

    @Test
    void maximisationIsHandled() {
        Study s = Study.builder()
                .direction(StudyDirection.MAXIMIZE)
                .sampler(TpeSampler.create())
                .seed(2)
                .create();
        s.optimize(t -> -mixed(t), TrialBudget.total(100));
        assertThat(s.bestValue()).isGreaterThan(-best(RandomSampler.create(), 2, 100));
    }

    @Test
    void badSettingsAreRejectedWithTheirNames() {
        assertThatThrownBy(() -> TpeSampler.builder().nEiCandidates(0)).hasMessage("nEiCandidates (0) must be >= 1");
        assertThatThrownBy(() -> TpeSampler.builder().nStartupTrials(-1))
                .hasMessage("nStartupTrials (-1) must be >= 0");
        assertThatThrownBy(() -> TpeSampler.builder().priorWeight(Double.NaN))
                .hasMessage("priorWeight (NaN) must be > 0 and finite");
        assertThatThrownBy(() -> TpeSampler.builder().batchSize(0)).hasMessage("batchSize (0) must be >= 1");
        Study s = study(
                TpeSampler.builder()
                        .weights(n -> new double[n])
                        .nStartupTrials(2)
                        .build(),
                1);
        for (int i = 0; i < 2; i++) {
            Trial t = s.ask();
            s.tell(t, t.suggestFloat("x", 0, 1));
        }
        Trial third = s.ask();
        assertThatThrownBy(() -> third.suggestFloat("x", 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("weights(1) must not be all zero");
    }
}
