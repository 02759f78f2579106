package dev.schedtune.dsl.spec;

import static dev.schedtune.dsl.spec.CurveKinds.FINITE;
import static dev.schedtune.dsl.spec.CurveKinds.NON_NEGATIVE;
import static dev.schedtune.dsl.spec.CurveKinds.POSITIVE;
import static dev.schedtune.dsl.spec.CurveKinds.names;
import static dev.schedtune.dsl.spec.Param.choice;
import static dev.schedtune.dsl.spec.Param.optional;
import static dev.schedtune.dsl.spec.Param.required;
import static dev.schedtune.dsl.spec.ParamType.BOOLEAN;
import static dev.schedtune.dsl.spec.ParamType.INTEGER;
import static dev.schedtune.dsl.spec.ParamType.NUMBER;
import static dev.schedtune.dsl.spec.ParamType.NUMBER_LIST;
import static dev.schedtune.dsl.spec.ParamType.SCHEDULE;
import static dev.schedtune.dsl.spec.ParamType.SCHEDULE_LIST;
import static dev.schedtune.dsl.spec.ParamType.SCHEDULE_MAP;

import dev.schedtune.dsl.Checks;
import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.dsl.combinators.Clamp;
import dev.schedtune.dsl.combinators.Combine;
import dev.schedtune.dsl.combinators.Epochs;
import dev.schedtune.dsl.combinators.HoldAfter;
import dev.schedtune.dsl.combinators.Join;
import dev.schedtune.dsl.combinators.Offset;
import dev.schedtune.dsl.combinators.Repeat;
import dev.schedtune.dsl.combinators.Scale;
import dev.schedtune.dsl.combinators.Shift;
import dev.schedtune.dsl.combinators.Warmup;
import java.util.ArrayList;
import java.util.List;

/** The combinators as kinds; parameter names match the specs the classes write. */
final class CombinatorKinds {
    private CombinatorKinds() {}

    private static final Param SCHEDULE_ARG = required("schedule", SCHEDULE, "a schedule", "the inner schedule");

    static List<Kind> kinds() {
        List<Kind> k = new ArrayList<>();
        k.add(Kind.schedule(
                Warmup.KIND,
                "a warmup in front of (prefix) or over (overlay) a schedule",
                List.of(
                        SCHEDULE_ARG,
                        required("steps", NUMBER, NON_NEGATIVE, "warmup length (0 = none)"),
                        optional("start", NUMBER, 0.0, FINITE, "value at step 0"),
                        optional("target", NUMBER, null, FINITE, "value reached (default: the schedule's first)"),
                        choice("shape", "linear", names(Warmup.Shape.values()), "warmup curve"),
                        optional("prefix", BOOLEAN, true, "true or false", "the schedule starts after the warmup")),
                a -> {
                    Args r = new Args(a);
                    Warmup w = Warmup.of(
                            r.schedule("schedule"),
                            r.number("steps"),
                            r.number("start"),
                            r.choice("shape", Warmup.Shape.class),
                            r.bool("prefix"));
                    return r.has("target") ? w.withTarget(r.number("target")) : w;
                }));
        k.add(Kind.schedule(
                Join.KIND,
                "schedules in sequence; each sees the step minus its boundary",
                List.of(
                        required("schedules", SCHEDULE_LIST, "at least one", "the pieces in order"),
                        required("boundaries", NUMBER_LIST, "non-decreasing, >= 0, one fewer than schedules", "")),
                a -> {
                    Args r = new Args(a);
                    return Join.of(r.schedules("schedules"), r.numbers("boundaries"));
                }));
        k.add(Kind.schedule(
                Repeat.KIND,
                "a schedule restarted in cycles (period multiplier, decay per cycle, cycle limit)",
                List.of(
                        SCHEDULE_ARG,
                        optional("period", NUMBER, null, "> 0 (or span and cycles)", "first cycle length"),
                        optional(
                                "span",
                                NUMBER,
                                null,
                                "> 0, with cycles, instead of period",
                                "steps holding 'cycles' equal cycles, counted in progress units (transformers)"),
                        optional("cycles", NUMBER, null, "> 0, with span", "the number of cycles in span"),
                        optional("period_mul", NUMBER, 1.0, ">= 1", "cycle length multiplier"),
                        choice(
                                "cycle_index",
                                Repeat.CycleIndex.EXACT.specName(),
                                names(Repeat.CycleIndex.values()),
                                "exact, or float: the cycle found as timm and Keras compute it"),
                        optional("decay", NUMBER, 1.0, POSITIVE, "factor per cycle, towards decay_base"),
                        optional("decay_base", NUMBER, 0.0, FINITE, "value the decay shrinks towards"),
                        optional("cycle_limit", INTEGER, 0L, ">= 0 (0 = no limit)", "cycles before holding"),
                        optional("after_limit", NUMBER, null, FINITE, "value after the limit (default decay_base)")),
                a -> {
                    Args r = new Args(a);
                    Repeat rep = repetition(r)
                            .withPeriodMultiplier(r.number("period_mul"))
                            .withCycleIndex(r.choice("cycle_index", Repeat.CycleIndex.class))
                            .withDecay(r.number("decay"), r.number("decay_base"));
                    return r.has("after_limit")
                            ? rep.withCycleLimit(r.integer("cycle_limit"), r.number("after_limit"))
                            : rep.withCycleLimit(r.integer("cycle_limit"));
                }));
        k.add(Kind.schedule(
                Scale.KIND,
                "factor * schedule(t)",
                List.of(SCHEDULE_ARG, required("factor", NUMBER, FINITE, "the factor")),
                a -> Scale.of(new Args(a).schedule("schedule"), new Args(a).number("factor"))));
        k.add(Kind.schedule(
                Offset.KIND,
                "schedule(t) + value",
                List.of(SCHEDULE_ARG, required("value", NUMBER, FINITE, "added to every value")),
                a -> Offset.of(new Args(a).schedule("schedule"), new Args(a).number("value"))));
        k.add(Kind.schedule(
                Shift.KIND,
                "schedule(max(0, t - steps)): delayed (or advanced, if negative)",
                List.of(SCHEDULE_ARG, required("steps", NUMBER, FINITE, "the delay in steps")),
                a -> Shift.of(new Args(a).schedule("schedule"), new Args(a).number("steps"))));
        k.add(Kind.schedule(
                Clamp.KIND,
                "values kept in [min, max]",
                List.of(
                        SCHEDULE_ARG,
                        optional("min", NUMBER, null, "<= max", "lower bound (none if absent)"),
                        optional("max", NUMBER, null, ">= min", "upper bound (none if absent)")),
                a -> {
                    Args r = new Args(a);
                    return Clamp.of(
                            r.schedule("schedule"),
                            r.number("min", Double.NEGATIVE_INFINITY),
                            r.number("max", Double.POSITIVE_INFINITY));
                }));
        k.add(Kind.schedule(
                HoldAfter.KIND,
                "schedule(min(t, step)): the value holds after step",
                List.of(SCHEDULE_ARG, required("step", NUMBER, NON_NEGATIVE, "last step that moves")),
                a -> HoldAfter.of(new Args(a).schedule("schedule"), new Args(a).number("step"))));
        for (Combine.Op op : Combine.Op.values()) {
            k.add(Kind.schedule(
                    op.kind(),
                    "the pointwise " + op.kind() + " of schedules",
                    List.of(required("schedules", SCHEDULE_LIST, "at least one", "the schedules")),
                    a -> Combine.of(op, new Args(a).schedules("schedules"))));
        }
        k.add(Kind.schedule(
                Epochs.KIND,
                "a schedule written in epochs, evaluated per step",
                List.of(
                        SCHEDULE_ARG,
                        required("steps_per_epoch", NUMBER, POSITIVE, "optimizer steps per epoch"),
                        optional("fractional", BOOLEAN, true, "true or false", "fractional (true) or whole epochs")),
                a -> {
                    Args r = new Args(a);
                    return r.bool("fractional")
                            ? Epochs.fractional(r.schedule("schedule"), r.number("steps_per_epoch"))
                            : Epochs.whole(r.schedule("schedule"), r.number("steps_per_epoch"));
                }));
        k.add(Kind.scheduleSet(
                ScheduleSet.KIND,
                "named hyperparameters driven together (lr, momentum, beta1, weight_decay, ...)",
                List.of(required("schedules", SCHEDULE_MAP, "at least one", "a schedule per hyperparameter")),
                a -> new Args(a).raw("schedules")));
        return k;
    }

    /** A repetition by period, or over a span: exactly one of the two forms. */
    private static Repeat repetition(Args r) {
        if (!r.has("span") && !r.has("cycles")) {
            Checks.require(r.has("period"), "period is required (or span and cycles)");
            return Repeat.every(r.schedule("schedule"), r.number("period"));
        }
        Checks.require(
                !r.has("period"),
                "period (" + r.number("period", Double.NaN) + ") must be left out when span and cycles are given");
        Checks.require(r.has("span"), "span is required with cycles");
        Checks.require(r.has("cycles"), "cycles is required with span");
        return Repeat.overSpan(r.schedule("schedule"), r.number("span"), r.number("cycles"));
    }
}
