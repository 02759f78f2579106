package dev.schedtune.dsl.template;

import dev.schedtune.dsl.spec.ScheduleSpec;
import dev.schedtune.dsl.spec.SpecException;
import dev.schedtune.dsl.spec.Suggestions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * One parameter of a template's search space: a float or integer range (uniform or log, optionally on
 * a step grid) or a categorical choice between labelled options (numbers, strings, booleans or whole
 * sub-schedules). A parameter inside an option of a choice is active only when that option is chosen:
 * {@link #conditions()} lists what must hold.
 */
public final class Tunable {
    /** The kind of parameter. */
    public enum Type {
        /** A real number in {@code [low, high]}. */
        FLOAT,
        /** A whole number in {@code [low, high]}. */
        INT,
        /** One of the labelled options. */
        CHOICE
    }

    /** "This parameter is active when choice {@code parameter} is {@code label}". */
    public record Condition(String parameter, String label) {
        @Override
        public String toString() {
            return parameter + " == " + label;
        }
    }

    private final String name;
    private final Type type;
    private final double low;
    private final double high;
    private final boolean log;
    private final double step;
    private final List<String> labels;
    private final List<Object> options;
    private final String path;
    private final List<Condition> conditions;
    private final List<List<Condition>> alternatives;

    private Tunable(
            String name,
            Type type,
            double low,
            double high,
            boolean log,
            double step,
            List<String> labels,
            List<Object> options,
            String path,
            List<List<Condition>> alternatives) {
        this.name = name;
        this.type = type;
        this.low = low;
        this.high = high;
        this.log = log;
        this.step = step;
        this.labels = List.copyOf(labels);
        this.options = List.copyOf(options);
        this.path = path;
        this.alternatives = alternatives.stream().map(List::copyOf).toList();
        List<Condition> common = new ArrayList<>(alternatives.isEmpty() ? List.of() : alternatives.get(0));
        for (List<Condition> a : alternatives) {
            common.retainAll(a);
        }
        this.conditions = List.copyOf(common);
    }

    /** Reads and checks a placeholder spec found at {@code path}. */
    static Tunable parse(ScheduleSpec spec, String defaultName, String path) {
        Map<String, Object> a = spec.args();
        String kind = spec.kind();
        Set<String> allowed = kind.equals(Tune.CHOICE)
                ? Set.of("name", "options", "labels")
                : Set.of("name", "low", "high", "log", "step");
        for (String field : a.keySet()) {
            if (!allowed.contains(field)) {
                throw new SpecException(
                        path + "." + field,
                        "unknown field '" + field + "' for type '" + kind + "'"
                                + Suggestions.didYouMean(field, allowed) + "; allowed fields: "
                                + String.join(", ", new TreeSet<>(allowed)));
            }
        }
        Object n = a.get("name");
        if (n != null && !(n instanceof String && ((String) n).matches("[A-Za-z_][A-Za-z0-9_.\\[\\]]*"))) {
            throw new SpecException(path + ".name", "got " + n + "; expected a parameter name (letters, digits, _)");
        }
        String name = n == null ? defaultName : (String) n;
        switch (kind) {
            case Tune.FLOAT: {
                double low = number(a, "low", path);
                double high = number(a, "high", path);
                boolean log = bool(a, "log", path);
                double step = a.containsKey("step") ? number(a, "step", path) : 0;
                checkRange(path, low, high, log);
                if (a.containsKey("step")) {
                    require(step > 0, path + ".step", "step (" + step + ") must be > 0");
                    require(!log, path + ".step", "a log-scaled range cannot have a step");
                }
                return new Tunable(
                        name, Type.FLOAT, low, high, log, step, List.of(), List.of(), path, List.of(List.of()));
            }
            case Tune.INT: {
                long low = integer(a, "low", path);
                long high = integer(a, "high", path);
                boolean log = bool(a, "log", path);
                long step = a.containsKey("step") ? integer(a, "step", path) : 1;
                checkRange(path, low, high, log);
                require(step >= 1, path + ".step", "step (" + step + ") must be >= 1");
                require(!log || step == 1, path + ".step", "a log-scaled range cannot have a step");
                return new Tunable(
                        name, Type.INT, low, high, log, step, List.of(), List.of(), path, List.of(List.of()));
            }
            case Tune.CHOICE: {
                Object o = a.get("options");
                if (!(o instanceof List<?>) || ((List<?>) o).isEmpty()) {
                    throw new SpecException(path + ".options", "expected a non-empty list of options");
                }
                List<Object> options = new ArrayList<>((List<?>) o);
                List<String> labels = labels(a.get("labels"), options, path);
                return new Tunable(
                        name, Type.CHOICE, Double.NaN, Double.NaN, false, 0, labels, options, path, List.of(List.of()));
            }
            default:
                throw new AssertionError(kind);
        }
    }

    private static List<String> labels(@Nullable Object given, List<Object> options, String path) {
        List<String> labels = new ArrayList<>();
        if (given != null) {
            if (!(given instanceof List<?>) || ((List<?>) given).size() != options.size()) {
                throw new SpecException(
                        path + ".labels", "expected a list of " + options.size() + " labels, one per option");
            }
            for (Object l : (List<?>) given) {
                labels.add(String.valueOf(l));
            }
            if (new HashSet<>(labels).size() != labels.size()) {
                throw new SpecException(path + ".labels", "labels " + labels + " must be unique");
            }
            return labels;
        }
        for (Object option : options) {
            labels.add(option instanceof ScheduleSpec ? ((ScheduleSpec) option).kind() : String.valueOf(option));
        }
        for (int i = 0; i < labels.size(); i++) {
            String l = labels.get(i);
            if (labels.indexOf(l) != labels.lastIndexOf(l)) {
                for (int j = 0; j < labels.size(); j++) {
                    if (labels.get(j).equals(l)) {
                        labels.set(j, l + "_" + (j + 1));
                    }
                }
            }
        }
        return labels;
    }

    private static void checkRange(String path, double low, double high, boolean log) {
        require(low <= high, path + ".high", "high (" + high + ") must be >= low (" + low + ")");
        require(!log || low > 0, path + ".low", "low (" + low + ") must be > 0 for a log-scaled range");
    }

    private static void require(boolean ok, String path, String problem) {
        if (!ok) {
            throw new SpecException(path, problem);
        }
    }

    private static double number(Map<String, Object> a, String field, String path) {
        Object v = a.get(field);
        if (!(v instanceof Number) || !Double.isFinite(((Number) v).doubleValue())) {
            throw new SpecException(path + "." + field, "got " + v + "; expected a finite number");
        }
        return ((Number) v).doubleValue();
    }

    private static long integer(Map<String, Object> a, String field, String path) {
        Object v = a.get(field);
        if (v instanceof Long) {
            return (Long) v;
        }
        if (v instanceof Double && (Double) v == Math.rint((Double) v) && Math.abs((Double) v) < 0x1p53) {
            return (long) (double) (Double) v;
        }
        throw new SpecException(path + "." + field, "got " + v + "; expected a whole number");
    }

    private static boolean bool(Map<String, Object> a, String field, String path) {
        Object v = a.get(field);
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        throw new SpecException(path + "." + field, "got " + v + "; expected true or false");
    }

    Tunable under(List<Condition> conditions) {
        return new Tunable(name, type, low, high, log, step, labels, options, path, List.of(conditions));
    }

    /** The same parameter found again elsewhere: active under this one's conditions or the other's. */
    Tunable or(Tunable other) {
        List<List<Condition>> both = new ArrayList<>(alternatives);
        for (List<Condition> a : other.alternatives) {
            if (!both.contains(a)) {
                both.add(a);
            }
        }
        if (both.contains(List.<Condition>of())) {
            both = List.of(List.of()); // active unconditionally somewhere: always active
        }
        return new Tunable(name, type, low, high, log, step, labels, options, path, both);
    }

    /**
     * The value to substitute for {@code given}: a {@code Double} (float), {@code Long} (int) or the
     * chosen option (choice; {@code given} is its label, or a scalar equal to an option).
     */
    Object accept(Object given) {
        switch (type) {
            case FLOAT: {
                if (!(given instanceof Number)) {
                    throw bad(given, "a number in " + range());
                }
                double v = ((Number) given).doubleValue();
                if (!(v >= low && v <= high)) {
                    throw bad(given, "in " + range());
                }
                if (step > 0) {
                    double k = (v - low) / step;
                    if (Math.abs(k - Math.rint(k)) > 1e-9 * Math.max(1, Math.abs(k))) {
                        throw bad(given, "on the grid " + low + " + k * " + step);
                    }
                }
                return v;
            }
            case INT: {
                if (!(given instanceof Number)
                        || ((Number) given).doubleValue() != Math.rint(((Number) given).doubleValue())) {
                    throw bad(given, "a whole number in " + range());
                }
                long v = ((Number) given).longValue();
                if (v < low || v > high || (v - (long) low) % (long) step != 0) {
                    throw bad(given, "in " + range());
                }
                return v;
            }
            case CHOICE: {
                int i = labels.indexOf(String.valueOf(given));
                if (i < 0 && !(given instanceof String)) {
                    for (int j = 0; j < options.size(); j++) {
                        Object o = options.get(j);
                        if (o.equals(given)
                                || (o instanceof Number
                                        && given instanceof Number
                                        && ((Number) o).doubleValue() == ((Number) given).doubleValue())) {
                            i = j;
                            break;
                        }
                    }
                }
                if (i < 0) {
                    throw new IllegalArgumentException(
                            name + " (" + given + ") must be one of " + String.join(", ", labels)
                                    + (given instanceof String ? Suggestions.didYouMean((String) given, labels) : ""));
                }
                return options.get(i);
            }
            default:
                throw new AssertionError(type);
        }
    }

    private IllegalArgumentException bad(Object given, String rule) {
        return new IllegalArgumentException(name + " (" + given + ") must be " + rule);
    }

    private String range() {
        if (type == Type.INT) {
            return "[" + (long) low + ", " + (long) high + "]" + (step != 1 ? " with step " + (long) step : "");
        }
        return "[" + low + ", " + high + "]" + (step > 0 ? " with step " + step : "");
    }

    /** The name values are bound by. */
    public String name() {
        return name;
    }

    public Type type() {
        return type;
    }

    /** The lower bound (ranges). */
    public double low() {
        return low;
    }

    /** The upper bound (ranges). */
    public double high() {
        return high;
    }

    /** Whether a range is sampled on a log scale. */
    public boolean log() {
        return log;
    }

    /** The grid step of a range: 0 for a continuous float, 1 for a plain integer. */
    public double step() {
        return step;
    }

    /** The option labels (choices). */
    public List<String> labels() {
        return labels;
    }

    /** The options, as data (choices): numbers, strings, booleans or schedule specs. */
    public List<Object> options() {
        return options;
    }

    /** Where the placeholder sits in the template ({@code $.schedule.from}). */
    public String path() {
        return path;
    }

    /**
     * What must have been chosen for this parameter to be active, in every case (empty: always active,
     * or active under alternatives with nothing in common; see {@link #alternatives()}).
     */
    public List<Condition> conditions() {
        return conditions;
    }

    /**
     * The sets of conditions under which this parameter is active: it is active when all conditions of
     * any one set hold (a parameter of the same name in two options of a choice has two sets).
     */
    public List<List<Condition>> alternatives() {
        return alternatives;
    }

    /** Whether this parameter is active under {@code values}. */
    public boolean isActive(Map<String, ?> values) {
        for (List<Condition> all : alternatives) {
            boolean holds = true;
            for (Condition c : all) {
                Object v = values.get(c.parameter());
                if (v == null || !c.label().equals(String.valueOf(v))) {
                    holds = false;
                    break;
                }
            }
            if (holds) {
                return true;
            }
        }
        return false;
    }

    /** Same distribution (type, range, options) as {@code other}, whatever the path. */
    boolean sameDistribution(Tunable other) {
        return type == other.type
                && Double.compare(low, other.low) == 0
                && Double.compare(high, other.high) == 0
                && log == other.log
                && Double.compare(step, other.step) == 0
                && labels.equals(other.labels);
    }

    /** Reads like {@code peak_lr: float in [1.0E-4, 0.1], log}. */
    @Override
    public String toString() {
        String what = type == Type.CHOICE
                ? "choice of " + String.join(", ", labels)
                : type.name().toLowerCase(Locale.ROOT) + " in " + range() + (log ? ", log" : "");
        String when = alternatives.size() == 1 && alternatives.get(0).isEmpty()
                ? ""
                : " (when " + alternatives.stream().map(List::toString).collect(Collectors.joining(" or ")) + ")";
        return name + ": " + what + when;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Tunable
                && ((Tunable) o).name.equals(name)
                && sameDistribution((Tunable) o)
                && ((Tunable) o).options.equals(options)
                && ((Tunable) o).path.equals(path)
                && ((Tunable) o).alternatives.equals(alternatives);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, low, high, log, step, labels, path, alternatives);
    }
}
