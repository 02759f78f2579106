package dev.schedtune.dsl.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schedtune.dsl.Schedule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KindRegistryTest {
    private static final Kind CONSTANT = Kind.schedule(
            "constant",
            "a constant value",
            List.of(
                    Param.required("value", ParamType.NUMBER, ">= 0", "the value"),
                    Param.optional("scale", ParamType.NUMBER, 1.0, "> 0", "a factor")),
            args -> {
                double value = (Double) args.get("value");
                double scale = (Double) args.get("scale");
                if (value < 0) {
                    throw new IllegalArgumentException("value (" + value + ") must be >= 0");
                }
                return (Schedule) step -> value * scale;
            });
    private static final Kind SUM = Kind.schedule(
            "sum",
            "sum of schedules",
            List.of(Param.required("pieces", ParamType.SCHEDULE_LIST, "non-empty", "the parts")),
            args -> {
                @SuppressWarnings("unchecked")
                List<Schedule> pieces = (List<Schedule>) args.get("pieces");
                return (Schedule) step ->
                        pieces.stream().mapToDouble(p -> p.valueAt(step)).sum();
            });
    private final KindRegistry registry = KindRegistry.of(List.of(CONSTANT, SUM));

    @Test
    void buildsNestedSpecsAndFillsDefaults() {
        ScheduleSpec spec = ScheduleSpec.of(
                "sum",
                Map.of(
                        "pieces",
                        List.of(
                                ScheduleSpec.of("constant", Map.of("value", 2)),
                                ScheduleSpec.of("constant", Map.of("value", 0.5, "scale", 2)))));
        Schedule s = registry.buildSchedule(spec, "$");
        assertThat(s.valueAt(7)).isEqualTo(3.0);
    }

    @Test
    void unknownTypeSuggestsTheClosest() {
        assertThatThrownBy(() -> registry.build(ScheduleSpec.of("constnt", Map.of("value", 1))))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("$: unknown type 'constnt'")
                .hasMessageContaining("did you mean 'constant'");
    }

    @Test
    void unknownFieldIsNamedWithItsPath() {
        ScheduleSpec spec =
                ScheduleSpec.of("sum", Map.of("pieces", List.of(ScheduleSpec.of("constant", Map.of("valu", 1)))));
        assertThatThrownBy(() -> registry.build(spec))
                .isInstanceOf(SpecException.class)
                .hasMessageStartingWith("$.pieces[0].valu: unknown field 'valu'")
                .hasMessageContaining("did you mean 'value'");
    }

    @Test
    void missingWrongTypeAndOutOfRangeValuesAreNamed() {
        assertThatThrownBy(() -> registry.build(ScheduleSpec.of("constant")))
                .hasMessageStartingWith("$.value: missing required field 'value'");
        assertThatThrownBy(() -> registry.build(ScheduleSpec.of("constant", Map.of("value", "high"))))
                .hasMessage("$.value: got 'high' (a string); expected a number, >= 0");
        assertThatThrownBy(() -> registry.build(ScheduleSpec.of("constant", Map.of("value", -1.0))))
                .isInstanceOf(SpecException.class)
                .hasMessage("$.value: value (-1.0) must be >= 0");
        assertThatThrownBy(() -> registry.build(ScheduleSpec.of("constant", Map.of("value", Double.NaN))))
                .hasMessageStartingWith("$.value: got NaN; must be a finite number");
    }

    @Test
    void specsNormaliseNumbersSoEqualValuesAreEqual() {
        assertThat(ScheduleSpec.of("constant", Map.of("value", 1)))
                .isEqualTo(ScheduleSpec.of("constant", Map.of("value", 1L)));
        assertThat(ScheduleSpec.of("constant", Map.of("value", 1.0f)).toString())
                .isEqualTo("constant(value=1.0)");
    }
}
