package dev.schedtune.dsl.presets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.schedtune.dsl.NotSpecifiedException;
import dev.schedtune.dsl.Schedule;
import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.dsl.Schedules;
import dev.schedtune.dsl.spec.KindRegistry;
import dev.schedtune.dsl.spec.ScheduleSpec;
import dev.schedtune.dsl.spec.Specified;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The typed Java factories: each one is the anchor call (its spec), builds the same value as the config
 * path, and reproduces the anchor's committed vector for the same arguments.
 */
class PresetApiTest {
    private static final KindRegistry REGISTRY = KindRegistry.builtIn();
    private static final Map<String, ReferenceCase> CASES = new LinkedHashMap<>();

    static {
        for (ReferenceCase c : ReferenceCase.all()) {
            CASES.put(c.file, c);
        }
    }

    @Test
    void aPresetsSpecIsTheAnchorCallItself() {
        ScheduleSet oneCycle = Torch.oneCycleLR(0.3, 97);
        assertThat(oneCycle.spec())
                .isEqualTo(ScheduleSpec.of("torch.OneCycleLR", Map.of("max_lr", 0.3, "total_steps", 97)));
        assertThat(oneCycle.spec().toString()).isEqualTo("torch.OneCycleLR(max_lr=0.3, total_steps=97)");
        assertThat(oneCycle.names()).containsExactly("lr", "momentum");
        assertThat(((Specified) oneCycle.get("momentum")).spec().kind()).isEqualTo("torch.OneCycleLR.momentum");

        Preset cosine = Optax.warmupCosineDecaySchedule(0, 0.2, 15, 100, 0.001);
        assertThat(cosine.spec().toString())
                .isEqualTo("optax.warmup_cosine_decay_schedule(init_value=0.0, peak_value=0.2, warmup_steps=15,"
                        + " decay_steps=100, end_value=0.001)");
        assertThat(cosine.kind()).isEqualTo("optax.warmup_cosine_decay_schedule");
        assertThat(cosine.toString()).isEqualTo(cosine.spec().toString());
    }

    @Test
    void javaFactoriesAndConfigsBuildEqualValues() {
        List<Specified> values = List.of(
                Torch.oneCycleLRBuilder(0.5)
                        .epochs(4)
                        .stepsPerEpoch(25)
                        .threePhase(true)
                        .build(),
                Torch.cyclicLRBuilder(0.1, 1.0)
                        .stepSizeUp(3)
                        .mode(Torch.CyclicMode.EXP_RANGE)
                        .gamma(0.9)
                        .build(),
                Torch.cosineAnnealingLR(0.1, 100, 1e-4),
                Torch.sequentialLR(List.of(Torch.linearLR(1, 0.1, 1, 3), Torch.exponentialLR(1, 0.5)), 3),
                Optax.sgdrSchedule(List.of(Optax.cosineKwargs(0, 1, 1, 4), Optax.cosineKwargs(0, 1, 1, 4, 0.1, 2))),
                Optax.piecewiseInterpolateSchedule(Optax.InterpolateType.COSINE, 1, Map.of(2L, 0.5, 4L, 0.1)),
                Transformers.getScheduler(Transformers.SchedulerType.COSINE_WITH_RESTARTS, 1)
                        .numWarmupSteps(3)
                        .numTrainingSteps(10)
                        .schedulerSpecificKwargs(Map.of("num_cycles", 2))
                        .build(),
                Transformers.getWsdScheduleBuilder(1, 4, 4)
                        .numStableSteps(3)
                        .decayType(Transformers.WsdShape.ONE_MINUS_SQRT)
                        .build(),
                Timm.cosineLRSchedulerBuilder(1, 2)
                        .cycleMul(2)
                        .cycleDecay(0.5)
                        .cycleLimit(3)
                        .build(),
                Keras.cosineDecay(0, 7, 0.1, 1, 3),
                Djl.warmUpTracker(Djl.cosineTracker(1, 0.1, 7), 3),
                Djl.cyclicalTracker().baseValue(0.1).maxValue(1).stepSizeUp(3).build());
        for (Specified value : values) {
            Object rebuilt = REGISTRY.build(value.spec());
            assertThat(rebuilt).as("%s", value.spec()).isEqualTo(value);
            assertThat(((Specified) rebuilt).spec()).isEqualTo(value.spec());
        }
    }

    @Test
    void javaFactoriesReproduceTheAnchorVectors() {
        expect("torch/OneCycleLR__default.json", () -> Torch.oneCycleLR(1.0, 10));
        expect(
                "torch/OneCycleLR__epochs_times_steps.json",
                () -> Torch.oneCycleLRBuilder(0.5)
                        .epochs(4)
                        .stepsPerEpoch(25)
                        .pctStart(0.25)
                        .divFactor(10)
                        .finalDivFactor(100)
                        .baseMomentum(0.8)
                        .maxMomentum(0.9)
                        .build());
        expect(
                "torch/OneCycleLR__three_phase_linear.json",
                () -> Torch.oneCycleLRBuilder(2.0)
                        .totalSteps(100)
                        .pctStart(0.4)
                        .annealStrategy(Torch.AnnealStrategy.LINEAR)
                        .threePhase(true)
                        .build());
        expect(
                "torch/OneCycleLR__no_momentum.json",
                () -> Torch.oneCycleLRBuilder(0.1)
                        .totalSteps(20)
                        .cycleMomentum(false)
                        .build());
        expect(
                "torch/CyclicLR__up2_down4.json",
                () -> Torch.cyclicLRBuilder(0.1, 1.0)
                        .stepSizeUp(2)
                        .stepSizeDown(4)
                        .build());
        expect(
                "torch/CyclicLR__scale_fn_cycle.json",
                () -> Torch.cyclicLRBuilder(0.1, 1.0)
                        .stepSizeUp(3)
                        .scaleFn(Optax.exponentialDecay(1.0, 1, 0.5), Torch.ScaleMode.CYCLE)
                        .build());
        expect(
                "torch/CosineAnnealingWarmRestarts__T_mult_2.json",
                () -> Torch.cosineAnnealingWarmRestarts(1, 2, 2, 0.1));
        expect("torch/StepLR__step_3_gamma_0_5.json", () -> Torch.stepLR(1, 3, 0.5));
        expect("torch/MultiStepLR__repeated_milestone.json", () -> Torch.multiStepLR(1, new long[] {3, 3, 6}, 0.5));
        expect("torch/PolynomialLR__power_2.json", () -> Torch.polynomialLR(1, 4, 2));
        expect("torch/LinearLR__defaults.json", () -> Torch.linearLR(1));
        expect("torch/ConstantLR__defaults.json", () -> Torch.constantLR(1));
        expect(
                "torch/SequentialLR__linear_then_exponential.json",
                () -> Torch.sequentialLR(List.of(Torch.linearLR(1, 0.1, 1, 3), Torch.exponentialLR(1, 0.5)), 3));

        expect(
                "optax/exponential_decay__staircase_begin_end.json",
                () -> Optax.exponentialDecayBuilder(1, 2, 0.5)
                        .transitionBegin(1)
                        .staircase(true)
                        .endValue(0.2)
                        .build());
        expect(
                "optax/warmup_exponential_decay_schedule__w3.json",
                () -> Optax.warmupExponentialDecayScheduleBuilder(0, 1, 3, 2, 0.5)
                        .transitionBegin(2)
                        .endValue(0.1)
                        .build());
        expect(
                "optax/linear_onecycle_schedule__custom.json",
                () -> Optax.linearOnecycleScheduleBuilder(100, 0.5)
                        .pctStart(0.25)
                        .pctFinal(0.8)
                        .divFactor(10)
                        .finalDivFactor(100)
                        .build());
        expect("optax/cosine_onecycle_schedule__T10.json", () -> Optax.cosineOnecycleSchedule(10, 1));
        expect(
                "optax/piecewise_constant_schedule__two_boundaries.json",
                () -> Optax.piecewiseConstantSchedule(1, Map.of(2L, 0.5, 4L, 0.1)));
        expect(
                "optax/join_schedules__constant_then_linear.json",
                () -> Optax.joinSchedules(List.of(Optax.constantSchedule(0.5), Optax.linearSchedule(1, 0, 4)), 3));
        expect(
                "optax/sgdr_schedule__two_equal.json",
                () -> Optax.sgdrSchedule(
                        List.of(Optax.cosineKwargs(0, 1, 1, 4, 0.1, 1), Optax.cosineKwargs(0, 1, 1, 4, 0.1, 1))));
        expect("optax/polynomial_schedule__power_2_begin_1.json", () -> Optax.polynomialSchedule(1, 0.1, 2, 4, 1));
        expect("optax/cosine_decay_schedule__alpha_exponent.json", () -> Optax.cosineDecaySchedule(1, 4, 0.1, 2));

        expect(
                "transformers/get_cosine_schedule_with_warmup__cycles_1_5.json",
                () -> Transformers.getCosineScheduleWithWarmup(1, 2, 20, 1.5));
        expect(
                "transformers/get_polynomial_decay_schedule_with_warmup__power_2.json",
                () -> Transformers.getPolynomialDecayScheduleWithWarmup(1, 3, 10, 0.1, 2));
        expect(
                "transformers/get_inverse_sqrt_schedule__timescale_5.json",
                () -> Transformers.getInverseSqrtSchedule(0.5, 3, 5));
        expect(
                "transformers/get_cosine_with_min_lr_schedule_with_warmup__min_lr.json",
                () -> Transformers.getCosineWithMinLrScheduleWithWarmupBuilder(0.1, 3, 10)
                        .minLr(0.01)
                        .build());
        expect(
                "transformers/get_cosine_with_min_lr_schedule_with_warmup_lr_rate__warmup_rate.json",
                () -> Transformers.getCosineWithMinLrScheduleWithWarmupLrRateBuilder(1, 4, 12)
                        .minLr(0.05)
                        .warmupLrRate(0.2)
                        .build());
        expect(
                "transformers/get_wsd_schedule__cosine_warmup_min.json",
                () -> Transformers.getWsdScheduleBuilder(0.5, 4, 5)
                        .numTrainingSteps(14)
                        .warmupType(Transformers.WsdShape.COSINE)
                        .decayType(Transformers.WsdShape.LINEAR)
                        .minLrRatio(0.1)
                        .build());
        expect(
                "transformers/get_cosine_with_hard_restarts_schedule_with_warmup__cycles_2.json",
                () -> Transformers.getCosineWithHardRestartsScheduleWithWarmup(1, 3, 10, 2));

        expect(
                "timm/CosineLRScheduler__everything.json",
                () -> Timm.cosineLRSchedulerBuilder(0.2, 6)
                        .lrMin(0.002)
                        .cycleMul(2)
                        .cycleDecay(0.6)
                        .cycleLimit(3)
                        .warmupT(5)
                        .warmupLrInit(0.0001)
                        .warmupPrefix(true)
                        .kDecay(0.5)
                        .build());
        expect(
                "timm/TanhLRScheduler__warmup_no_prefix.json",
                () -> Timm.tanhLRSchedulerBuilder(1, 8)
                        .lb(-5)
                        .ub(4)
                        .lrMin(0.05)
                        .warmupT(3)
                        .warmupLrInit(0.1)
                        .build());
        expect(
                "timm/PolyLRScheduler__power_2_cycles.json",
                () -> Timm.polyLRSchedulerBuilder(1, 4)
                        .power(2)
                        .lrMin(0.1)
                        .cycleLimit(2)
                        .build());
        expect(
                "timm/StepLRScheduler__warmup_no_prefix.json",
                () -> Timm.stepLRSchedulerBuilder(1, 3, 0.5)
                        .warmupT(2)
                        .warmupLrInit(0.01)
                        .warmupPrefix(false)
                        .build());
        expect("timm/MultiStepLRScheduler__milestones_2_4.json", () -> Timm.multiStepLRScheduler(1, 0.1, 2, 4));

        expect(
                "keras/PiecewiseConstantDecay__two_boundaries.json",
                () -> Keras.piecewiseConstantDecay(new long[] {2, 4}, new double[] {1, 0.5, 0.1}));
        expect("keras/PolynomialDecay__cycle.json", () -> Keras.polynomialDecay(1, 4, 0.1, 2, true));
        expect("keras/InverseTimeDecay__staircase.json", () -> Keras.inverseTimeDecay(0.1, 3, 1, true));
        expect("keras/CosineDecayRestarts__t_mul_1_5.json", () -> Keras.cosineDecayRestarts(0.1, 4, 1.5, 0.9, 0.05));
        expect("keras/ExponentialDecay__staircase.json", () -> Keras.exponentialDecay(0.1, 3, 0.96, true));

        expect("djl/FactorTracker__min_value.json", () -> Djl.factorTrackerWithMinValue(1, 0.5, 0.2));
        expect("djl/FactorTracker__max_updates.json", () -> Djl.factorTrackerWithMaxUpdates(0.1, 0.9, 3));
        expect("djl/MultiFactorTracker__steps_2_5.json", () -> Djl.multiFactorTracker(1, 0.1, 2, 5));
        expect(
                "djl/WarmUpTracker__constant_factor.json",
                () -> Djl.warmUpTracker(Djl.factorTracker(0.5, 0.8), 4, 0.01, Djl.WarmUpMode.CONSTANT));
        expect("djl/LinearTracker__min_value.json", () -> Djl.linearTrackerWithBound(1, -0.1, 0.25));
        expect("djl/LinearTracker__max_updates.json", () -> Djl.linearTrackerWithMaxUpdates(0, 0.2, 5));
        expect("djl/PolynomialDecayTracker__power_2.json", () -> Djl.polynomialDecayTracker(1, 0.1, 4, 2));
        expect(
                "djl/CyclicalTracker__exp_range.json",
                () -> Djl.cyclicalTracker()
                        .baseValue(0.1)
                        .maxValue(1)
                        .stepSizeUp(2)
                        .mode(Djl.CyclicalMode.EXP_RANGE)
                        .gamma(0.9)
                        .build());
        expect("djl/FixedTracker__half.json", () -> Djl.fixedTracker(0.5));
    }

    @Test
    void membersOfASetArePresetsOfTheirOwn() {
        Preset lr = Torch.oneCycleLRBuilder(1.0).totalSteps(10).lr();
        Preset momentum = Torch.oneCycleLRBuilder(1.0).totalSteps(10).momentum();
        assertThat(lr.spec().toString()).isEqualTo("torch.OneCycleLR.lr(max_lr=1.0, total_steps=10)");
        assertThat(REGISTRY.build(momentum.spec())).isEqualTo(momentum);
        ScheduleSet set = Torch.oneCycleLR(1.0, 10);
        for (long t = 0; t <= 12; t++) {
            assertThat(lr.valueAt(t)).isEqualTo(set.valueAt("lr", t));
            assertThat(momentum.valueAt(t)).isEqualTo(set.valueAt("momentum", t));
        }
        assertThatThrownBy(() -> Torch.oneCycleLRBuilder(1.0)
                        .totalSteps(10)
                        .cycleMomentum(false)
                        .momentum())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not drive 'momentum'")
                .hasMessageContaining("cycle_momentum is false");
    }

    @Test
    void aLambdaInsideAPresetEvaluatesButHasNoDataForm() {
        Schedule halfPerCycle = x -> Math.pow(0.5, x);
        ScheduleSet cyclic = Torch.cyclicLRBuilder(0.1, 1.0)
                .stepSizeUp(3)
                .scaleFn(halfPerCycle, Torch.ScaleMode.CYCLE)
                .build();
        double[] anchor =
                CASES.get("torch/CyclicLR__scale_fn_cycle.json").values.get("lr");
        for (int t = 0; t < anchor.length; t++) {
            assertThat(cyclic.valueAt("lr", t)).isCloseTo(anchor[t], within(1e-12));
        }
        assertThatThrownBy(cyclic::spec).isInstanceOf(NotSpecifiedException.class);
        assertThat(cyclic.get("lr").toString()).startsWith("torch.CyclicLR.lr(base_lr=0.1, max_lr=1.0");
    }

    @Test
    void presetsComposeLikeAnyScheduleAndKeepTheirSpecInside() {
        Schedule composed = Torch.cosineAnnealingLR(0.1, 100).holdAfterHorizon().times(2);
        assertThat(composed.valueAt(150)).isCloseTo(0.0, within(1e-15));
        String spec = ((Specified) composed).spec().toString();
        assertThat(spec).contains("torch.CosineAnnealingLR(base_lr=0.1, T_max=100)");
        assertThat(REGISTRY.build(((Specified) composed).spec())).isEqualTo(composed);
        assertThat(Torch.cosineAnnealingLR(0.1, 100).horizon()).isEqualTo(100);
        assertThat(Schedules.join(List.of(Torch.constantLR(1), Torch.exponentialLR(1, 0.9)), 5)
                        .valueAt(6))
                .isCloseTo(0.9, within(1e-15));
    }

    @Test
    void equalCallsAreEqualWhateverThePathAndDefaultsAreLeftOutOfSpecs() {
        Preset explicit = Torch.stepLR(0.1, 30, 0.1);
        Preset implicit = Torch.stepLR(0.1, 30);
        assertThat(explicit).isEqualTo(implicit).hasSameHashCodeAs(implicit);
        assertThat(explicit.spec().args()).containsOnlyKeys("base_lr", "step_size");
        assertThat(REGISTRY.build(
                        ScheduleSpec.of("torch.StepLR", Map.of("base_lr", 0.1, "step_size", 30, "gamma", 0.1))))
                .isEqualTo(explicit);
        assertThat(Torch.stepLR(0.1, 30, 0.5)).isNotEqualTo(explicit);
    }

    @Test
    void presetKindsAreListedWithDescriptionsAndAllowedRanges() {
        assertThat(PresetKinds.kinds()).hasSizeGreaterThan(50);
        PresetKinds.kinds().forEach(kind -> {
            assertThat(kind.description()).as(kind.name()).isNotBlank();
            assertThat(kind.name()).matches("(torch|optax|transformers|timm|keras|djl)\\.[A-Za-z_0-9.]+");
            kind.params().forEach(p -> {
                assertThat(p.allowed()).as("%s.%s", kind.name(), p.name()).isNotBlank();
                assertThat(p.description()).as("%s.%s", kind.name(), p.name()).isNotBlank();
            });
        });
        assertThat(PresetKinds.find("torch.OneCycleLR"))
                .map(k -> k.param("pct_start").orElseThrow().defaultValue())
                .isEqualTo(Optional.of(0.3));
        assertThat(REGISTRY.find("djl.WarmUpTracker")).isPresent();
    }

    private static void expect(String file, Supplier<Object> factory) {
        ReferenceCase c = CASES.get(file);
        assertThat(c).as(file).isNotNull();
        Object built = factory.get();
        assertThat(((Specified) built).spec())
                .as("the Java call for %s builds the same spec as its config", file)
                .isEqualTo(((Specified) REGISTRY.build(c.spec())).spec());
        c.values.forEach((name, anchor) -> {
            Schedule s = built instanceof ScheduleSet ? ((ScheduleSet) built).get(name) : (Schedule) built;
            double scale = ReferenceCase.scale(anchor);
            for (int t = 0; t < anchor.length; t++) {
                assertThat(s.valueAt(t))
                        .as("%s %s at step %d", file, name, t)
                        .isCloseTo(anchor[t], within(c.tolerance(anchor[t], scale)));
            }
        });
    }
}
