package dev.schedtune.dsl.presets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.schedtune.dsl.spec.KindRegistry;
import dev.schedtune.dsl.spec.ScheduleSpec;
import dev.schedtune.dsl.spec.SpecException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Bad arguments fail when the preset is built, with a message naming the anchor's parameter, the bad
 * value and what is allowed; from a config the message also carries the path of the value.
 */
class PresetErrorsTest {
    private static final KindRegistry REGISTRY = KindRegistry.builtIn();

    /** kind, arguments (key, value, ...), expected path, expected start of the problem. */
    private static Object[] bad(String kind, String path, String problem, Object... kv) {
        Map<String, Object> args = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            args.put((String) kv[i], kv[i + 1]);
        }
        return new Object[] {kind, args, path, problem};
    }

    private static final List<Object[]> CASES = List.of(
            bad(
                    "torch.OneCycleLR",
                    "$.pct_start",
                    "pct_start (1.5) must be in [0, 1]",
                    "max_lr",
                    0.1,
                    "total_steps",
                    100,
                    "pct_start",
                    1.5),
            bad("torch.OneCycleLR", "$.total_steps", "total_steps (0) must be > 0", "max_lr", 0.1, "total_steps", 0),
            bad(
                    "torch.OneCycleLR",
                    "$.total_steps",
                    "total_steps is required unless both epochs and steps_per_epoch are given",
                    "max_lr",
                    0.1,
                    "epochs",
                    3),
            bad(
                    "torch.OneCycleLR",
                    "$.epochs",
                    "epochs (-2) must be > 0",
                    "max_lr",
                    0.1,
                    "epochs",
                    -2,
                    "steps_per_epoch",
                    10),
            bad("torch.OneCycleLR", "$.max_lr", "max_lr (-1.0) must be > 0", "max_lr", -1.0, "total_steps", 10),
            bad(
                    "torch.OneCycleLR",
                    "$.pct_start",
                    "pct_start (0.1) must not make pct_start * total_steps (10) equal 1",
                    "max_lr",
                    1.0,
                    "total_steps",
                    10,
                    "pct_start",
                    0.1),
            bad(
                    "torch.OneCycleLR",
                    "$.pct_start",
                    "pct_start (0.6) is too large for three_phase",
                    "max_lr",
                    1.0,
                    "total_steps",
                    10,
                    "pct_start",
                    0.6,
                    "three_phase",
                    true),
            bad(
                    "torch.OneCycleLR",
                    "$.div_factor",
                    "div_factor (0.0) must be > 0",
                    "max_lr",
                    1.0,
                    "total_steps",
                    10,
                    "div_factor",
                    0),
            bad(
                    "torch.OneCycleLR",
                    "$.anneal_strategy",
                    "got 'cosine' (a string); allowed: one of cos, linear",
                    "max_lr",
                    1.0,
                    "total_steps",
                    10,
                    "anneal_strategy",
                    "cosine"),
            bad(
                    "torch.CyclicLR",
                    "$.step_size_up",
                    "step_size_up (0.0) must be > 0",
                    "base_lr",
                    0.1,
                    "max_lr",
                    1.0,
                    "step_size_up",
                    0),
            bad(
                    "torch.CyclicLR",
                    "$.gamma",
                    "gamma (0.0) must be > 0",
                    "base_lr",
                    0.1,
                    "max_lr",
                    1.0,
                    "mode",
                    "exp_range",
                    "gamma",
                    0.0),
            bad("torch.CosineAnnealingLR", "$.T_max", "T_max (0) must be > 0", "base_lr", 0.1, "T_max", 0),
            bad(
                    "torch.CosineAnnealingWarmRestarts",
                    "$.T_mult",
                    "T_mult (0) must be >= 1",
                    "base_lr",
                    0.1,
                    "T_0",
                    5,
                    "T_mult",
                    0),
            bad(
                    "torch.CosineAnnealingWarmRestarts",
                    "$.T_0",
                    "got 2.5; must be a whole number",
                    "base_lr",
                    0.1,
                    "T_0",
                    2.5),
            bad("torch.StepLR", "$.step_size", "step_size (0) must be > 0", "base_lr", 0.1, "step_size", 0),
            bad(
                    "torch.MultiStepLR",
                    "$.milestones",
                    "milestones ([3, -1]): milestones[1] (-1) must be >= 0",
                    "base_lr",
                    0.1,
                    "milestones",
                    List.of(3, -1)),
            bad(
                    "torch.LinearLR",
                    "$.start_factor",
                    "start_factor (0.0) must be in (0, 1]",
                    "base_lr",
                    0.1,
                    "start_factor",
                    0.0),
            bad("torch.ConstantLR", "$.factor", "factor (1.5) must be in [0, 1]", "base_lr", 0.1, "factor", 1.5),
            bad(
                    "torch.PolynomialLR",
                    "$.total_iters",
                    "total_iters (-1) must be >= 0",
                    "base_lr",
                    0.1,
                    "total_iters",
                    -1),
            bad("torch.ExponentialLR", "$.gamma", "gamma (-0.5) must be > 0", "base_lr", 0.1, "gamma", -0.5),
            bad("torch.CosineAnnealingLR", "$.base_lr", "missing required field 'base_lr'", "T_max", 10),
            bad("torch.CosineAnnealingLR", "$.base_lr", "base_lr (-0.1) must be >= 0", "base_lr", -0.1, "T_max", 10),
            bad(
                    "transformers.get_cosine_with_min_lr_schedule_with_warmup",
                    "$.min_lr",
                    "min_lr (0.01) needs base_lr > 0",
                    "base_lr",
                    0.0,
                    "num_warmup_steps",
                    2,
                    "num_training_steps",
                    10,
                    "min_lr",
                    0.01),
            bad(
                    "torch.SequentialLR",
                    "$.milestones",
                    "milestones ([0]): milestones[0] (0) must be >= 1: with a milestone at step 0 PyTorch never"
                            + " restarts the next scheduler",
                    "schedulers",
                    List.of(
                            spec("torch.ConstantLR", "base_lr", 1.0),
                            spec("torch.ExponentialLR", "base_lr", 1.0, "gamma", 0.5)),
                    "milestones",
                    List.of(0)),
            bad(
                    "torch.SequentialLR",
                    "$.milestones",
                    "milestones ([3, 5]) must have one element fewer than schedulers",
                    "schedulers",
                    List.of(spec("torch.ConstantLR", "base_lr", 1.0)),
                    "milestones",
                    List.of(3, 5)),
            bad(
                    "torch.SequentialLR",
                    "$.schedulers[1].gamma",
                    "missing required field 'gamma'",
                    "schedulers",
                    List.of(spec("torch.ConstantLR", "base_lr", 1.0), spec("torch.ExponentialLR", "base_lr", 1.0)),
                    "milestones",
                    List.of(3)),
            bad(
                    "optax.cosine_decay_schedule",
                    "$.decay_steps",
                    "decay_steps (0) must be > 0",
                    "init_value",
                    1.0,
                    "decay_steps",
                    0),
            bad(
                    "optax.warmup_cosine_decay_schedule",
                    "$.decay_steps",
                    "decay_steps (5) must be > warmup_steps (5)",
                    "init_value",
                    0.0,
                    "peak_value",
                    1.0,
                    "warmup_steps",
                    5,
                    "decay_steps",
                    5),
            bad(
                    "optax.exponential_decay",
                    "$.decay_rate",
                    "decay_rate (-0.5) must be >= 0",
                    "init_value",
                    1.0,
                    "transition_steps",
                    3,
                    "decay_rate",
                    -0.5),
            bad(
                    "optax.piecewise_constant_schedule",
                    "$.boundaries_and_scales",
                    "boundaries_and_scales: the scale at step 4 (-0.1) must be >= 0",
                    "init_value",
                    1.0,
                    "boundaries_and_scales",
                    Map.of("4", -0.1)),
            bad(
                    "optax.piecewise_constant_schedule",
                    "$.boundaries_and_scales",
                    "boundaries_and_scales key 'four' must be a whole number",
                    "init_value",
                    1.0,
                    "boundaries_and_scales",
                    Map.of("four", 0.1)),
            bad(
                    "optax.linear_onecycle_schedule",
                    "$.transition_steps",
                    "transition_steps (0) must be > 0",
                    "transition_steps",
                    0,
                    "peak_value",
                    1.0),
            bad(
                    "optax.join_schedules",
                    "$.boundaries",
                    "boundaries ([5, 3]): boundaries[1] (3) must be >= boundaries[0]",
                    "schedules",
                    List.of(
                            spec("optax.constant_schedule", "value", 1.0),
                            spec("optax.constant_schedule", "value", 0.5),
                            spec("optax.constant_schedule", "value", 0.1)),
                    "boundaries",
                    List.of(5, 3)),
            bad(
                    "optax.sgdr_schedule",
                    "$.cosine_kwargs",
                    "cosine_kwargs: element 1 (optax.warmup_cosine_decay_schedule): decay_steps (2) must be >"
                            + " warmup_steps (3)",
                    "cosine_kwargs",
                    List.of(
                            Map.of("init_value", 0.0, "peak_value", 1.0, "warmup_steps", 1, "decay_steps", 4),
                            Map.of("init_value", 0.0, "peak_value", 1.0, "warmup_steps", 3, "decay_steps", 2))),
            bad(
                    "optax.sgdr_schedule",
                    "$.cosine_kwargs",
                    "cosine_kwargs: element 0 (optax.warmup_cosine_decay_schedule): peak_valu is not a parameter",
                    "cosine_kwargs",
                    List.of(Map.of("init_value", 0.0, "peak_valu", 1.0, "warmup_steps", 1, "decay_steps", 4))),
            bad(
                    "transformers.get_polynomial_decay_schedule_with_warmup",
                    "$.lr_end",
                    "lr_end (0.5) must be < base_lr (0.1)",
                    "base_lr",
                    0.1,
                    "num_warmup_steps",
                    2,
                    "num_training_steps",
                    10,
                    "lr_end",
                    0.5),
            bad(
                    "transformers.get_polynomial_decay_schedule_with_warmup",
                    "$.num_training_steps",
                    "num_training_steps (5) must differ from num_warmup_steps",
                    "base_lr",
                    0.1,
                    "num_warmup_steps",
                    5,
                    "num_training_steps",
                    5),
            bad(
                    "transformers.get_cosine_with_min_lr_schedule_with_warmup",
                    "$.min_lr",
                    "min_lr (0.01) and min_lr_rate (0.1): give only one",
                    "base_lr",
                    0.1,
                    "num_warmup_steps",
                    2,
                    "num_training_steps",
                    10,
                    "min_lr",
                    0.01,
                    "min_lr_rate",
                    0.1),
            bad(
                    "transformers.get_cosine_with_min_lr_schedule_with_warmup",
                    "$.min_lr_rate",
                    "min_lr_rate is required, or min_lr",
                    "base_lr",
                    0.1,
                    "num_warmup_steps",
                    2,
                    "num_training_steps",
                    10),
            bad(
                    "transformers.get_wsd_schedule",
                    "$.num_stable_steps",
                    "num_stable_steps is required, or" + " num_training_steps",
                    "base_lr",
                    0.1,
                    "num_warmup_steps",
                    2,
                    "num_decay_steps",
                    3),
            bad(
                    "transformers.get_wsd_schedule",
                    "$.warmup_type",
                    "got 'sqrt' (a string); allowed: one of linear," + " cosine, 1-sqrt",
                    "base_lr",
                    0.1,
                    "num_warmup_steps",
                    2,
                    "num_decay_steps",
                    3,
                    "num_stable_steps",
                    2,
                    "warmup_type",
                    "sqrt"),
            bad(
                    "transformers.get_scheduler",
                    "$.num_warmup_steps",
                    "num_warmup_steps is required by get_scheduler('linear')",
                    "name",
                    "linear",
                    "base_lr",
                    0.1,
                    "num_training_steps",
                    10),
            bad(
                    "transformers.get_scheduler",
                    "$.scheduler_specific_kwargs",
                    "scheduler_specific_kwargs: for get_scheduler('cosine'): num_cycle is not a parameter",
                    "name",
                    "cosine",
                    "base_lr",
                    0.1,
                    "num_warmup_steps",
                    1,
                    "num_training_steps",
                    10,
                    "scheduler_specific_kwargs",
                    Map.of("num_cycle", 2)),
            bad("timm.CosineLRScheduler", "$.t_initial", "t_initial (0) must be > 0", "base_lr", 0.1, "t_initial", 0),
            bad(
                    "timm.CosineLRScheduler",
                    "$.cycle_mul",
                    "cycle_mul (0.5) must be >= 1",
                    "base_lr",
                    0.1,
                    "t_initial",
                    10,
                    "cycle_mul",
                    0.5),
            bad(
                    "timm.CosineLRScheduler",
                    "$.lr_min",
                    "lr_min (-0.1) must be >= 0",
                    "base_lr",
                    0.1,
                    "t_initial",
                    10,
                    "lr_min",
                    -0.1),
            bad(
                    "timm.TanhLRScheduler",
                    "$.lb",
                    "lb (3.0) must be < ub (-7.0)",
                    "base_lr",
                    0.1,
                    "t_initial",
                    10,
                    "lb",
                    3.0,
                    "ub",
                    -7.0),
            bad(
                    "timm.MultiStepLRScheduler",
                    "$.decay_t",
                    "decay_t ([30, 10]): decay_t[1] (10) must be >= decay_t[0] (30)",
                    "base_lr",
                    0.1,
                    "decay_t",
                    List.of(30, 10)),
            bad(
                    "keras.PiecewiseConstantDecay",
                    "$.values",
                    "values ([1.0, 0.5]) must have one element more than" + " boundaries (2 of them)",
                    "boundaries",
                    List.of(2, 4),
                    "values",
                    List.of(1.0, 0.5)),
            bad(
                    "keras.CosineDecayRestarts",
                    "$.t_mul",
                    "t_mul (0.5) must be >= 1",
                    "initial_learning_rate",
                    0.1,
                    "first_decay_steps",
                    10,
                    "t_mul",
                    0.5),
            bad(
                    "keras.ExponentialDecay",
                    "$.decay_steps",
                    "decay_steps (0.0) must be > 0",
                    "initial_learning_rate",
                    0.1,
                    "decay_steps",
                    0,
                    "decay_rate",
                    0.9),
            bad(
                    "djl.CosineTracker",
                    "$.final_value",
                    "final_value (2.0) must be < base_value (1.0)",
                    "base_value",
                    1.0,
                    "final_value",
                    2.0,
                    "max_updates",
                    10),
            bad("djl.FactorTracker", "$.factor", "factor (1.5) must be in (0, 1]", "base_value", 1.0, "factor", 1.5),
            bad(
                    "djl.FactorTracker",
                    "$.max_updates",
                    "max_updates and min_value: give only one",
                    "base_value",
                    1.0,
                    "factor",
                    0.5,
                    "min_value",
                    0.1,
                    "max_updates",
                    3),
            bad(
                    "djl.MultiFactorTracker",
                    "$.steps",
                    "steps ([5, 5]): steps[1] (5) must be > steps[0] (5)",
                    "base_value",
                    1.0,
                    "steps",
                    List.of(5, 5)),
            bad(
                    "djl.MultiFactorTracker",
                    "$.steps",
                    "steps ([5]) must have at least two elements",
                    "base_value",
                    1.0,
                    "steps",
                    List.of(5)),
            bad("djl.LinearTracker", "$.slope", "slope (0.0) must not be 0", "base_value", 1.0, "slope", 0.0),
            bad(
                    "djl.CyclicalTracker",
                    "$.max_value",
                    "max_value (0.5) must be >= base_value (1.0)",
                    "base_value",
                    1.0,
                    "max_value",
                    0.5),
            bad(
                    "djl.WarmUpTracker",
                    "$.main_tracker",
                    "main_tracker (torch.ExponentialLR(base_lr=1.0, gamma=0.5))"
                            + " must be a DJL tracker preset (djl.*)",
                    "main_tracker",
                    spec("torch.ExponentialLR", "base_lr", 1.0, "gamma", 0.5),
                    "warm_up_steps",
                    3));

    private static ScheduleSpec spec(String kind, Object... kv) {
        Map<String, Object> args = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            args.put((String) kv[i], kv[i + 1]);
        }
        return ScheduleSpec.of(kind, args);
    }

    @TestFactory
    Stream<DynamicTest> configsWithBadArgumentsNameThePathValueAndRange() {
        return CASES.stream()
                .map(c -> dynamicTest(c[0] + " " + c[3], () -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> args = (Map<String, Object>) c[1];
                    assertThatThrownBy(() -> REGISTRY.build(ScheduleSpec.of((String) c[0], args)))
                            .isInstanceOf(SpecException.class)
                            .satisfies(e -> {
                                SpecException s = (SpecException) e;
                                assertThat(s.path()).isEqualTo(c[2]);
                                assertThat(s.problem()).startsWith((String) c[3]);
                            });
                }));
    }

    @Test
    void javaFactoriesRejectBadArgumentsWithTheAnchorsParameterNames() {
        assertThatThrownBy(() -> Torch.oneCycleLRBuilder(0.1)
                        .totalSteps(100)
                        .pctStart(1.5)
                        .build())
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("pct_start (1.5) must be in [0, 1]");
        assertThatThrownBy(() -> Torch.oneCycleLRBuilder(0.1).build())
                .hasMessageStartingWith("total_steps is required unless both epochs and steps_per_epoch are given");
        assertThatThrownBy(() -> Torch.cosineAnnealingWarmRestarts(0.1, 0)).hasMessage("T_0 (0) must be > 0");
        assertThatThrownBy(() -> Optax.cosineDecaySchedule(1, -3)).hasMessage("decay_steps (-3) must be > 0");
        assertThatThrownBy(() -> Transformers.getWsdScheduleBuilder(0.1, 2, 3)
                        .numTrainingSteps(4)
                        .build())
                .hasMessageStartingWith("num_training_steps (4) must be >= num_warmup_steps + num_decay_steps (5)");
        assertThatThrownBy(
                        () -> Timm.cosineLRSchedulerBuilder(0.1, 10).kDecay(0).build())
                .hasMessage("k_decay (0.0) must be > 0");
        assertThatThrownBy(() -> Keras.cosineDecayRestarts(0.1, 10, 2, -1, 0)).hasMessage("m_mul (-1.0) must be >= 0");
        assertThatThrownBy(() -> Djl.warmUpTracker(Torch.exponentialLR(1, 0.5), 3))
                .hasMessageContaining("must be a DJL tracker preset");
        assertThatThrownBy(() ->
                        Optax.cosineOnecycleScheduleBuilder(10, 1).pctFinal(0.9).build())
                .hasMessageStartingWith("pct_final is not a parameter of optax.cosine_onecycle_schedule");
        assertThatThrownBy(() -> Torch.multiStepLR(0.1, 3, -2))
                .hasMessage("milestones ([3, -2]): milestones[1] (-2) must be >= 0");
    }

    @Test
    void nonFiniteArgumentsAreRejected() {
        assertThatThrownBy(() -> Torch.exponentialLR(Double.NaN, 0.9))
                .hasMessage("base_lr (NaN) must be a finite number");
        assertThatThrownBy(() -> Optax.constantSchedule(Double.POSITIVE_INFINITY))
                .hasMessage("value (Infinity) must be a finite number");
        assertThatThrownBy(() ->
                        REGISTRY.build(ScheduleSpec.of("torch.StepLR", Map.of("base_lr", Double.NaN, "step_size", 3))))
                .hasMessageStartingWith("$.base_lr: got NaN; must be a finite number");
    }
}
