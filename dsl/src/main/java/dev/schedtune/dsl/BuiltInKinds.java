package dev.schedtune.dsl;

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
import dev.schedtune.dsl.presets.PresetKinds;
import dev.schedtune.dsl.primitives.Constant;
import dev.schedtune.dsl.primitives.Cosine;
import dev.schedtune.dsl.primitives.Cyclic;
import dev.schedtune.dsl.primitives.CyclicExponentialDecay;
import dev.schedtune.dsl.primitives.ExponentialDecay;
import dev.schedtune.dsl.primitives.InverseSqrt;
import dev.schedtune.dsl.primitives.InverseTime;
import dev.schedtune.dsl.primitives.Linear;
import dev.schedtune.dsl.primitives.Noam;
import dev.schedtune.dsl.primitives.OneCycle;
import dev.schedtune.dsl.primitives.PiecewiseConstant;
import dev.schedtune.dsl.primitives.PiecewiseInterpolation;
import dev.schedtune.dsl.primitives.Polynomial;
import dev.schedtune.dsl.primitives.Tanh;
import dev.schedtune.dsl.primitives.WarmupStableDecay;
import dev.schedtune.dsl.spec.Kind;
import dev.schedtune.dsl.template.Template;
import java.util.ArrayList;
import java.util.List;

/**
 * The list of every kind shipped with schedtune, in catalogue order, which {@link
 * dev.schedtune.dsl.spec.KindRegistry#builtIn()} holds. Each kind is declared next to its class; a new
 * one is added here with one line.
 */
public final class BuiltInKinds {
    private BuiltInKinds() {}

    /** The primitives, the combinators, the template kind, then the anchor presets. */
    public static List<Kind> all() {
        List<Kind> all = new ArrayList<>(List.of(
                Constant.KIND,
                Linear.KIND,
                Cosine.KIND,
                ExponentialDecay.KIND,
                ExponentialDecay.STEP_KIND,
                PiecewiseConstant.MULTI_STEP_KIND,
                PiecewiseConstant.KIND,
                PiecewiseInterpolation.KIND,
                Polynomial.KIND,
                InverseSqrt.KIND,
                InverseTime.KIND,
                Tanh.KIND,
                Noam.KIND,
                Cyclic.KIND,
                Cyclic.SET_KIND,
                CyclicExponentialDecay.KIND,
                OneCycle.KIND,
                OneCycle.SET_KIND,
                Repeat.WARM_RESTARTS_KIND,
                WarmupStableDecay.KIND,
                Warmup.KIND,
                Join.KIND,
                Repeat.KIND,
                Scale.KIND,
                Offset.KIND,
                Shift.KIND,
                Clamp.KIND,
                HoldAfter.KIND));
        all.addAll(Combine.KINDS);
        all.addAll(List.of(Epochs.KIND, ScheduleSet.KIND, Template.KIND));
        all.addAll(PresetKinds.kinds());
        return List.copyOf(all);
    }
}
