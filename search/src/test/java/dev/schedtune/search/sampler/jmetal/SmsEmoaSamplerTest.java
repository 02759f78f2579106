package dev.schedtune.search.sampler.jmetal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schedtune.search.Study;
import dev.schedtune.search.problem.BenchmarkProblem;
import dev.schedtune.search.sampler.RandomSampler;
import dev.schedtune.search.sampler.SamplerTesting;
import org.junit.jupiter.api.Test;

class SmsEmoaSamplerTest {

    @Test
    void beatsRandomSearchOnZdt1AtASmallBudget() {
        double sms = 0;
        double random = 0;
        for (long seed = 1; seed <= 3; seed++) {
            sms += SamplerTesting.hypervolume(
                            SamplerTesting.run(SmsEmoaSampler.create(), BenchmarkProblem.ZDT1, 500, seed), 1.1)
                    / 3;
            random += SamplerTesting.hypervolume(
                            SamplerTesting.run(RandomSampler.create(), BenchmarkProblem.ZDT1, 500, seed), 1.1)
                    / 3;
        }
        assertThat(sms)
                .as("SMS-EMOA %s vs random %s (mean of 3 seeds)", sms, random)
                .isGreaterThan(random + 0.2);
    }

    @Test
    void sameSeedGivesTheSameTrials() {
        Study a = SamplerTesting.run(SmsEmoaSampler.create(), BenchmarkProblem.DTLZ2, 120, 5);
        Study b = SamplerTesting.run(SmsEmoaSampler.create(), BenchmarkProblem.DTLZ2, 120, 5);
        assertThat(SamplerTesting.history(b)).isEqualTo(SamplerTesting.history(a));
    }

    @Test
    void reproducibleModeGivesTheSameTrialsOnOneOrTwoThreads() {
        SmsEmoaSampler.Builder b = SmsEmoaSampler.builder().populationSize(10).batchSize(2);
        Study one = SamplerTesting.run(b.build(), BenchmarkProblem.ZDT2, 60, 4, true, 1);
        Study two = SamplerTesting.run(b.build(), BenchmarkProblem.ZDT2, 60, 4, true, 2);
        assertThat(SamplerTesting.history(two)).isEqualTo(SamplerTesting.history(one));
    }

    @Test
    void badSettingsAreRejectedWithTheirNames() {
        assertThatThrownBy(() -> SmsEmoaSampler.builder().referencePoint(1.0))
                .hasMessage("referencePoint (1.0) must be > 1 and finite");
        assertThatThrownBy(() -> SmsEmoaSampler.builder().populationSize(0))
                .hasMessage("populationSize (0) must be >= 2");
    }
}
