package dev.schedtune.dsl;

import static dev.schedtune.dsl.Schedules.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schedtune.dsl.primitives.Interpolation;
import dev.schedtune.dsl.spec.KindRegistry;
import dev.schedtune.dsl.spec.ScheduleSpec;
import dev.schedtune.dsl.spec.SpecException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad arguments fail eagerly with messages naming the parameter, the value and the allowed range. */
class ValidationTest {
    @Test
    void factoriesNameTheParameterTheValueAndTheRange() {
        assertThatThrownBy(() -> cosine(1, 0, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("steps (-1.0) must be > 0");
        assertThatThrownBy(() -> linear(Double.NaN, 0, 10)).hasMessage("from (NaN) must be a finite number");
        assertThatThrownBy(() -> linear(0, Double.POSITIVE_INFINITY, 10))
                .hasMessage("to (Infinity) must be a finite number");
        assertThatThrownBy(() -> cosine(1, 0, Double.NaN)).hasMessage("steps (NaN) must be > 0");
        assertThatThrownBy(() -> oneCycle(1, 0)).hasMessage("totalSteps (0.0) must be > 0");
        assertThatThrownBy(() -> oneCycleBuilder(1, 10).pctStart(1.5).build())
                .hasMessage("pctStart (1.5) must be in [0.0, 1.0]");
        assertThatThrownBy(() -> exponentialDecay(1, 0)).hasMessage("decayRate (0.0) must be > 0");
        assertThatThrownBy(() -> piecewiseConstant(new double[] {3, 1}, new double[] {1, 2, 3}))
                .hasMessageContaining("boundaries[1] (1.0) must be >= boundaries[0] (3.0)");
        assertThatThrownBy(() -> piecewiseConstant(new double[] {1}, new double[] {1}))
                .hasMessageContaining("values (1 of them) must have one more element than boundaries (1)");
        assertThatThrownBy(
                        () -> piecewiseInterpolate(new double[] {0, 1}, new double[] {1, 0}, Interpolation.EXPONENTIAL))
                .hasMessage("values[1] (0.0) must be > 0");
        assertThatThrownBy(() -> repeat(constant(1), 5).withPeriodMultiplier(0.5))
                .hasMessage("periodMul (0.5) must be >= 1.0");
        assertThatThrownBy(() -> constant(1).clamp(2, 1)).hasMessage("min (2.0) must be <= max (1.0)");
        assertThatThrownBy(() -> join(List.of(constant(1), constant(2)), 1, 2))
                .hasMessageContaining("boundaries (2 of them) must number one less than schedules (2)");
        assertThatThrownBy(() -> cyclicExponentialDecayPerStep(0, 1, 10, 1.5))
                .hasMessage("stepDecay (1.5) must be in (0.0, 1.0]");
    }

    @Test
    void thenWithoutAFiniteHorizonAsksForABoundary() {
        assertThatThrownBy(() -> constant(1).then(constant(2)))
                .hasMessageContaining("then(next) needs a schedule with a finite horizon")
                .hasMessageContaining("constant(value=1.0)");
    }

    @Test
    void specErrorsPointAtTheSnakeCaseField() {
        KindRegistry r = KindRegistry.builtIn();
        ScheduleSpec bad = ScheduleSpec.of(
                "join",
                Map.of(
                        "schedules",
                        List.of(
                                ScheduleSpec.of("constant", Map.of("value", 1)),
                                ScheduleSpec.of("one_cycle", Map.of("max_lr", 1, "total_steps", 10, "div_factor", -2))),
                        "boundaries",
                        List.of(5)));
        assertThatThrownBy(() -> r.build(bad))
                .isInstanceOf(SpecException.class)
                .hasMessage("$.schedules[1].div_factor: div_factor (-2.0) must be > 0");
        assertThatThrownBy(() -> r.build(ScheduleSpec.of("cosine", Map.of("from", 1, "to", 0, "steps", 0))))
                .hasMessage("$.steps: steps (0.0) must be > 0");
        assertThatThrownBy(() -> r.build(ScheduleSpec.of("exponential_decay", Map.of("init", 1))))
                .hasMessage("$: give exactly one of decay_rate and decay_constant (neither is given)");
        assertThatThrownBy(() -> r.build(ScheduleSpec.of("cosine", Map.of("from", 1, "to", 0, "step", 10))))
                .hasMessageContaining("unknown field 'step'")
                .hasMessageContaining("did you mean 'steps'");
    }

    @Test
    void userFunctionsComposeButHaveNoSpec() {
        Schedule user = step -> 1.0 / (step + 1);
        Curve composite = Schedules.warmup(user, 10);
        assertThat(composite.valueAt(10)).isEqualTo(1.0);
        assertThat(composite.toString()).startsWith("warmup(schedule=function(of=");
        assertThatThrownBy(composite::spec)
                .isInstanceOf(NotSpecifiedException.class)
                .hasMessageContaining("is a user function");
        assertThat(Schedules.warmup(user, 10)).isEqualTo(composite);
    }
}
