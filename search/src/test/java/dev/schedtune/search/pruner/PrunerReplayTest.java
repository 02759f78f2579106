package dev.schedtune.search.pruner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.common.primitives.ImmutableDoubleArray;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.trial.TrialState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The short-horizon bias on a study that ran without pruning: schedules that decay early look best at
 * 25 % of their run, one-cycle schedules (high lr halfway) finish best. Replaying the plain Pareto pruner
 * stops the eventual winners; judging by outcomes keeps a trial that looks as an earlier winner did.
 */
class PrunerReplayTest {
    private static final List<StudyDirection> MIN_MIN = List.of(StudyDirection.MINIMIZE, StudyDirection.MINIMIZE);

    /** A complete trial running from {@code start} to {@code start + 4} s with losses at 25/50/75/100 %. */
    private static FrozenTrial trial(int number, int start, double... losses) {
        FrozenTrial.Builder b = FrozenTrial.builder(number, TrialState.COMPLETE)
                .datetimeStart(Instant.ofEpochSecond(start))
                .datetimeComplete(Instant.ofEpochSecond(start + 4))
                .values(ImmutableDoubleArray.of(losses[3], 4));
        for (int k = 0; k < 4; k++) {
            b.intermediateValue(25L * (k + 1), ImmutableDoubleArray.of(losses[k], k + 1));
        }
        return b.build();
    }

    private static List<FrozenTrial> study() {
        List<FrozenTrial> t = new ArrayList<>();
        t.add(trial(0, 0, 1.0, 0.6, 0.5, 0.45)); // decays early
        t.add(trial(1, 4, 1.1, 0.65, 0.55, 0.5)); // decays early
        t.add(trial(2, 8, 1.6, 1.3, 0.6, 0.35)); // one-cycle: worst halfway, best at the end
        t.add(trial(3, 12, 1.5, 1.25, 0.6, 0.30)); // one-cycle again: the final winner
        t.add(trial(4, 16, 2.0, 1.9, 1.8, 1.7)); // bad all along
        return t;
    }

    @Test
    void thePlainParetoPrunerStopsTheEventualWinners() {
        PrunerReplay.Result r = PrunerReplay.replay(study(), MIN_MIN, ParetoPruner.create(0.5, 2, 0, 1, 1));
        assertThat(r.front()).isEqualTo(1); // trial 3 dominates all (0.30 at 4 s)
        assertThat(r.decisions()).extracting(PrunerReplay.Decision::trial).containsExactly(0, 1, 2, 3, 4);
        assertThat(r.decisions().get(0).pruned()).isFalse(); // startup: fewer than 2 finished
        assertThat(r.decisions().get(2).prunedAtStep()).hasValue(25);
        assertThat(r.decisions().get(3).prunedAtStep()).hasValue(25);
        assertThat(r.decisions().get(4).prunedAtStep()).hasValue(25);
        assertThat(r.prunedFromFront()).isEqualTo(1);
        // three trials stopped at 25 % of 4 s save 3 s each, of 20 s in all
        assertThat(r.savedFraction()).isCloseTo(9.0 / 20, within(1e-9));
    }

    @Test
    void judgingByOutcomesKeepsATrialThatLooksAsAnEarlierWinnerDid() {
        PrunerReplay.Result r = PrunerReplay.replay(
                study(), MIN_MIN, ParetoPruner.create(0.5, 2, 0, 1, 1).judgedByOutcomes());
        // trial 2 has no winner like it before it and is stopped; trial 3 looks as trial 2 did and runs on
        assertThat(r.decisions().get(2).prunedAtStep()).hasValue(25);
        assertThat(r.decisions().get(3).pruned()).isFalse();
        assertThat(r.decisions().get(4).prunedAtStep()).hasValue(25); // worse than every front trial was
        assertThat(r.prunedFromFront()).isZero();
        assertThat(r.savedFraction()).isCloseTo(6.0 / 20, within(1e-9));
    }
}
