package dev.schedtune.dsl.template;

import dev.schedtune.dsl.Schedule;
import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.dsl.spec.Kind;
import dev.schedtune.dsl.spec.KindRegistry;
import dev.schedtune.dsl.spec.Param;
import dev.schedtune.dsl.spec.ParamType;
import dev.schedtune.dsl.spec.ScheduleSpec;
import dev.schedtune.dsl.spec.SpecException;
import dev.schedtune.dsl.spec.Specified;
import dev.schedtune.dsl.spec.Suggestions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A schedule family: a spec in which some values are {@link Tune} placeholders. It lists its search
 * space ({@link #space()}), and binds values to a concrete schedule or schedule set ({@link #bind(Map)}),
 * or asks a {@link Suggester} for them define-by-run ({@link #sample(Suggester)}), asking only for the
 * parameters that the choices made so far activate.
 *
 * <p>As data a template is {@code template(schedule=<spec with placeholders>)}; {@code
 * KindRegistry.builtIn().build(t.spec())} gives an equal template. The skeleton is checked when the
 * template is made: every kind and field must exist, and every placeholder must sit where its values
 * fit (a float range in a number field, a choice of schedules in a schedule field, ...).
 */
public final class Template implements Specified {
    private static final Param SCHEDULE = Param.required(
            "schedule",
            ParamType.SPEC,
            "a schedule document; tune_* placeholders allowed anywhere",
            "the schedule with its tunable values");

    /** The kind {@code template(schedule=...)}: a schedule family. */
    public static final Kind KIND = Kind.template(
            "template",
            "a schedule family: a schedule whose values may be tune_float, tune_int or tune_choice ranges",
            List.of(SCHEDULE),
            a -> of((ScheduleSpec) SCHEDULE.raw(a)));

    private final ScheduleSpec skeleton;
    private final KindRegistry registry;
    private final List<Tunable> space;
    private final Map<String, Tunable> byName;
    private final Kind.Produces produces;

    private Template(ScheduleSpec skeleton, KindRegistry registry) {
        this.skeleton = skeleton;
        this.registry = registry;
        List<Tunable> found = new ArrayList<>();
        this.produces = walk(skeleton, "$", ParamType.SCHEDULE, List.of(), found);
        Map<String, Tunable> names = new LinkedHashMap<>();
        for (Tunable t : found) {
            Tunable before = names.get(t.name());
            if (before == null) {
                names.put(t.name(), t);
            } else if (before.sameDistribution(t)) {
                names.put(t.name(), before.or(t));
            } else {
                throw new SpecException(
                        t.path(),
                        "tunable parameter '" + t.name() + "' is also defined at " + before.path()
                                + " with another range or options; give one of them another name");
            }
        }
        this.space = List.copyOf(names.values());
        this.byName = Collections.unmodifiableMap(names);
    }

    /** A template over the built-in kinds. */
    public static Template of(ScheduleSpec skeleton) {
        return new Template(skeleton, KindRegistry.builtIn());
    }

    /** A template over the kinds of {@code registry}. */
    public static Template of(ScheduleSpec skeleton, KindRegistry registry) {
        return new Template(skeleton, registry);
    }

    /** A template of a concrete schedule (no parameters yet); mark values tunable with {@link #with}. */
    public static Template from(Specified concrete) {
        return of(concrete.spec());
    }

    /**
     * This template with the value at {@code path} replaced by {@code value} (a placeholder, a plain
     * value or a spec). The path is JSONPath-like: {@code $.schedules[1].from}; its last field may be an
     * optional argument not yet present.
     */
    public Template with(String path, Object value) {
        List<Object> tokens = parsePath(path);
        return new Template((ScheduleSpec) replace(skeleton, tokens, 0, value, "$"), registry);
    }

    /**
     * Every path {@link #with(String, Object)} takes, in document order, with the value there now: the
     * schedule arguments of the skeleton and of the specs nested in it ({@code $.from}, {@code $.schedule.high},
     * {@code $.schedules[1].steps}, ...). A path names the fields of the spec as its config writes them
     * ({@code Configs.write(template.skeleton(), ConfigFormat.YAML)} shows the same tree).
     */
    public Map<String, Object> paths() {
        Map<String, Object> out = new LinkedHashMap<>();
        collectPaths(skeleton, "$", out);
        return Collections.unmodifiableMap(out);
    }

    private static void collectPaths(Object node, String at, Map<String, Object> out) {
        if (node instanceof ScheduleSpec spec
                && !spec.kind().equals(Tune.FLOAT)
                && !spec.kind().equals(Tune.INT)) {
            spec.args().forEach((k, v) -> {
                out.put(at + "." + k, v);
                collectPaths(v, at + "." + k, out);
            });
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                out.put(at + "[" + i + "]", list.get(i));
                collectPaths(list.get(i), at + "[" + i + "]", out);
            }
        } else if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                out.put(at + "." + k, v);
                collectPaths(v, at + "." + k, out);
            });
        }
    }

    /** The spec with its placeholders. */
    public ScheduleSpec skeleton() {
        return skeleton;
    }

    /**
     * Whether binding gives a schedule or a schedule set ({@code SCHEDULE_SET} when any option of a root
     * choice is a set: use {@link #bindSet}, which turns a single schedule into {@code {lr: schedule}}).
     */
    public Kind.Produces produces() {
        return produces;
    }

    /** Every tunable parameter, in document order; conditional ones carry their conditions. */
    public List<Tunable> space() {
        return space;
    }

    /** The parameter named {@code name}. */
    public Optional<Tunable> parameter(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * The concrete spec for {@code values} (a value per active parameter: numbers for ranges, labels for
     * choices). Values of inactive parameters are ignored; unknown names are rejected.
     *
     * @throws IllegalArgumentException naming a missing, unknown or out-of-range parameter
     */
    public ScheduleSpec bindSpec(Map<String, ?> values) {
        for (String given : values.keySet()) {
            if (!byName.containsKey(given)) {
                throw new IllegalArgumentException("unknown tunable parameter '" + given + "'"
                        + Suggestions.didYouMean(given, byName.keySet()) + "; parameters: "
                        + String.join(", ", byName.keySet()));
            }
        }
        return (ScheduleSpec) substitute(skeleton, "$", values::get);
    }

    /** The schedule or schedule set for {@code values}. */
    public Object bind(Map<String, ?> values) {
        return registry.build(bindSpec(values));
    }

    /** The schedule for {@code values}; the template must produce a single schedule. */
    public Schedule bindSchedule(Map<String, ?> values) {
        return registry.buildSchedule(bindSpec(values), "$");
    }

    /** The schedule set for {@code values}; a template of a single schedule gives the set {@code {lr: ...}}. */
    public ScheduleSet bindSet(Map<String, ?> values) {
        Object built = bind(values);
        return built instanceof ScheduleSet ? (ScheduleSet) built : ScheduleSet.of((Schedule) built);
    }

    /**
     * Asks {@code suggester} for the active parameters, in document order, and returns the values by
     * name (bind them with {@link #bind(Map)}).
     */
    public Map<String, Object> suggest(Suggester suggester) {
        Map<String, Object> chosen = new LinkedHashMap<>();
        substitute(skeleton, "$", name -> {
            Object known = chosen.get(name);
            if (known != null) {
                return known;
            }
            Tunable t = byName.get(name);
            Object v;
            switch (t.type()) {
                case FLOAT:
                    v = suggester.suggestFloat(name, t.low(), t.high(), t.step(), t.log());
                    break;
                case INT:
                    v = suggester.suggestInt(name, (long) t.low(), (long) t.high(), (long) t.step(), t.log());
                    break;
                case CHOICE:
                    v = suggester.suggestCategorical(name, t.labels());
                    break;
                default:
                    throw new AssertionError(t.type());
            }
            chosen.put(name, v);
            return v;
        });
        return Collections.unmodifiableMap(chosen);
    }

    /** {@code bind(suggest(suggester))}. */
    public Object sample(Suggester suggester) {
        return bind(suggest(suggester));
    }

    @Override
    public ScheduleSpec spec() {
        return ScheduleSpec.builder(KIND).put(SCHEDULE, skeleton).build();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Template that && that.skeleton.equals(skeleton);
    }

    @Override
    public int hashCode() {
        return skeleton.hashCode();
    }

    @Override
    public String toString() {
        return spec().toString();
    }

    // ---- walking the skeleton

    /** Checks {@code value} against a field of type {@code slot} and collects its placeholders. */
    private Kind.@Nullable Produces walk(
            Object value, String path, ParamType slot, List<Tunable.Condition> conditions, List<Tunable> out) {
        if (value instanceof ScheduleSpec) {
            ScheduleSpec spec = (ScheduleSpec) value;
            if (Tune.isPlaceholderKind(spec.kind())) {
                Tunable t = Tunable.parse(spec, defaultName(path), path).under(conditions);
                checkFits(t, slot, path);
                out.add(t);
                Kind.Produces produces = null;
                for (int i = 0; i < t.options().size(); i++) {
                    List<Tunable.Condition> c = new ArrayList<>(conditions);
                    c.add(new Tunable.Condition(t.name(), t.labels().get(i)));
                    Kind.Produces p = walk(t.options().get(i), path + ".options[" + i + "]", slot, c, out);
                    // a choice between a schedule and a set binds to a set ({lr: schedule} for the former)
                    produces = produces == null || p == Kind.Produces.SCHEDULE_SET ? p : produces;
                }
                return produces;
            }
            if (slot != ParamType.SCHEDULE && slot != ParamType.SPEC) {
                throw new SpecException(
                        path,
                        "got a schedule of type '" + spec.kind() + "' where a "
                                + slot.name().toLowerCase(Locale.ROOT) + " is expected");
            }
            Kind kind = registry.find(spec.kind())
                    .orElseThrow(() -> new SpecException(
                            path,
                            "unknown type '" + spec.kind() + "'"
                                    + Suggestions.didYouMean(
                                            spec.kind(),
                                            registry.kinds().stream()
                                                    .map(Kind::name)
                                                    .toList())));
            for (Map.Entry<String, Object> arg : spec.args().entrySet()) {
                String at = path + "." + arg.getKey();
                Param param = kind.param(arg.getKey())
                        .orElseThrow(() -> new SpecException(
                                at,
                                "unknown field '" + arg.getKey() + "' for type '" + kind.name() + "'"
                                        + Suggestions.didYouMean(
                                                arg.getKey(),
                                                kind.params().stream()
                                                        .map(Param::name)
                                                        .toList())));
                walk(arg.getValue(), at, param.type(), conditions, out);
            }
            return kind.produces();
        }
        if (value instanceof List<?>) {
            List<?> list = (List<?>) value;
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path + "[" + i + "]", element(slot), conditions, out);
            }
        } else if (value instanceof Map<?, ?>) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                walk(e.getValue(), path + "." + e.getKey(), element(slot), conditions, out);
            }
        }
        return null;
    }

    private static ParamType element(ParamType slot) {
        switch (slot) {
            case NUMBER_LIST:
            case NUMBER_MAP:
                return ParamType.NUMBER;
            case INTEGER_LIST:
                return ParamType.INTEGER;
            case SCHEDULE_LIST:
            case SCHEDULE_MAP:
                return ParamType.SCHEDULE;
            default:
                return slot;
        }
    }

    private static void checkFits(Tunable t, ParamType slot, String path) {
        switch (t.type()) {
            case FLOAT:
                if (slot != ParamType.NUMBER) {
                    throw new SpecException(path, "a float range cannot fill a " + lower(slot) + " field");
                }
                return;
            case INT:
                if (slot != ParamType.NUMBER && slot != ParamType.INTEGER) {
                    throw new SpecException(path, "an integer range cannot fill a " + lower(slot) + " field");
                }
                return;
            case CHOICE:
                for (int i = 0; i < t.options().size(); i++) {
                    Object o = t.options().get(i);
                    boolean fits;
                    switch (slot) {
                        case NUMBER:
                            fits = o instanceof Number;
                            break;
                        case INTEGER:
                            fits = o instanceof Long;
                            break;
                        case BOOLEAN:
                            fits = o instanceof Boolean;
                            break;
                        case STRING:
                        case CHOICE:
                            fits = o instanceof String;
                            break;
                        case SCHEDULE:
                        case SPEC:
                            fits = o instanceof ScheduleSpec;
                            break;
                        default:
                            fits = true;
                    }
                    if (!fits) {
                        throw new SpecException(
                                path + ".options[" + i + "]",
                                "option " + o + " cannot fill a " + lower(slot) + " field");
                    }
                }
                return;
            default:
                throw new AssertionError(t.type());
        }
    }

    private static String lower(ParamType t) {
        return t.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** {@code $.schedules[1].from} -&gt; {@code schedules[1].from}; the root -&gt; {@code schedule}. */
    private static String defaultName(String path) {
        String p = path.startsWith("$.") ? path.substring(2) : path.substring(1);
        p = p.replaceAll("\\.options\\[\\d+]", "");
        return p.isEmpty() ? "schedule" : p;
    }

    /** The skeleton with each active placeholder replaced by the checked value {@code lookup} gives. */
    private Object substitute(Object value, String path, Function<String, @Nullable Object> lookup) {
        if (value instanceof ScheduleSpec) {
            ScheduleSpec spec = (ScheduleSpec) value;
            if (Tune.isPlaceholderKind(spec.kind())) {
                Tunable t = Tunable.parse(spec, defaultName(path), path);
                Tunable known = byName.get(t.name());
                Object given = lookup.apply(t.name());
                if (given == null) {
                    throw new IllegalArgumentException(
                            "missing value for tunable parameter " + (known == null ? t : known));
                }
                Object chosen = t.accept(given);
                if (t.type() == Tunable.Type.CHOICE) {
                    int i = t.options().indexOf(chosen);
                    return substitute(chosen, path + ".options[" + i + "]", lookup);
                }
                return chosen;
            }
            ScheduleSpec.Builder b = ScheduleSpec.builder(spec.kind());
            spec.args().forEach((k, v) -> b.put(k, substitute(v, path + "." + k, lookup)));
            return b.build();
        }
        if (value instanceof List<?>) {
            List<Object> out = new ArrayList<>();
            List<?> list = (List<?>) value;
            for (int i = 0; i < list.size(); i++) {
                out.add(substitute(list.get(i), path + "[" + i + "]", lookup));
            }
            return out;
        }
        if (value instanceof Map<?, ?>) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<?, ?>) value).forEach((k, v) -> out.put(String.valueOf(k), substitute(v, path + "." + k, lookup)));
            return out;
        }
        return value;
    }

    // ---- paths

    private static List<Object> parsePath(String path) {
        String p = path.startsWith("$") ? path.substring(1) : "." + path;
        List<Object> tokens = new ArrayList<>();
        Matcher m = Pattern.compile("\\.([A-Za-z_][A-Za-z0-9_]*)|\\[(\\d+)]").matcher(p);
        int at = 0;
        while (at < p.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException(
                        "path (" + path + ") must look like $.field[index].field, e.g. $.schedules[1].from");
            }
            tokens.add(m.group(1) != null ? m.group(1) : Integer.valueOf(m.group(2)));
            at = m.end();
        }
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("path (" + path + ") must name a field, e.g. $.from");
        }
        return tokens;
    }

    private static Object replace(Object node, List<Object> tokens, int i, Object value, String at) {
        Object token = tokens.get(i);
        String here = at + (token instanceof Integer ? "[" + token + "]" : "." + token);
        boolean last = i == tokens.size() - 1;
        if (token instanceof String && node instanceof ScheduleSpec) {
            ScheduleSpec spec = (ScheduleSpec) node;
            Object child = spec.arg((String) token);
            if (child == null && !last) {
                throw new IllegalArgumentException("path " + here + " does not exist in " + spec);
            }
            Object replaced = last ? value : replace(child, tokens, i + 1, value, here);
            ScheduleSpec.Builder b = ScheduleSpec.builder(spec.kind());
            Set<String> names = new LinkedHashSet<>(spec.args().keySet());
            names.add((String) token);
            for (String name : names) {
                b.put(name, name.equals(token) ? replaced : spec.args().get(name));
            }
            return b.build();
        }
        if (token instanceof String && node instanceof Map<?, ?> && ((Map<?, ?>) node).containsKey(token)) {
            Map<String, Object> copy = new LinkedHashMap<>();
            ((Map<?, ?>) node).forEach((k, v) -> copy.put(String.valueOf(k), v));
            copy.put((String) token, last ? value : replace(copy.get(token), tokens, i + 1, value, here));
            return copy;
        }
        if (token instanceof Integer && node instanceof List<?> && (Integer) token < ((List<?>) node).size()) {
            List<Object> copy = new ArrayList<>((List<?>) node);
            int k = (Integer) token;
            copy.set(k, last ? value : replace(copy.get(k), tokens, i + 1, value, here));
            return copy;
        }
        throw new IllegalArgumentException("path " + here + " does not exist in the template");
    }
}
