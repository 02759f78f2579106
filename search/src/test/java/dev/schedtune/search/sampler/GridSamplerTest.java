package dev.schedtune.search.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schedtune.search.Study;
import dev.schedtune.search.Trial;
import dev.schedtune.search.TrialBudget;
import dev.schedtune.search.trial.FrozenTrial;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GridSamplerTest {
    private static final Map<String, List<?>> SPACE =
            Map.of("lr", List.of(0.1, 0.01, 0.001), "opt", List.of("sgd", "adam"), "layers", List.of(1, 2));

    private static double objective(Trial t) {
        double lr = t.suggestFloatLog("lr", 1e-3, 1);
        String opt = t.suggestCategorical("opt", "sgd", "adam");
        int layers = t.suggestInt("layers", 1, 4);
        return lr * layers + (opt.equals("adam") ? 0 : 1);
    }

    @Test
    void visitsEveryPointOnceThenStopsTheStudy() {
        Study s = Study.builder("grid").seed(1).sampler(GridSampler.of(SPACE)).create();
        s.optimize(GridSamplerTest::objective, TrialBudget.more(100));
        assertThat(s.trials()).hasSize(12);
        Set<Object> points = new HashSet<>();
        for (FrozenTrial t : s.trials()) {
            points.add(t.params());
        }
        assertThat(points).hasSize(12);
        assertThat(s.bestValue()).isCloseTo(0.001, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void theOrderIsShuffledBySeedAndIndependentOfThreads() {
        List<Object> one = order(5, 1);
        assertThat(order(5, 3)).isEqualTo(one);
        assertThat(order(6, 1)).isNotEqualTo(one);
    }

    private static List<Object> order(long seed, int nJobs) {
        Study s = Study.builder("g").seed(seed).sampler(GridSampler.of(SPACE)).create();
        s.optimize(GridSamplerTest::objective, TrialBudget.total(12), null, nJobs);
        List<Object> out = new ArrayList<>();
        s.trials().forEach(t -> out.add(t.params()));
        return out;
    }

    @Test
    void badGridsAndParametersAreNamed() {
        assertThatThrownBy(() -> GridSampler.of(Map.of("x", List.of())))
                .hasMessage("grid values of 'x' must not be empty");
        Study s = Study.builder("bad")
                .sampler(GridSampler.of(Map.of("x", List.of(0.5, 2.0))))
                .create();
        Trial t = s.ask();
        assertThatThrownBy(() -> t.suggestFloat("y", 0, 1)).hasMessage("parameter 'y' is not in the grid [x]");
        Study s2 = Study.builder("bad2")
                .seed(1)
                .sampler(GridSampler.of(Map.of("x", List.of(2.0))))
                .create();
        Trial t2 = s2.ask();
        assertThatThrownBy(() -> t2.suggestFloat("x", 0, 1))
                .hasMessage("grid value 2.0 of parameter 'x' is outside float in [0.0, 1.0]");
    }
}
