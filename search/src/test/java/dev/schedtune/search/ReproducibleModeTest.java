package dev.schedtune.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schedtune.search.distribution.Distribution;
import dev.schedtune.search.sampler.Sampler;
import dev.schedtune.search.trial.ConditioningSet;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyView;
import dev.schedtune.search.trial.TrialState;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

public class ReproducibleModeTest {

    /**
     * A sampler that conditions on finished trials the way TPE or NSGA-II do: it moves towards the best
     * trial of its conditioning set, with noise from the trial's own stream.
     */
    public static final class FollowTheBest implements Sampler {
        @Override
        public double sampleIndependent(StudyView study, FrozenTrial trial, String name, Distribution d) {
            ConditioningSet set = study.conditioningSet(trial, 4);
            double best = Double.NaN;
            double bestValue = Double.POSITIVE_INFINITY;
            for (FrozenTrial t : set.trials(TrialState.COMPLETE)) {
                if (t.value() < bestValue && t.internalParams().containsKey(name)) {
                    bestValue = t.value();
                    best = t.internalParams().get(name);
                }
            }
            SplittableRandom r = study.random(trial.number(), "follow/" + name);
            double u = r.nextDouble();
            if (Double.isNaN(best)) {
                return d.fromUnit(u);
            }
            return d.fromUnit(Math.min(1, Math.max(0, d.toUnit(best) + (u - 0.5) * 0.2)));
        }
    }

    private static double objective(Trial t) throws InterruptedException {
        double x = t.suggestFloat("x", -5, 5);
        double y = t.suggestFloat("y", -5, 5);
        // timing noise so that workers finish out of order
        Thread.sleep((long) (Math.abs(x * 7 + y * 3) % 5));
        return x * x + (y - 1) * (y - 1);
    }

    private static List<Object> run(int nJobs) {
        Study s = Study.builder("rep")
                .seed(99)
                .reproducible(true)
                .sampler(new FollowTheBest())
                .create();
        s.optimize(ReproducibleModeTest::objective, TrialBudget.total(40), null, nJobs);
        List<Object> out = new ArrayList<>();
        for (FrozenTrial t : s.trials()) {
            out.add(t.params());
            out.add(t.state());
        }
        return out;
    }

    @Test
    void conditioningSetsMakeTrialsIndependentOfTheNumberOfWorkers() {
        List<Object> one = run(1);
        assertThat(run(3)).isEqualTo(one);
        assertThat(run(4)).isEqualTo(one);
    }

    @Test
    void aConditioningSetHoldsExactlyTheEarlierBatches() {
        Study s = Study.builder("sets").seed(1).reproducible(true).create();
        for (int i = 0; i < 5; i++) {
            Trial t = s.ask();
            s.tell(t, i);
        }
        Trial sixth = s.ask();
        ConditioningSet set = s.view().conditioningSet(sixth.snapshot(), 4);
        assertThat(set.isReproducible()).isTrue();
        assertThat(set.batchIndex()).isEqualTo(1);
        assertThat(set.trials()).extracting(FrozenTrial::number).containsExactly(0, 1, 2, 3);
        ConditioningSet latest = Study.builder("latest").create().view().conditioningSet(sixth.snapshot(), 4);
        assertThat(latest.isReproducible()).isFalse();
    }

    @Test
    void anAskTellClientThatWouldWaitForItsOwnTrialGetsAClearError() {
        Study s = Study.builder("own")
                .seed(1)
                .reproducible(true)
                .sampler(new FollowTheBest())
                .create();
        List<Trial> batch = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Trial t = s.ask();
            t.suggestFloat("x", 0, 1);
            batch.add(t);
        }
        Trial fifth = s.ask();
        assertThatThrownBy(() -> fifth.suggestFloat("x", 0, 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must wait (reproducible mode, batches of 4) for trial 0, which this thread asked"
                        + " and has not told; tell trials [0, 1, 2, 3]");
        batch.forEach(t -> s.tell(t, 1.0));
        assertThat(fifth.suggestFloat("x", 0, 1)).isBetween(0.0, 1.0);
    }

    @Test
    void defaultModeNeverWaitsAndSeesRunningTrials() {
        Study s = Study.builder("nowait").create();
        Trial a = s.ask();
        Trial b = s.ask();
        ConditioningSet set = s.view().conditioningSet(b.snapshot(), 4);
        assertThat(set.trials()).extracting(FrozenTrial::number).containsExactly(a.number());
        assertThat(set.trials().get(0).state()).isEqualTo(TrialState.RUNNING);
    }
}
