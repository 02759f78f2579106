package dev.schedtune.dsl.template;

import static dev.schedtune.dsl.Schedules.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schedtune.dsl.Schedule;
import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.dsl.spec.Kind;
import dev.schedtune.dsl.spec.KindRegistry;
import dev.schedtune.dsl.spec.ScheduleSpec;
import dev.schedtune.dsl.spec.SpecException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {
    /** warmup(choice of cosine(from=peak_lr) or linear, steps=warmup_steps). */
    static Template family() {
        ScheduleSpec cosine = ScheduleSpec.builder("cosine")
                .put("from", Tune.logUniform("peak_lr", 1e-4, 1e-1))
                .put("to", Tune.uniform("floor", 0.0, 1e-4))
                .put("steps", 900)
                .build();
        ScheduleSpec linear = ScheduleSpec.builder("linear")
                .put("from", Tune.logUniform("peak_lr", 1e-4, 1e-1))
                .put("to", 0.0)
                .put("steps", Tune.integer("decay_steps", 100, 900, 100))
                .build();
        return Template.of(ScheduleSpec.builder("warmup")
                .put("schedule", Tune.choice("decay", cosine, linear))
                .put("steps", Tune.integer("warmup_steps", 0, 100, 10))
                .put("shape", Tune.choice("warmup_shape", "linear", "cosine"))
                .build());
    }

    @Test
    void listsItsSearchSpaceWithConditions() {
        Template t = family();
        assertThat(t.space())
                .extracting(Tunable::name)
                .containsExactly("decay", "peak_lr", "floor", "decay_steps", "warmup_steps", "warmup_shape");
        Tunable floor = t.parameter("floor").orElseThrow();
        assertThat(floor.conditions()).containsExactly(new Tunable.Condition("decay", "cosine"));
        assertThat(floor.path()).isEqualTo("$.schedule.options[0].to");
        assertThat(t.parameter("decay_steps").orElseThrow().conditions())
                .containsExactly(new Tunable.Condition("decay", "linear"));
        Tunable peak = t.parameter("peak_lr").orElseThrow();
        assertThat(peak.log()).isTrue();
        assertThat(peak.toString())
                .isEqualTo("peak_lr: float in [1.0E-4, 0.1], log (when [decay == cosine] or [decay == linear])");
        assertThat(peak.conditions()).isEmpty();
        assertThat(peak.isActive(Map.of("decay", "linear"))).isTrue();
        assertThat(floor.isActive(Map.of("decay", "linear"))).isFalse();
        assertThat(t.parameter("warmup_steps").orElseThrow().step()).isEqualTo(10);
        assertThat(t.parameter("decay").orElseThrow().labels()).containsExactly("cosine", "linear");
        assertThat(t.produces()).isEqualTo(Kind.Produces.SCHEDULE);
    }

    @Test
    void bindsValuesToAConcreteSchedule() {
        Template t = family();
        Schedule s = t.bindSchedule(Map.of(
                "decay", "cosine", "peak_lr", 0.01, "floor", 1e-5, "warmup_steps", 20, "warmup_shape", "linear"));
        assertThat(s).isEqualTo(warmup(cosine(0.01, 1e-5, 900), 20));
        // values of inactive parameters are ignored
        Schedule l = t.bindSchedule(Map.of(
                "decay",
                "linear",
                "peak_lr",
                0.01,
                "floor",
                1e-5,
                "decay_steps",
                300,
                "warmup_steps",
                0,
                "warmup_shape",
                "cosine"));
        assertThat(l.valueAt(0)).isEqualTo(0.01);
        assertThat(l.valueAt(300)).isEqualTo(0.0);
    }

    @Test
    void rejectsMissingUnknownAndOutOfRangeValues() {
        Template t = family();
        Map<String, Object> ok =
                Map.of("decay", "cosine", "peak_lr", 0.01, "floor", 0.0, "warmup_steps", 20, "warmup_shape", "linear");
        assertThatThrownBy(() -> t.bind(Map.of("decay", "cosine")))
                .hasMessageStartingWith("missing value for tunable parameter peak_lr: float in [1.0E-4, 0.1], log");
        assertThatThrownBy(() -> t.bind(with(ok, "peak_lr", 0.5))).hasMessage("peak_lr (0.5) must be in [1.0E-4, 0.1]");
        assertThatThrownBy(() -> t.bind(with(ok, "warmup_steps", 25)))
                .hasMessage("warmup_steps (25) must be in [0, 100] with step 10");
        assertThatThrownBy(() -> t.bind(with(ok, "decay", "cosin")))
                .hasMessage("decay (cosin) must be one of cosine, linear (did you mean 'cosine'?)");
        assertThatThrownBy(() -> t.bind(with(ok, "peak_llr", 0.01)))
                .hasMessageStartingWith("unknown tunable parameter 'peak_llr' (did you mean 'peak_lr'?)");
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> copy = new java.util.HashMap<>(base);
        copy.put(key, value);
        return copy;
    }

    @Test
    void isDataThatRebuildsAnEqualTemplate() {
        Template t = family();
        Object rebuilt = KindRegistry.builtIn().build(t.spec());
        assertThat(rebuilt).isEqualTo(t);
        assertThat(((Template) rebuilt).space()).isEqualTo(t.space());
        assertThat(t.spec().kind()).isEqualTo("template");
    }

    @Test
    void marksValuesOfAConcreteScheduleTunableByPath() {
        Template t = Template.from(linear(0, 1e-3, 100).then(cosine(1e-3, 0, 900)))
                .with("$.schedules[1].from", Tune.logUniform("peak", 1e-4, 1e-2))
                .with("$.schedules[0].to", Tune.logUniform("peak", 1e-4, 1e-2))
                .with("$.schedules[1].exponent", Tune.uniform("exponent", 0.5, 2));
        assertThat(t.space()).extracting(Tunable::name).containsExactly("peak", "exponent");
        Schedule s = t.bindSchedule(Map.of("peak", 3e-3, "exponent", 1.0));
        assertThat(s).isEqualTo(linear(0, 3e-3, 100).then(cosine(3e-3, 0, 900)));
        assertThatThrownBy(() -> t.with("$.schedules[7].from", 1.0)).hasMessageContaining("does not exist");
    }

    @Test
    void unnamedRangesAreNamedAfterTheirPath() {
        Template t = Template.from(cosine(1e-3, 0, 900)).with("$.from", Tune.logUniform(1e-4, 1e-2));
        assertThat(t.space()).extracting(Tunable::name).containsExactly("from");
    }

    @Test
    void aChoiceOfWholeSchedulesAtTheRootAndSets() {
        Template t = Template.of(Tune.choice(
                "family",
                Map.of(
                        "1cycle",
                        oneCycle(0.1, 100).asSet().spec(),
                        "flat",
                        constant(0.01).spec())));
        assertThat(t.space()).hasSize(1);
        assertThat(t.bind(Map.of("family", "flat"))).isEqualTo(constant(0.01));
        ScheduleSet set = t.bindSet(Map.of("family", "1cycle"));
        assertThat(set.names()).containsExactly("lr", "momentum");
    }

    @Test
    void skeletonErrorsNameThePath() {
        assertThatThrownBy(() -> Template.of(ScheduleSpec.builder("repeat")
                        .put("schedule", constant(1).spec())
                        .put("period", 10)
                        .put("cycle_limit", Tune.uniform("limit", 1, 3))
                        .build()))
                .isInstanceOf(SpecException.class)
                .hasMessage("$.cycle_limit: a float range cannot fill a integer field");
        assertThatThrownBy(() -> Template.of(ScheduleSpec.builder("warmup")
                        .put("schedule", Tune.choice("s", ScheduleSpec.of("cosin", Map.of())))
                        .put("steps", 3)
                        .build()))
                .hasMessageStartingWith("$.schedule.options[0]: unknown type 'cosin' (did you mean 'cosine'?)");
        assertThatThrownBy(() -> Tune.logUniform("x", 0, 1))
                .hasMessage("$.low: low (0.0) must be > 0 for a log-scaled range");
    }

    @Test
    void suggestsOnlyActiveParametersInDocumentOrder() {
        List<String> asked = new java.util.ArrayList<>();
        Suggester lowest = new Suggester() {
            @Override
            public double suggestFloat(String name, double low, double high, double step, boolean log) {
                asked.add(name);
                return low;
            }

            @Override
            public long suggestInt(String name, long low, long high, long step, boolean log) {
                asked.add(name);
                return high;
            }

            @Override
            public String suggestCategorical(String name, List<String> labels) {
                asked.add(name);
                return labels.get(labels.size() - 1);
            }
        };
        Template t = family();
        Map<String, Object> values = t.suggest(lowest);
        assertThat(asked).containsExactly("decay", "peak_lr", "decay_steps", "warmup_steps", "warmup_shape");
        assertThat(values).containsEntry("decay", "linear").containsEntry("decay_steps", 900L);
        Schedule s = (Schedule) t.sample(lowest);
        assertThat(s)
                .isEqualTo(warmup(linear(1e-4, 0, 900), 100, 0, dev.schedtune.dsl.combinators.Warmup.Shape.COSINE));
    }

    @Test
    void placeholderErrorsNameTheField() {
        assertThatThrownBy(() -> Template.of(ScheduleSpec.builder("constant")
                        .put("value", ScheduleSpec.of("tune_float", Map.of("low", 0, "hi", 1)))
                        .build()))
                .hasMessageStartingWith("$.value.hi: unknown field 'hi' for type 'tune_float'");
        assertThatThrownBy(() -> Template.of(ScheduleSpec.builder("constant")
                        .put("value", ScheduleSpec.of("tune_float", Map.of("low", 1, "high", 0)))
                        .build()))
                .hasMessage("$.value.high: high (0.0) must be >= low (1.0)");
        assertThatThrownBy(() -> Template.of(ScheduleSpec.builder("constant")
                        .put("value", ScheduleSpec.of("tune_choice", Map.of("name", "v", "options", List.of())))
                        .build()))
                .hasMessage("$.value.options: expected a non-empty list of options");
        assertThatThrownBy(() -> Template.of(ScheduleSpec.builder("constant")
                        .put("value", Tune.choice("v", 1.0, "high"))
                        .build()))
                .hasMessage("$.value.options[1]: option high cannot fill a number field");
        assertThatThrownBy(() -> Tune.integer("n", 1, 10, 0)).hasMessage("$.step: step (0) must be >= 1");
        assertThatThrownBy(() -> Template.of(ScheduleSpec.builder("constant")
                        .put("value", Tune.uniform("v", 0, 1))
                        .put("value2", 1)
                        .build()))
                .hasMessageStartingWith("$.value2: unknown field 'value2' for type 'constant'");
    }

    @Test
    void rangesInListsAndLabelledChoices() {
        Template t = Template.of(ScheduleSpec.builder("join")
                .put("schedules", List.of(constant(1).spec(), constant(2).spec()))
                .put("boundaries", List.of(Tune.integer("switch_at", 10, 100, 10)))
                .build());
        assertThat(t.bindSchedule(Map.of("switch_at", 30)).valueAt(30)).isEqualTo(2.0);
        Template labelled = Template.of(Tune.choice(
                "shape",
                Map.of(
                        "fast",
                        cosine(1, 0, 10).spec(),
                        "slow",
                        cosine(1, 0, 100).spec())));
        assertThat(labelled.parameter("shape").orElseThrow().labels()).containsExactlyInAnyOrder("fast", "slow");
        assertThat(labelled.bind(Map.of("shape", "slow"))).isEqualTo(cosine(1, 0, 100));
        Template duplicates = Template.of(
                Tune.choice("s", cosine(1, 0, 10).spec(), cosine(1, 0, 100).spec()));
        assertThat(duplicates.parameter("s").orElseThrow().labels()).containsExactly("cosine_1", "cosine_2");
        Template scalars = Template.from(cosine(1, 0, 10)).with("$.exponent", Tune.choice("e", 1.0, 2.0));
        assertThat(scalars.bind(Map.of("e", 2.0))).isEqualTo(cosine(1, 0, 10, 2));
        assertThat(scalars.bind(Map.of("e", "1.0"))).isEqualTo(cosine(1, 0, 10));
        assertThatThrownBy(() -> scalars.bind(Map.of("e", 3.0))).hasMessage("e (3.0) must be one of 1.0, 2.0");
    }

    @Test
    void setTemplatesWithMapPaths() {
        Template t = Template.from(ScheduleSet.builder()
                        .put("lr", cosine(1e-3, 0, 100))
                        .put("weight_decay", constant(0.01))
                        .build())
                .with("$.schedules.weight_decay.value", Tune.logUniform("wd", 1e-4, 1e-1));
        assertThat(t.produces()).isEqualTo(Kind.Produces.SCHEDULE_SET);
        ScheduleSet set = t.bindSet(Map.of("wd", 0.05));
        assertThat(set.valueAt("weight_decay", 3)).isEqualTo(0.05);
        assertThatThrownBy(() -> t.with("$.schedules.nope.value", 1.0)).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> t.with("schedules..x", 1.0)).hasMessageContaining("must look like");
        assertThat(Template.from(cosine(1, 0, 10)).with("from", 2.0).bind(Map.of()))
                .isEqualTo(cosine(2, 0, 10));
        assertThat(Template.from(cosine(1, 0, 10)).bindSet(Map.of()).names()).containsExactly("lr");
    }
}
