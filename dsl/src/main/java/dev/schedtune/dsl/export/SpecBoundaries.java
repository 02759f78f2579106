package dev.schedtune.dsl.export;

import dev.schedtune.dsl.spec.ScheduleSpec;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Where the pieces of a built-in schedule meet, read from its spec: join boundaries, the end of a
 * warmup, one-cycle phases, warmup-stable-decay phases, cycle starts, knots, and the end of a finite
 * ramp. Used for plot markers when a schedule does not implement {@link
 * dev.schedtune.dsl.spec.Piecewise} itself.
 */
final class SpecBoundaries {
    /** Enough for any plot; periodic schedules stop here. */
    private static final int MAX = 500;

    private final TreeSet<Double> found = new TreeSet<>();
    private final double to;

    private SpecBoundaries(double to) {
        this.to = to;
    }

    static double[] of(ScheduleSpec spec, double to) {
        SpecBoundaries b = new SpecBoundaries(to);
        b.walk(spec, 0, 1, 0, to);
        return b.found.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * Records the boundaries of {@code spec}, whose local position p maps to the global step {@code
     * origin + p * scale}, visible only inside the global window [from, until).
     */
    private void walk(ScheduleSpec spec, double origin, double scale, double from, double until) {
        Map<String, Object> a = spec.args();
        switch (spec.kind()) {
            case "join": {
                List<Double> bounds = numbers(a.get("boundaries"));
                List<?> pieces = (List<?>) a.get("schedules");
                for (int i = 0; i < pieces.size(); i++) {
                    double start = i == 0 ? 0 : bounds.get(i - 1);
                    double end = i < bounds.size() ? bounds.get(i) : Double.POSITIVE_INFINITY;
                    if (i > 0) {
                        add(origin + start * scale, from, until);
                    }
                    child(
                            pieces.get(i),
                            origin + start * scale,
                            scale,
                            clampFrom(origin, scale, start, from),
                            clampUntil(origin, scale, end, until));
                }
                return;
            }
            case "warmup": {
                double steps = number(a.get("steps"), 0);
                add(origin + steps * scale, from, until);
                boolean prefix = !Boolean.FALSE.equals(a.get("prefix"));
                double inner = prefix ? origin + steps * scale : origin;
                child(a.get("schedule"), inner, scale, Math.max(from, origin + steps * scale), until);
                return;
            }
            case "one_cycle": {
                double total = number(a.get("total_steps"), 0);
                double pct = number(a.get("pct_start"), 0.3);
                double offset = number(a.get("phase_offset"), 0);
                add(origin + (pct * total + offset) * scale, from, until);
                if (Boolean.TRUE.equals(a.get("three_phase"))) {
                    add(origin + (2 * pct * total + 2 * offset) * scale, from, until);
                }
                add(origin + (total + offset) * scale, from, until);
                return;
            }
            case "warmup_stable_decay": {
                double w = number(a.get("warmup_steps"), 0);
                double s = number(a.get("stable_steps"), 0);
                double d = number(a.get("decay_steps"), 0);
                add(origin + w * scale, from, until);
                add(origin + (w + s) * scale, from, until);
                add(origin + (w + s + d) * scale, from, until);
                return;
            }
            case "repeat": {
                double period = number(a.get("period"), 1);
                double mul = number(a.get("period_mul"), 1);
                double start = 0;
                double length = period;
                for (int i = 0; i < MAX && origin + start * scale < until; i++) {
                    if (i > 0) {
                        add(origin + start * scale, from, until);
                    }
                    start += length;
                    length *= mul;
                }
                return;
            }
            case "cyclic":
            case "cyclic_exponential_decay": {
                double period = spec.kind().equals("cyclic")
                        ? number(a.get("step_size_up"), 1)
                                + number(a.get("step_size_down"), number(a.get("step_size_up"), 1))
                        : number(a.get("period"), 1);
                for (int i = 1; i < MAX && origin + i * period * scale < until; i++) {
                    add(origin + i * period * scale, from, until);
                }
                return;
            }
            case "piecewise_constant":
                numbers(a.get("boundaries")).forEach(b -> add(origin + b * scale, from, until));
                return;
            case "piecewise_interpolate":
                numbers(a.get("knots")).forEach(b -> add(origin + b * scale, from, until));
                return;
            case "linear":
            case "polynomial":
                if (!Boolean.TRUE.equals(a.get("extrapolate")) && !Boolean.TRUE.equals(a.get("cycle"))) {
                    double begin = number(a.get("begin"), 0);
                    add(origin + begin * scale, from, until);
                    add(origin + (begin + number(a.get("steps"), 0)) * scale, from, until);
                }
                return;
            case "cosine":
            case "tanh":
                if (!Boolean.TRUE.equals(a.get("extrapolate"))) {
                    add(origin + number(a.get("steps"), 0) * scale, from, until);
                }
                return;
            case "exponential_decay":
                add(origin + number(a.get("transition_begin"), 0) * scale, from, until);
                return;
            case "shift": {
                double steps = number(a.get("steps"), 0);
                add(origin + steps * scale, from, until);
                child(a.get("schedule"), origin + steps * scale, scale, Math.max(from, origin + steps * scale), until);
                return;
            }
            case "hold_after": {
                double step = number(a.get("step"), 0);
                add(origin + step * scale, from, until);
                child(a.get("schedule"), origin, scale, from, Math.min(until, origin + step * scale));
                return;
            }
            case "epochs":
                child(a.get("schedule"), origin, scale * number(a.get("steps_per_epoch"), 1), from, until);
                return;
            case "scale":
            case "offset":
            case "clamp":
                child(a.get("schedule"), origin, scale, from, until);
                return;
            case "min":
            case "max":
            case "sum":
            case "product":
                for (Object part : (List<?>) a.get("schedules")) {
                    child(part, origin, scale, from, until);
                }
                return;
            default:
            // primitives without pieces (constant, inverse_sqrt, ...) and kinds this file does not know
        }
    }

    private void child(Object value, double origin, double scale, double from, double until) {
        if (value instanceof ScheduleSpec && found.size() < MAX) {
            walk((ScheduleSpec) value, origin, scale, from, until);
        }
    }

    private static double clampFrom(double origin, double scale, double localStart, double from) {
        return Math.max(from, origin + localStart * scale);
    }

    private static double clampUntil(double origin, double scale, double localEnd, double until) {
        return Math.min(until, origin + localEnd * scale);
    }

    private void add(double step, double from, double until) {
        if (step > 0 && step >= from && step < until && step < to && found.size() < MAX) {
            found.add(step);
        }
    }

    private static double number(Object value, double fallback) {
        return value instanceof Number ? ((Number) value).doubleValue() : fallback;
    }

    private static List<Double> numbers(Object value) {
        return value instanceof List<?>
                ? ((List<?>) value)
                        .stream().map(v -> ((Number) v).doubleValue()).toList()
                : List.of();
    }
}
