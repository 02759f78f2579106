package dev.schedtune.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.dsl.config.ExportFixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PytorchExportTest {
    /** Python twins of the test kinds, written the way the built-in runtimes are. */
    static PytorchExport.Builder withTestRuntimes() {
        return PytorchExport.builder()
                .registry(ExportFixtures.registry())
                .runtime("linear", """
                        def _k_linear(init_value, end_value, transition_steps, staircase=False):
                            def f(step):
                                return init_value + (end_value - init_value) * min(step, transition_steps) / transition_steps
                            return f
                        """)
                .runtime("cosine", """
                        def _k_cosine(init_value, decay_steps, alpha, exponent):
                            def f(step):
                                t = min(step, decay_steps) / decay_steps
                                c = math.pow(0.5 * (1 + math.cos(math.pi * t)), exponent)
                                return init_value * ((1 - alpha) * c + alpha)
                            return f
                        """)
                .runtime("join", """
                        def _k_join(schedules, boundaries):
                            def f(step):
                                i = 0
                                while i < len(boundaries) and step >= boundaries[i]:
                                    i += 1
                                start = 0 if i == 0 else boundaries[i - 1]
                                return schedules[i](step - start)
                            return f
                        """)
                .runtime("test.OneCycle", """
                        def _k_test_OneCycle(max_lr, total_steps, base_momentum, max_momentum):
                            half = total_steps / 2.0
                            def tri(s):
                                return 1 - abs(min(s, total_steps) - half) / half
                            return {
                                "lr": lambda s: max_lr * tri(s),
                                "momentum": lambda s: max_momentum - (max_momentum - base_momentum) * tri(s),
                            }
                        """);
    }

    @Test
    void warmupCosineRunsInPythonAndMatchesToTheLastDigits(@TempDir Path dir) throws Exception {
        ScheduleSet set = ExportFixtures.warmupCosine();
        String py = withTestRuntimes().source("wc.yaml").build().python(set);
        assertThat(py)
                .contains("def lr_lambda(step):")
                .doesNotContain("set_momentum")
                .contains("from wc.yaml");
        PythonRunner.assertSameCurve(dir, py, set, 1200);
    }

    @Test
    void setsExportEveryHyperparameterAndAMomentumHelper(@TempDir Path dir) throws Exception {
        ScheduleSet set = ExportFixtures.oneCycle();
        String py = withTestRuntimes().build().python(set);
        assertThat(py).contains("def momentum_at(step):").contains("def set_momentum(optimizer, step):");
        PythonRunner.assertSameCurve(dir, py, set, 1100);
    }

    @Test
    void kindsWithoutARuntimeOrExpansionAreNamed() {
        ScheduleSet set = ExportFixtures.yaml("type: test.sgdr\ncosine_kwargs: [{a: 1}]");
        assertThatThrownBy(() -> withTestRuntimes().build().python(set))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("$.lr: type 'test.sgdr' cannot be exported to Python: it has no Python runtime and no"
                        + " expansion into primitives");
    }

    @Test
    void lambdasCannotBeExported() {
        assertThatThrownBy(() -> withTestRuntimes().build().python(ScheduleSet.of(step -> 1.0)))
                .hasMessageContaining("cannot be exported");
    }
}
