package dev.schedtune.search.trial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class StudyTrialsTest {

    @Property(tries = 200)
    void behavesLikeAListAndOldSnapshotsNeverChange(
            @ForAll @Size(max = 700) List<@IntRange(min = 0, max = 4) Integer> ops) {
        StudyTrials current = StudyTrials.empty();
        List<FrozenTrial> model = new ArrayList<>();
        List<StudyTrials> snapshots = new ArrayList<>();
        List<List<FrozenTrial>> models = new ArrayList<>();
        int step = 0;
        for (int op : ops) {
            TrialState state = TrialState.values()[op];
            if (model.isEmpty() || op % 2 == 0) {
                FrozenTrial t = FrozenTrial.builder(model.size(), state).build();
                model.add(t);
                current = current.with(t);
            } else {
                int n = (step * 31) % model.size();
                FrozenTrial t = FrozenTrial.builder(n, state).trialId(step).build();
                model.set(n, t);
                current = current.with(t);
            }
            step++;
            snapshots.add(current);
            models.add(new ArrayList<>(model));
        }
        for (int i = 0; i < snapshots.size(); i++) {
            assertThat(snapshots.get(i)).isEqualTo(models.get(i));
            for (TrialState s : TrialState.values()) {
                assertThat(snapshots.get(i).count(s)).isEqualTo((int)
                        models.get(i).stream().filter(t -> t.state() == s).count());
            }
        }
    }

    @Test
    void growsPastSeveralLevelsAndKeepsOldSnapshots() {
        // 40,000 trials need three levels of 32-wide nodes; the property above stays within two.
        StudyTrials current = StudyTrials.empty();
        StudyTrials at1024 = null;
        for (int n = 0; n < 40_000; n++) {
            current = current.with(FrozenTrial.builder(n, TrialState.RUNNING).build());
            if (n == 1023) {
                at1024 = current;
            }
        }
        StudyTrials replaced = current.with(
                FrozenTrial.builder(1000, TrialState.COMPLETE).trialId(7).build());
        for (int n = 0; n < 40_000; n++) {
            assertThat(current.get(n).number()).isEqualTo(n);
            assertThat(replaced.get(n).number()).isEqualTo(n);
        }
        assertThat(replaced.get(1000).trialId()).isEqualTo(7);
        assertThat(current.get(1000).trialId()).isEqualTo(-1);
        assertThat(at1024).hasSize(1024);
        assertThat(at1024.get(1023).number()).isEqualTo(1023);
        assertThat(replaced.count(TrialState.COMPLETE)).isEqualTo(1);
        assertThat(replaced.count(TrialState.RUNNING)).isEqualTo(39_999);
        StudyTrials first1024 = at1024;
        assertThatThrownBy(() -> first1024.get(1024)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void refusesGaps() {
        assertThatThrownBy(() -> StudyTrials.empty()
                        .with(FrozenTrial.builder(1, TrialState.RUNNING).build()))
                .hasMessage("trial number 1 would leave a gap after 0 trials");
    }
}
