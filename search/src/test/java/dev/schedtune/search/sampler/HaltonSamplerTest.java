package dev.schedtune.search.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schedtune.search.Study;
import dev.schedtune.search.TrialBudget;
import dev.schedtune.search.trial.FrozenTrial;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HaltonSamplerTest {

    @Test
    void eachDimensionStratifiesPerfectlyLikeTheUnscrambledSequence() {
        HaltonSampler h = HaltonSampler.builder().seed(1).build();
        // base 2: the first 64 points fall one into each interval of width 1/64; base 3: 81 points, 1/81
        int[][] cases = {{0, 64}, {1, 81}, {2, 125}};
        for (int[] c : cases) {
            boolean[] hit = new boolean[c[1]];
            for (int n = 0; n < c[1]; n++) {
                double u = h.point(1, n, c[0]);
                assertThat(u).isBetween(0.0, 1.0);
                int cell = (int) (u * c[1]);
                assertThat(hit[cell]).as("dimension %d, point %d", c[0], n).isFalse();
                hit[cell] = true;
            }
        }
    }

    @Test
    void twoDimensionsCoverTheSquareMoreEvenlyThanRandomPoints() {
        HaltonSampler h = HaltonSampler.builder().seed(7).build();
        int n = 400;
        int cells = 10;
        int[][] q = new int[cells][cells];
        int[][] r = new int[cells][cells];
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < n; i++) {
            q[(int) (h.point(7, i, 0) * cells)][(int) (h.point(7, i, 1) * cells)]++;
            r[random.nextInt(cells)][random.nextInt(cells)]++;
        }
        assertThat(sumSquaredDeviation(q, 4)).isLessThan(sumSquaredDeviation(r, 4) / 2);
    }

    private static double sumSquaredDeviation(int[][] counts, int expected) {
        double s = 0;
        for (int[] row : counts) {
            for (int c : row) {
                s += (c - expected) * (c - expected);
            }
        }
        return s;
    }

    @Test
    void scramblingDependsOnTheSeedAndPointZeroIsNotTheCorner() {
        HaltonSampler h = HaltonSampler.create();
        assertThat(h.point(1, 0, 0)).isNotEqualTo(0.0);
        assertThat(h.point(1, 5, 3)).isEqualTo(h.point(1, 5, 3));
        assertThat(h.point(1, 5, 3)).isNotEqualTo(h.point(2, 5, 3));
    }

    @Test
    void dimensionsFollowFirstSuggestionOrderAndAreStoredWithTheStudy() {
        Study s = Study.builder("h").seed(3).sampler(HaltonSampler.create()).create();
        s.optimize(
                t -> {
                    double x = t.suggestFloat("x", 0, 1);
                    double y = t.suggestFloat("y", 0, 1);
                    if (t.number() % 2 == 1) {
                        t.suggestFloat("z", 0, 1);
                    }
                    return x + y;
                },
                TrialBudget.more(20));
        assertThat(s.systemAttrs())
                .containsEntry(HaltonSampler.DIM_KEY + 0, "x")
                .containsEntry(HaltonSampler.DIM_KEY + 1, "y")
                .containsEntry(HaltonSampler.DIM_KEY + 2, "z");
        HaltonSampler reference = HaltonSampler.create();
        for (FrozenTrial t : s.trials()) {
            assertThat((Double) t.params().get("y")).isEqualTo(reference.point(3, t.number(), 1));
        }
        List<Object> again = new ArrayList<>();
        Study s2 = Study.builder("h").seed(3).sampler(HaltonSampler.create()).create();
        s2.optimize(t -> t.suggestFloat("x", 0, 1) + t.suggestFloat("y", 0, 1), TrialBudget.total(20), null, 3);
        s2.trials().forEach(t -> again.add(t.params().get("x")));
        List<Object> first = new ArrayList<>();
        s.trials().forEach(t -> first.add(t.params().get("x")));
        assertThat(again).isEqualTo(first);
    }
}
