package dev.schedtune.dsl.config;

import dev.schedtune.dsl.Schedule;
import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.dsl.spec.Kind;
import dev.schedtune.dsl.spec.KindRegistry;
import dev.schedtune.dsl.spec.Param;
import dev.schedtune.dsl.spec.ParamType;
import dev.schedtune.dsl.spec.Piecewise;
import dev.schedtune.dsl.spec.ScheduleSpec;
import dev.schedtune.dsl.spec.Specified;
import java.util.List;
import java.util.Map;
import java.util.function.LongToDoubleFunction;

/**
 * A small registry with one kind of every parameter shape (numbers, integers, booleans, choices,
 * lists, maps, nested schedules, schedule lists, schedule maps, kwargs documents), so the config code
 * is tested independently of the DSL's own kinds.
 */
final class TestKinds {
    private TestKinds() {}

    /** A schedule that remembers the spec it was built from. */
    static final class Built implements Schedule, Specified, Piecewise {
        private final ScheduleSpec spec;
        private final LongToDoubleFunction f;
        private final double[] boundaries;

        Built(ScheduleSpec spec, LongToDoubleFunction f, double... boundaries) {
            this.spec = spec;
            this.f = f;
            this.boundaries = boundaries;
        }

        @Override
        public double[] boundaries(double from, double to) {
            return java.util.Arrays.stream(boundaries)
                    .filter(b -> b >= from && b < to)
                    .toArray();
        }

        @Override
        public double valueAt(long step) {
            return f.applyAsDouble(step);
        }

        @Override
        public ScheduleSpec spec() {
            return spec;
        }

        @Override
        public String toString() {
            return spec.toString();
        }
    }

    static double num(Map<String, Object> args, String name) {
        return (Double) args.get(name);
    }

    static long integer(Map<String, Object> args, String name) {
        return (Long) args.get(name);
    }

    static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The spec of a built value: nested schedules are replaced by their own specs. */
    static ScheduleSpec spec(String kind, Map<String, Object> args) {
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        args.forEach((k, v) -> data.put(k, data(v)));
        return ScheduleSpec.of(kind, data);
    }

    private static Object data(Object value) {
        if (value instanceof Specified) {
            return ((Specified) value).spec();
        }
        if (value instanceof List<?>) {
            return ((List<?>) value).stream().map(TestKinds::data).toList();
        }
        return value;
    }

    static final Kind CONSTANT = Kind.schedule(
            "constant",
            "a constant value",
            List.of(Param.required("value", ParamType.NUMBER, ">= 0", "the value")),
            a -> {
                double v = num(a, "value");
                require(v >= 0, "value (" + v + ") must be >= 0");
                return new Built(spec("constant", a), s -> v);
            });

    static final Kind COSINE = Kind.schedule(
            "cosine",
            "cosine decay from init_value to alpha * init_value over decay_steps",
            List.of(
                    Param.required("init_value", ParamType.NUMBER, ">= 0", "start"),
                    Param.required("decay_steps", ParamType.INTEGER, "> 0", "length"),
                    Param.optional("alpha", ParamType.NUMBER, 0.0, "in [0, 1]", "floor fraction"),
                    Param.optional("exponent", ParamType.NUMBER, 1.0, "> 0", "shape")),
            a -> {
                double init = num(a, "init_value");
                long steps = integer(a, "decay_steps");
                double alpha = num(a, "alpha");
                double exponent = num(a, "exponent");
                require(init >= 0, "init_value (" + init + ") must be >= 0");
                require(steps > 0, "decay_steps (" + steps + ") must be > 0");
                require(alpha >= 0 && alpha <= 1, "alpha (" + alpha + ") must be in [0, 1]");
                require(exponent > 0, "exponent (" + exponent + ") must be > 0");
                return new Built(spec("cosine", a), s -> {
                    double t = Math.min(s, steps) / (double) steps;
                    double c = Math.pow(0.5 * (1 + Math.cos(Math.PI * t)), exponent);
                    return init * ((1 - alpha) * c + alpha);
                });
            });

    static final Kind LINEAR = Kind.schedule(
            "linear",
            "linear from init_value to end_value over transition_steps",
            List.of(
                    Param.required("init_value", ParamType.NUMBER, "finite", "start"),
                    Param.required("end_value", ParamType.NUMBER, "finite", "end"),
                    Param.required("transition_steps", ParamType.INTEGER, ">= 1", "length"),
                    Param.optional("staircase", ParamType.BOOLEAN, false, "true or false", "round down")),
            a -> {
                double from = num(a, "init_value");
                double to = num(a, "end_value");
                long steps = integer(a, "transition_steps");
                require(steps >= 1, "transition_steps (" + steps + ") must be >= 1");
                return new Built(spec("linear", a), s -> from + (to - from) * Math.min(s, steps) / steps);
            });

    static final Kind JOIN = Kind.schedule(
            "join",
            "pieces joined at boundaries; each piece sees step - boundary",
            List.of(
                    Param.required("schedules", ParamType.SCHEDULE_LIST, "at least 1", "pieces"),
                    Param.required("boundaries", ParamType.INTEGER_LIST, "strictly increasing, > 0", "steps")),
            a -> {
                @SuppressWarnings("unchecked")
                List<Schedule> pieces = (List<Schedule>) a.get("schedules");
                @SuppressWarnings("unchecked")
                List<Long> bounds = (List<Long>) a.get("boundaries");
                require(!pieces.isEmpty(), "schedules must not be empty");
                require(
                        bounds.size() == pieces.size() - 1,
                        "boundaries (" + bounds + ") must have one entry fewer than schedules (" + pieces.size() + ")");
                for (int i = 0; i < bounds.size(); i++) {
                    long prev = i == 0 ? 0 : bounds.get(i - 1);
                    require(
                            bounds.get(i) > prev,
                            "boundaries (" + bounds + ") must be strictly increasing and > 0; boundaries[" + i + "] = "
                                    + bounds.get(i));
                }
                return new Built(
                        spec("join", a),
                        s -> {
                            int i = 0;
                            while (i < bounds.size() && s >= bounds.get(i)) {
                                i++;
                            }
                            long start = i == 0 ? 0 : bounds.get(i - 1);
                            return pieces.get(i).valueAt(s - start);
                        },
                        bounds.stream().mapToDouble(Long::doubleValue).toArray());
            });

    static final Kind PIECEWISE = Kind.schedule(
            "piecewise_constant",
            "init_value times every scale whose boundary has passed",
            List.of(
                    Param.required("init_value", ParamType.NUMBER, "finite", "start"),
                    Param.optional("boundaries_and_scales", ParamType.NUMBER_MAP, null, "step -> factor", "scales"),
                    Param.choice("mode", "multiply", List.of("multiply", "replace"), "how scales apply")),
            a -> {
                double init = num(a, "init_value");
                @SuppressWarnings("unchecked")
                Map<String, Object> map = (Map<String, Object>) a.getOrDefault("boundaries_and_scales", Map.of());
                for (String k : map.keySet()) {
                    require(k.matches("[0-9]+"), "boundaries_and_scales key '" + k + "' must be a step number");
                }
                boolean replace = a.get("mode").equals("replace");
                return new Built(spec("piecewise_constant", a), s -> {
                    double v = init;
                    for (Map.Entry<String, Object> e : map.entrySet()) {
                        if (s >= Long.parseLong(e.getKey())) {
                            v = replace ? (Double) e.getValue() : v * (Double) e.getValue();
                        }
                    }
                    return v;
                });
            });

    static final Kind SCALED = Kind.schedule(
            "scale",
            "a schedule times factor",
            List.of(
                    Param.required("schedule", ParamType.SCHEDULE, "a schedule", "inner"),
                    Param.required("factor", ParamType.NUMBER, "finite", "factor")),
            a -> {
                Schedule inner = (Schedule) a.get("schedule");
                double f = num(a, "factor");
                return new Built(spec("scale", a), s -> f * inner.valueAt(s));
            });

    static final Kind ONE_CYCLE = Kind.scheduleSet(
            "test.OneCycle",
            "a triangle in lr with the inverse in momentum",
            List.of(
                    Param.required("max_lr", ParamType.NUMBER, "> 0", "peak"),
                    Param.required("total_steps", ParamType.INTEGER, ">= 2", "length"),
                    Param.optional("base_momentum", ParamType.NUMBER, 0.85, "in [0, 1]", "low momentum"),
                    Param.optional("max_momentum", ParamType.NUMBER, 0.95, "in [0, 1]", "high momentum")),
            a -> {
                double max = num(a, "max_lr");
                long total = integer(a, "total_steps");
                double lo = num(a, "base_momentum");
                double hi = num(a, "max_momentum");
                require(max > 0, "max_lr (" + max + ") must be > 0");
                require(total >= 2, "total_steps (" + total + ") must be >= 2");
                double half = total / 2.0;
                LongToDoubleFunction tri = s -> 1 - Math.abs(Math.min(s, total) - half) / half;
                ScheduleSpec spec = spec("test.OneCycle", a);
                return ScheduleSet.builder()
                        .put("lr", new Built(spec, s -> max * tri.applyAsDouble(s), half))
                        .put("momentum", new Built(spec, s -> hi - (hi - lo) * tri.applyAsDouble(s), half))
                        .describedBy(spec)
                        .build();
            });

    static final Kind SGDR = Kind.schedule(
            "test.sgdr",
            "cosine cycles, one per kwargs document",
            List.of(Param.required("cosine_kwargs", ParamType.DOCUMENT_LIST, "non-empty", "cycles")),
            a -> {
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> docs = (List<Map<String, Object>>) a.get("cosine_kwargs");
                require(!docs.isEmpty(), "cosine_kwargs must not be empty");
                return new Built(spec("test.sgdr", a), s -> docs.size());
            });

    static KindRegistry registry() {
        return KindRegistry.of(List.of(CONSTANT, COSINE, LINEAR, JOIN, PIECEWISE, SCALED, ONE_CYCLE, SGDR));
    }
}
