package dev.schedtune.trainers.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckpointsTest {
    private static List<Long> steps(Checkpoints c, int epochs) {
        List<Long> out = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) {
            out.add(c.stepAfter(e));
        }
        return out;
    }

    @Test
    void fixedEpochsReportEveryEpoch() {
        assertThat(steps(Checkpoints.perEpoch(4), 4)).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void tunedEpochsReportAtQuartersOfTheRunOnceEach() {
        assertThat(steps(Checkpoints.atProgress(8), 8)).containsExactly(-1L, 25L, -1L, 50L, -1L, 75L, -1L, 100L);
        assertThat(steps(Checkpoints.atProgress(10), 10))
                .containsExactly(-1L, -1L, 25L, -1L, 50L, -1L, -1L, 75L, -1L, 100L);
        // three epochs: 33 %, 67 %, 100 % -- 75 % and 100 % fall on the last epoch, reported once
        assertThat(steps(Checkpoints.atProgress(3), 3)).containsExactly(25L, 50L, 100L);
        assertThat(steps(Checkpoints.atProgress(1), 1)).containsExactly(100L);
    }
}
