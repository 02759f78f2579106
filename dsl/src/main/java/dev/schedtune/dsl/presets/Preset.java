package dev.schedtune.dsl.presets;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.schedtune.dsl.Curve;
import dev.schedtune.dsl.Schedule;
import dev.schedtune.dsl.spec.Expandable;
import dev.schedtune.dsl.spec.ScheduleSpec;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A schedule that reproduces an anchor library's scheduler, under the anchor's name and parameter names.
 *
 * <p>Its {@link #spec()} is the anchor call itself ({@code torch.CosineAnnealingLR(base_lr=0.1,
 * T_max=100)}), so a config written from it keeps what the user asked for; its values come from {@link
 * #body()}, a composition of the DSL's primitives and combinators (no closed form per preset), which is
 * also what it evaluates at real positions, samples in bulk and what {@link #horizon()} reports. Two presets are equal
 * when they are the same call (defaults filled in).
 */
public final class Preset extends Curve implements Expandable {
    private final PresetKind kind;
    private final ImmutableMap<String, Object> args;
    private final Curve body;

    Preset(PresetKind kind, ImmutableMap<String, Object> args, Curve body) {
        this.kind = kind;
        this.args = args;
        this.body = body;
    }

    /** The preset's kind as configs spell it, e.g. {@code "torch.OneCycleLR"}. */
    public String kind() {
        return kind.name();
    }

    /** The composition of DSL primitives and combinators this preset evaluates. */
    public Curve body() {
        return body;
    }

    /** The same as {@link #body()}: exports that translate primitives (PyTorch code) use it. */
    @Override
    public Schedule expanded() {
        return body;
    }

    @Override
    public double valueAtReal(double position) {
        return body.valueAtReal(position);
    }

    @Override
    protected void fill(double[] values, int from, int to) {
        fill(body, values, from, to);
    }

    @Override
    public double horizon() {
        return body.horizon();
    }

    @Override
    protected ScheduleSpec describe(boolean lenient) {
        return describe(kind, args, lenient);
    }

    /** The spec of a call of {@code kind} with canonical {@code args}: defaults left out, nested schedules described. */
    static ScheduleSpec describe(PresetKind kind, ImmutableMap<String, Object> args, boolean lenient) {
        ScheduleSpec.Builder spec = ScheduleSpec.builder(kind.name());
        kind.printable(args).forEach((name, value) -> spec.put(name, specValue(value, lenient)));
        return spec.build();
    }

    private static Object specValue(Object value, boolean lenient) {
        if (value instanceof Curve) {
            return describe((Curve) value, lenient);
        }
        if (value instanceof List<?>) {
            ImmutableList.Builder<Object> list = ImmutableList.builder();
            for (Object element : (List<?>) value) {
                list.add(specValue(element, lenient));
            }
            return list.build();
        }
        if (value instanceof Map<?, ?>) {
            ImmutableMap.Builder<String, Object> map = ImmutableMap.builder();
            ((Map<?, ?>) value).forEach((k, v) -> map.put(String.valueOf(k), specValue(v, lenient)));
            return map.buildOrThrow();
        }
        return value;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Preset that && that.kind.name().equals(kind.name()) && that.args.equals(args);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind.name(), args);
    }
}
