package dev.schedtune.dsl.config;

import dev.schedtune.dsl.spec.Kind;
import dev.schedtune.dsl.spec.KindRegistry;
import dev.schedtune.dsl.spec.Param;
import dev.schedtune.dsl.spec.ParamType;
import dev.schedtune.dsl.spec.ScheduleSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Random specs for any registry, from nothing but its kinds' parameter metadata: types, defaults,
 * choices, and the allowed range in words ({@code "> 0"}, {@code "in (0, 1]"}, {@code "one more than
 * boundaries"}). Many generated specs are still invalid (constraints between parameters); callers keep
 * the ones that build.
 */
final class SpecGenerator {
    private static final Pattern INTERVAL = Pattern.compile("([\\[(])\\s*(-?[0-9.]+)\\s*,\\s*(-?[0-9.]+)\\s*([\\])])");
    private static final Pattern BOUND = Pattern.compile("(>=|<=|>|<)\\s*(-?[0-9.]+)");

    private final KindRegistry registry;
    private final Random random;

    SpecGenerator(KindRegistry registry, long seed) {
        this.registry = registry;
        this.random = new Random(seed);
    }

    /** A spec of {@code kind}, nesting schedules at most {@code depth} deep. */
    ScheduleSpec spec(Kind kind, int depth) {
        Map<String, Object> args = new LinkedHashMap<>();
        int listSize = 1 + random.nextInt(4);
        for (Param p : kind.params()) {
            if (!p.isRequired() && random.nextInt(3) == 0) {
                continue; // leave optional parameters out now and then
            }
            Object v = value(p, depth, listSize);
            if (v != null) {
                args.put(p.name(), v);
            }
        }
        return ScheduleSpec.of(kind.name(), args);
    }

    private Object value(Param p, int depth, int listSize) {
        switch (p.type()) {
            case NUMBER:
                return number(p);
            case INTEGER:
                return integer(p);
            case BOOLEAN:
                return random.nextBoolean();
            case STRING:
                return p.defaultValue() instanceof String ? p.defaultValue() : "momentum";
            case CHOICE:
                return p.choices().get(random.nextInt(p.choices().size()));
            case NUMBER_LIST:
            case INTEGER_LIST: {
                int n = listSize + sizeOffset(p.allowed());
                List<Object> list = new ArrayList<>();
                List<Double> values = new ArrayList<>();
                for (int i = 0; i < Math.max(0, n); i++) {
                    values.add(p.type() == ParamType.INTEGER_LIST ? (double) integer(p) : number(p));
                }
                values.sort(null);
                for (double v : values) {
                    list.add(p.type() == ParamType.INTEGER_LIST ? (Object) Math.round(v) : (Object) v);
                }
                return list;
            }
            case NUMBER_MAP: {
                Map<String, Object> map = new LinkedHashMap<>();
                long key = 0;
                for (int i = 0; i < listSize; i++) {
                    key += 1 + random.nextInt(200);
                    map.put(Long.toString(key), number(p));
                }
                return map;
            }
            case SCHEDULE:
            case SPEC:
                return schedule(depth).orElse(null);
            case SCHEDULE_LIST: {
                List<Object> list = new ArrayList<>();
                int n = Math.max(1, listSize + sizeOffset(p.allowed()));
                for (int i = 0; i < n; i++) {
                    schedule(depth).ifPresent(list::add);
                }
                return list;
            }
            case SCHEDULE_MAP: {
                Map<String, Object> map = new LinkedHashMap<>();
                schedule(depth).ifPresent(s -> map.put("lr", s));
                if (random.nextBoolean()) {
                    schedule(depth).ifPresent(s -> map.put("momentum", s));
                }
                return map;
            }
            default:
                return p.defaultValue();
        }
    }

    private Optional<ScheduleSpec> schedule(int depth) {
        List<Kind> candidates = registry.kinds().stream()
                .filter(k -> k.produces() == Kind.Produces.SCHEDULE)
                .filter(k -> depth > 0
                        || k.params().stream().noneMatch(p -> p.type().name().startsWith("SCHEDULE")))
                .toList();
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(spec(candidates.get(random.nextInt(candidates.size())), Math.max(0, depth - 1)));
    }

    private static int sizeOffset(String allowed) {
        String a = allowed.toLowerCase(Locale.ROOT);
        if (a.contains("one more than")) {
            return 1;
        }
        if (a.contains("one fewer than") || a.matches(".*len\\([a-z_]+\\) - 1.*")) {
            return -1;
        }
        return 0;
    }

    /** [lo, hi] from the words; NaN where the words give no bound. */
    private static double[] bounds(String allowed) {
        double lo = Double.NaN;
        double hi = Double.NaN;
        Matcher in = INTERVAL.matcher(allowed);
        if (in.find()) {
            double a = Double.parseDouble(in.group(2));
            double b = Double.parseDouble(in.group(3));
            double eps = 1e-6 * Math.max(1, Math.abs(b - a));
            lo = in.group(1).equals("(") ? a + eps : a;
            hi = in.group(4).equals(")") ? b - eps : b;
            return new double[] {lo, hi};
        }
        Matcher m = BOUND.matcher(allowed);
        while (m.find()) {
            double v = Double.parseDouble(m.group(2));
            switch (m.group(1)) {
                case ">" -> lo = v + Math.max(1e-3, Math.abs(v) * 1e-3);
                case ">=" -> lo = v;
                case "<" -> hi = v - Math.max(1e-3, Math.abs(v) * 1e-3);
                default -> hi = v;
            }
        }
        return new double[] {lo, hi};
    }

    /** Bounds with gaps filled by a range typical of schedule values. */
    private static double[] filled(String allowed) {
        double[] b = bounds(allowed);
        double lo = Double.isNaN(b[0]) ? (Double.isNaN(b[1]) ? 0 : b[1] - 2) : b[0];
        double hi = Double.isNaN(b[1]) ? Math.max(lo + 1, 1) : b[1];
        return new double[] {lo, hi};
    }

    private static boolean stepLike(String name) {
        return name.contains("step")
                || name.contains("period")
                || name.contains("total")
                || name.contains("timescale")
                || name.contains("begin")
                || name.contains("milestone")
                || name.contains("boundar")
                || name.contains("knots")
                || name.equals("steps");
    }

    private double number(Param p) {
        double[] raw = bounds(p.allowed());
        double[] b = filled(p.allowed());
        if (stepLike(p.name()) && (Double.isNaN(raw[1]) || raw[1] >= 50)) {
            return Math.max(b[0], 1 + random.nextInt(300));
        }
        if (random.nextInt(5) == 0 && p.defaultValue() instanceof Number) {
            return ((Number) p.defaultValue()).doubleValue();
        }
        double v = b[0] + random.nextDouble() * (Math.min(b[1], b[0] + 5) - b[0]);
        return random.nextBoolean() ? Math.max(b[0], Math.min(b[1], Math.round(v * 1000) / 1000.0)) : v;
    }

    private long integer(Param p) {
        double[] b = filled(p.allowed());
        long lo = (long) Math.ceil(b[0]);
        long hi = (long) Math.floor(Math.min(b[1], lo + (stepLike(p.name()) ? 300 : 5)));
        return hi <= lo ? lo : lo + random.nextInt((int) (hi - lo + 1));
    }
}
