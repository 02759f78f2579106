package dev.schedtune.search.sampler.jmetal;

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
import dev.schedtune.search.storage.InMemoryStorage;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.trial.TrialState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.uma.jmetal.util.pseudorandom.JMetalRandom;

class Nsga2SamplerTest {

    private static int generation(FrozenTrial t) {
        return ((Number) t.systemAttrs().get(Nsga2Sampler.GENERATION_KEY)).intValue();
    }

    @Test
    void generationsAreStoredWithTrialsAndParentsWithTheStudy() {
        Study s = SamplerTesting.run(Nsga2Sampler.builder().populationSize(20).build(), BenchmarkProblem.ZDT1, 130, 1);
        List<FrozenTrial> trials = s.trials();
        for (int i = 0; i < 20; i++) {
            assertThat(generation(trials.get(i))).isZero();
        }
        // Sequential and all complete: generation g is exactly trials [20g, 20g + 20).
        for (FrozenTrial t : trials) {
            assertThat(generation(t)).as("trial %d", t.number()).isEqualTo(t.number() / 20);
        }
        for (int g = 1; g <= 6; g++) {
            Object parents = s.systemAttrs().get(Nsga2Sampler.PARENTS_KEY_PREFIX + g);
            assertThat(parents).as("parents of generation %d", g).isInstanceOf(List.class);
            assertThat((List<?>) parents).hasSize(20);
        }
    }

    @Test
    void sameSeedGivesTheSameTrials() {
        Study a = SamplerTesting.run(Nsga2Sampler.create(), BenchmarkProblem.ZDT2, 150, 8);
        Study b = SamplerTesting.run(Nsga2Sampler.create(), BenchmarkProblem.ZDT2, 150, 8);
        assertThat(SamplerTesting.history(b)).isEqualTo(SamplerTesting.history(a));
        Study c = SamplerTesting.run(Nsga2Sampler.create(), BenchmarkProblem.ZDT2, 150, 9);
        assertThat(SamplerTesting.history(c)).isNotEqualTo(SamplerTesting.history(a));
    }

    @Test
    void reproducibleModeGivesTheSameTrialsOnOneOrTwoThreads() {
        Nsga2Sampler.Builder b = Nsga2Sampler.builder().populationSize(10);
        Study one = SamplerTesting.run(b.build(), BenchmarkProblem.ZDT1, 70, 4, true, 1);
        Study two = SamplerTesting.run(b.build(), BenchmarkProblem.ZDT1, 70, 4, true, 2);
        assertThat(SamplerTesting.history(two)).isEqualTo(SamplerTesting.history(one));
        assertThat(generation(two.trials().get(69))).isEqualTo(6);
    }

    @Test
    void beatsRandomSearchOnZdt1() {
        double nsga = SamplerTesting.hypervolume(
                SamplerTesting.run(Nsga2Sampler.create(), BenchmarkProblem.ZDT1, 400, 2), 1.1);
        double random = SamplerTesting.hypervolume(
                SamplerTesting.run(RandomSampler.create(), BenchmarkProblem.ZDT1, 400, 2), 1.1);
        assertThat(nsga).as("NSGA-II %s vs random %s", nsga, random).isGreaterThan(random + 0.1);
    }

    @Test
    void neverDrawsFromJmetalsGlobalRandom() {
        JMetalRandom.getInstance().setSeed(123);
        double expected = JMetalRandom.getInstance().nextDouble();
        JMetalRandom.getInstance().setSeed(123);
        SamplerTesting.run(Nsga2Sampler.builder().populationSize(10).build(), BenchmarkProblem.ZDT1, 60, 3);
        SamplerTesting.run(SmsEmoaSampler.builder().populationSize(10).build(), BenchmarkProblem.ZDT1, 60, 3);
        assertThat(JMetalRandom.getInstance().nextDouble()).isEqualTo(expected);
    }

    /** ZDT1 restricted to f1 >= 0.4 by the constraint 0.4 - x0 <= 0. */
    private static Study constrained(Sampler sampler) {
        Study s = Study.builder()
                .directions(StudyDirection.MINIMIZE, StudyDirection.MINIMIZE)
                .sampler(sampler)
                .seed(6)
                .create();
        s.optimizeMulti(
                t -> {
                    double[] x = new double[6];
                    for (int i = 0; i < x.length; i++) {
                        x[i] = t.suggestFloat("x" + i, 0, 1);
                    }
                    t.setConstraint("f1", 0.4 - x[0]);
                    return BenchmarkProblem.ZDT1.evaluate(x);
                },
                TrialBudget.total(300));
        return s;
    }

    @Test
    void constraintsKeepTheSearchFeasible() {
        Study nsga = constrained(Nsga2Sampler.create());
        Study random = constrained(RandomSampler.create());
        long feasibleNsga =
                nsga.trials().stream().skip(200).filter(FrozenTrial::isFeasible).count();
        long feasibleRandom = random.trials().stream()
                .skip(200)
                .filter(FrozenTrial::isFeasible)
                .count();
        assertThat(feasibleNsga)
                .as("NSGA-II %d vs random %d", feasibleNsga, feasibleRandom)
                .isGreaterThan(90);
        assertThat(feasibleRandom).isLessThan(75);
        // The last parents are all feasible.
        Object parents = nsga.systemAttrs().get(Nsga2Sampler.PARENTS_KEY_PREFIX + 5);
        for (Object n : (List<?>) parents) {
            assertThat(nsga.trial(((Number) n).intValue()).isFeasible()).isTrue();
        }
        assertThat(nsga.bestTrials()).allMatch(FrozenTrial::isFeasible);
    }

    /** Mixed parameters; the best configuration is "relu", 32 units, lr 1e-3, dropout 0.25. */
    static double[] mixed(Trial t) {
        String act = t.suggestCategorical("act", "tanh", "relu", "gelu", "sigmoid");
        int units = t.suggestIntLog("units", 1, 1024);
        double lr = t.suggestFloatLog("lr", 1e-6, 1);
        double dropout = t.suggestFloatStep("dropout", 0, 0.5, 0.05);
        int layers = t.suggestInt("layers", 1, 8);
        double loss = (act.equals("relu") ? 0 : 1)
                + Math.pow(Math.log(units / 32.0), 2) / 10
                + Math.pow(Math.log10(lr) + 3, 2) / 4
                + Math.abs(dropout - 0.25);
        return new double[] {loss, layers + loss / 10};
    }

    @Test
    void categoricalIntegerAndLogParametersEvolve() {
        Study s = Study.builder()
                .directions(StudyDirection.MINIMIZE, StudyDirection.MINIMIZE)
                .sampler(Nsga2Sampler.builder().populationSize(20).build())
                .seed(10)
                .create();
        s.optimizeMulti(Nsga2SamplerTest::mixed, TrialBudget.total(300));
        for (FrozenTrial t : s.trials()) {
            for (Map.Entry<String, Distribution> e : t.distributions().entrySet()) {
                assertThat(e.getValue().contains(t.internalParams().get(e.getKey())))
                        .as(
                                "trial %d %s = %s",
                                t.number(), e.getKey(), t.params().get(e.getKey()))
                        .isTrue();
            }
        }
        long relu = s.trials().stream()
                .skip(240)
                .filter(t -> "relu".equals(t.params().get("act")))
                .count();
        assertThat(relu).as("relu among the last 60 trials").isGreaterThan(40);
        double meanLogLr = s.trials().stream()
                .skip(240)
                .mapToDouble(t -> Math.log10((Double) t.params().get("lr")))
                .average()
                .orElseThrow();
        assertThat(meanLogLr).isBetween(-4.0, -2.0);
    }

    @Test
    void aNewStudyObjectOnTheSameStorageContinuesTheGenerations() {
        InMemoryStorage storage = new InMemoryStorage();
        Study first = Study.builder("resume")
                .directions(StudyDirection.MINIMIZE, StudyDirection.MINIMIZE)
                .sampler(Nsga2Sampler.builder().populationSize(20).build())
                .storage(storage)
                .seed(3)
                .create();
        first.optimizeMulti(Nsga2SamplerTest::zdt1, TrialBudget.total(110));
        Object parentsOfFive = first.systemAttrs().get(Nsga2Sampler.PARENTS_KEY_PREFIX + 5);

        Study resumed = Study.builder("resume")
                .sampler(Nsga2Sampler.builder().populationSize(20).build())
                .storage(storage)
                .load();
        resumed.optimizeMulti(Nsga2SamplerTest::zdt1, TrialBudget.more(90));
        List<FrozenTrial> trials = resumed.trials();
        assertThat(trials).hasSize(200);
        // Trials 100..109 were generation 5; the resumed study goes on from there instead of restarting at 0.
        assertThat(generation(trials.get(110))).isEqualTo(5);
        assertThat(generation(trials.get(120))).isEqualTo(6);
        assertThat(generation(trials.get(199))).isEqualTo(9);
        assertThat(resumed.systemAttrs().get(Nsga2Sampler.PARENTS_KEY_PREFIX + 5))
                .isEqualTo(parentsOfFive);
    }

    @Test
    void aStudyCreatedAgainUnderTheSameNameStartsFromScratch() {
        InMemoryStorage storage = new InMemoryStorage();
        Nsga2Sampler sampler = Nsga2Sampler.builder().populationSize(10).build();
        for (int round = 0; round < 2; round++) {
            Study s = Study.builder("again")
                    .directions(StudyDirection.MINIMIZE, StudyDirection.MINIMIZE)
                    .sampler(sampler)
                    .storage(storage)
                    .seed(1)
                    .create();
            s.optimizeMulti(Nsga2SamplerTest::zdt1, TrialBudget.total(round == 0 ? 60 : 25));
            assertThat(generation(s.trials().get(0))).isZero();
            assertThat(generation(s.trials().get(24))).isEqualTo(2);
            storage.deleteStudy("again");
        }
    }

    static double[] zdt1(Trial t) {
        double[] x = new double[6];
        for (int i = 0; i < x.length; i++) {
            x[i] = t.suggestFloat("x" + i, 0, 1);
        }
        return BenchmarkProblem.ZDT1.evaluate(x);
    }

    @Test
    void failedAndPrunedTrialsDoNotBlockAGeneration() {
        Study s = Study.builder()
                .directions(StudyDirection.MINIMIZE, StudyDirection.MINIMIZE)
                .sampler(Nsga2Sampler.builder().populationSize(20).build())
                .seed(2)
                .create();
        s.optimizeMulti(
                t -> {
                    double[] v = zdt1(t);
                    if (t.number() % 4 == 1) {
                        throw new IllegalStateException("diverged");
                    }
                    if (t.number() % 9 == 2) {
                        throw new TrialPrunedException();
                    }
                    return v;
                },
                OptimizeOptions.builder()
                        .budget(TrialBudget.total(200))
                        .catching(IllegalStateException.class)
                        .build());
        assertThat(s.trials(TrialState.FAIL)).hasSize(50);
        int last = generation(s.trials().get(199));
        // About 31 of every 45 trials complete, so 200 trials make at least 6 full generations of 20.
        assertThat(last).isGreaterThanOrEqualTo(6);
        for (int g = 1; g <= last; g++) {
            for (Object n : (List<?>) s.systemAttrs().get(Nsga2Sampler.PARENTS_KEY_PREFIX + g)) {
                assertThat(s.trial(((Number) n).intValue()).state()).isEqualTo(TrialState.COMPLETE);
            }
        }
    }

    @Test
    void runningTrialsDoNotBlockAGeneration() {
        Study s = Study.builder()
                .directions(StudyDirection.MINIMIZE, StudyDirection.MINIMIZE)
                .sampler(Nsga2Sampler.builder().populationSize(10).build())
                .seed(5)
                .create();
        List<Trial> abandoned = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Trial t = s.ask();
            zdt1(t);
            abandoned.add(t); // never told: a worker that died
        }
        for (int i = 0; i < 100; i++) {
            Trial t = s.ask();
            s.tell(t, zdt1(t));
        }
        assertThat(abandoned).allMatch(t -> !t.isFinished());
        assertThat(generation(s.trials().get(104))).isGreaterThanOrEqualTo(8);
        // A straggler finishing after its generation closed still competes in the next selection.
        Trial straggler = s.ask();
        zdt1(straggler);
        int g = generation(s.trial(straggler.number()));
        Trial t;
        do {
            t = s.ask();
            s.tell(t, zdt1(t));
        } while (generation(s.trial(t.number())) == g);
        s.tell(straggler, 0.0, 0.0); // dominates everything
        do {
            t = s.ask();
            s.tell(t, zdt1(t));
        } while (generation(s.trial(t.number())) == g + 1);
        assertThat(parents(s, g + 2)).contains(straggler.number());
        assertThat(parents(s, g + 1)).doesNotContain(straggler.number());
    }

    private static List<Integer> parents(Study s, int generation) {
        List<Integer> out = new ArrayList<>();
        for (Object n : (List<?>) s.systemAttrs().get(Nsga2Sampler.PARENTS_KEY_PREFIX + generation)) {
            out.add(((Number) n).intValue());
        }
        return out;
    }

    @Test
    void badSettingsAreRejectedWithTheirNames() {
        assertThatThrownBy(() -> Nsga2Sampler.builder().populationSize(1))
                .hasMessage("populationSize (1) must be >= 2");
        assertThatThrownBy(() -> Nsga2Sampler.builder().crossoverProbability(1.5))
                .hasMessage("crossoverProbability (1.5) must be in [0, 1]");
        assertThatThrownBy(() -> Nsga2Sampler.builder().mutationDistributionIndex(-1))
                .hasMessage("mutationDistributionIndex (-1.0) must be >= 0 and finite");
    }
}
