package dev.schedtune.dsl.config;

import com.google.common.collect.ImmutableMap;
import dev.schedtune.dsl.spec.ScheduleSpec;
import dev.schedtune.dsl.spec.Suggestions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Turns parsed data into a {@link ConfigDocument}: checks the envelope and makes nested specs. */
final class DocumentMapper {
    static final String VERSION = "schedtune";
    static final String TYPE = "type";
    static final String SCHEDULES = "schedules";

    private final @Nullable String source;
    private final Map<String, TreeReader.Location> locations;

    private DocumentMapper(@Nullable String source, Map<String, TreeReader.Location> locations) {
        this.source = source;
        this.locations = locations;
    }

    static ConfigDocument map(TreeReader.Tree tree, @Nullable String source) {
        return new DocumentMapper(source, tree.locations()).document(tree.root());
    }

    private ConfigDocument document(Object root) {
        if (!(root instanceof Map<?, ?>)) {
            throw error("$", "got " + describe(root) + "; a config is a map with a 'type' field or a 'schedules' map");
        }
        Map<String, Object> fields = new LinkedHashMap<>(stringKeys(root));
        int version = version(fields.remove(VERSION));
        boolean hasType = fields.containsKey(TYPE);
        // with a 'type', every other field belongs to that kind (optax.join_schedules has a 'schedules' field)
        if (!hasType && fields.containsKey(SCHEDULES)) {
            for (String key : fields.keySet()) {
                if (!key.equals(SCHEDULES)) {
                    throw error(
                            "$." + key,
                            "unknown top-level field '" + key + "'"
                                    + Suggestions.didYouMean(key, List.of(VERSION, SCHEDULES))
                                    + "; allowed next to 'schedules': " + VERSION);
                }
            }
            return ConfigDocument.ofSchedules(version, schedules(fields.get(SCHEDULES)), source, locations);
        }
        if (!hasType) {
            String hint = fields.keySet().stream()
                    .map(k -> Suggestions.closest(k, List.of(TYPE, SCHEDULES)).orElse(null))
                    .filter(k -> k != null)
                    .findFirst()
                    .map(k -> " (did you mean '" + k + "'?)")
                    .orElse("");
            throw error(
                    "$",
                    "missing field 'type'" + hint
                            + "; a config is one schedule ({type: cosine, ...}) or a 'schedules' map of"
                            + " hyperparameter -> schedule");
        }
        return ConfigDocument.ofSpec(version, spec(fields, "$"), source, locations);
    }

    private int version(@Nullable Object value) {
        String at = "$." + VERSION;
        if (value == null) {
            return Configs.FORMAT_VERSION;
        }
        if (!(value instanceof Long)) {
            throw error(at, "got " + describe(value) + "; expected the format version, a whole number (1)");
        }
        long v = (Long) value;
        if (v > Configs.FORMAT_VERSION) {
            throw error(
                    at,
                    "config format version " + v + " is newer than this schedtune understands (at most "
                            + Configs.FORMAT_VERSION + "); upgrade schedtune to read it");
        }
        if (v < 1) {
            throw error(at, "got " + v + "; format versions start at 1 (current: " + Configs.FORMAT_VERSION + ")");
        }
        return (int) v;
    }

    private ImmutableMap<String, ScheduleSpec> schedules(@Nullable Object value) {
        String at = "$." + SCHEDULES;
        if (!(value instanceof Map<?, ?>)) {
            throw error(at, "got " + describe(value) + "; expected a map of hyperparameter name -> schedule");
        }
        Map<String, Object> map = stringKeys(value);
        if (map.isEmpty()) {
            throw error(at, "is empty; give at least one hyperparameter, e.g. lr: {type: constant, value: 0.1}");
        }
        ImmutableMap.Builder<String, ScheduleSpec> out = ImmutableMap.builder();
        for (Map.Entry<String, Object> e : map.entrySet()) {
            String child = at + "." + e.getKey();
            if (!e.getKey().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw error(
                        child,
                        "hyperparameter name '" + e.getKey()
                                + "' must be an identifier (a letter or '_' followed by letters, digits or '_')");
            }
            if (!(e.getValue() instanceof Map<?, ?>)) {
                throw error(
                        child, "got " + describe(e.getValue()) + "; expected a schedule document with a 'type' field");
            }
            out.put(e.getKey(), spec(stringKeys(e.getValue()), child));
        }
        return out.buildOrThrow();
    }

    private ScheduleSpec spec(Map<String, Object> fields, String path) {
        Object type = fields.get(TYPE);
        if (!(type instanceof String) || ((String) type).isBlank()) {
            throw error(
                    path + "." + TYPE,
                    "got " + describe(type) + "; expected a type name such as 'cosine' or 'torch.OneCycleLR'");
        }
        Map<String, Object> args = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            if (!e.getKey().equals(TYPE)) {
                args.put(e.getKey(), value(e.getValue(), path + "." + e.getKey()));
            }
        }
        return ScheduleSpec.of((String) type, args);
    }

    /** Maps with a 'type' become nested specs; other maps and lists are converted element by element. */
    private Object value(Object value, String path) {
        if (value instanceof Map<?, ?>) {
            Map<String, Object> map = stringKeys(value);
            if (map.containsKey(TYPE)) {
                return spec(map, path);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, value(v, path + "." + k)));
            return out;
        }
        if (value instanceof List<?>) {
            List<Object> out = new ArrayList<>();
            List<?> list = (List<?>) value;
            for (int i = 0; i < list.size(); i++) {
                out.add(value(list.get(i), path + "[" + i + "]"));
            }
            return out;
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stringKeys(Object map) {
        // TreeReader only makes maps with string keys
        return (Map<String, Object>) map;
    }

    static String describe(@Nullable Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof String) {
            return "'" + value + "' (a string)";
        }
        if (value instanceof Map<?, ?>) {
            return "a map";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        return String.valueOf(value);
    }

    private ConfigException error(String path, String problem) {
        TreeReader.Location at = ConfigDocument.locate(locations, path);
        return new ConfigException(source, at.line(), at.column(), path, problem);
    }
}
