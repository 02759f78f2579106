package dev.schedtune.dsl.presets;

import dev.schedtune.dsl.Curve;
import dev.schedtune.dsl.spec.ScheduleSpec;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Equal cycles counted as Hugging Face's {@code cosine_with_restarts} counts them: the position in the
 * cycle is {@code (cycles * (t / length)) mod 1}, and {@code inner} (defined on [0, 1)) is evaluated
 * there.
 *
 * <p>A {@code Repeat} of period {@code length / cycles} computes {@code t / period}, which rounds
 * differently: at some whole steps one lands on the restart and the other just before it (18 steps, 14
 * cycles: step 9). This stopgap reproduces transformers' arithmetic until the DSL has a repetition
 * counted in progress units.
 */
final class ProgressCycles extends Curve {
    private final Curve inner;
    private final double length;
    private final double cycles;

    ProgressCycles(Curve inner, double length, double cycles) {
        this.inner = inner;
        this.length = length;
        this.cycles = cycles;
    }

    @Override
    public double valueAtReal(double position) {
        double progress = Math.max(0, position) / length;
        return inner.valueAtReal((cycles * progress) % 1.0);
    }

    @Override
    protected ScheduleSpec describe(boolean lenient) {
        return ScheduleSpec.builder("progress_cycles")
                .put("schedule", describe(inner, lenient))
                .put("length", position(length))
                .put("cycles", position(cycles))
                .build();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (!(o instanceof ProgressCycles)) {
            return false;
        }
        ProgressCycles p = (ProgressCycles) o;
        return p.inner.equals(inner) && same(p.length, length) && same(p.cycles, cycles);
    }

    @Override
    public int hashCode() {
        return Objects.hash("progress_cycles", inner, length, cycles);
    }
}
