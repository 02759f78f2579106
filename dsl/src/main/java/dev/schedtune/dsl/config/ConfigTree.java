package dev.schedtune.dsl.config;

import dev.schedtune.dsl.spec.KindRegistry;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A JSON or YAML document read as plain data (ordered maps with string keys, lists, strings, {@code
 * Long}, {@code Double}, {@code Boolean}), safely and with the same limits as a schedule config, that
 * remembers where each value was. For documents that hold schedule configs among other settings (a
 * tuning study's config holds a template): the caller walks {@link #root()}, reports bad settings with
 * {@link #error(String, String)}, and builds the schedule parts with {@link #build(String,
 * KindRegistry)}. Every error names the source, line, column and the full path of the value.
 */
public final class ConfigTree {
    private final Object root;
    private final @Nullable String source;
    private final Map<String, TreeReader.Location> locations;

    private ConfigTree(TreeReader.Tree tree, @Nullable String source) {
        this.root = tree.root();
        this.source = source;
        this.locations = tree.locations();
    }

    /** Reads {@code file}, JSON or YAML by its extension (or its first character). */
    public static ConfigTree read(Path file) {
        String name = file.toString();
        String text = Configs.readText(file);
        return new ConfigTree(TreeReader.read(text, ConfigFormat.guess(name, text), name), name);
    }

    /** Parses {@code text}; errors name {@code sourceName} when it is not null. */
    public static ConfigTree parse(String text, ConfigFormat format, @Nullable String sourceName) {
        return new ConfigTree(TreeReader.read(text, format, sourceName), sourceName);
    }

    /** The document: a map, list, string, number or boolean (never null). */
    public Object root() {
        return root;
    }

    /** Where the document was read from, if known. */
    public Optional<String> source() {
        return Optional.ofNullable(source);
    }

    /** 1-based line of the value at {@code path} (or of its nearest ancestor in the text), 0 if unknown. */
    public int line(String path) {
        return ConfigDocument.locate(locations, path).line();
    }

    /**
     * An error about the value at {@code path} ({@code $.budget.trials}), located at its line and column
     * (or its nearest ancestor's when the value is missing).
     */
    public ConfigException error(String path, String problem) {
        TreeReader.Location at = ConfigDocument.locate(locations, path);
        return new ConfigException(source, at.line(), at.column(), path, problem);
    }

    /**
     * The map at {@code path} read as a schedule config document (a schedule, a {@code schedules} map or
     * a template); errors name the full path ({@code $.template.schedule.max_lr}).
     *
     * @throws ConfigException if there is no map at {@code path} or it is not a valid document
     */
    public ConfigDocument document(String path) {
        Object value = at(path);
        Map<String, TreeReader.Location> relative = new LinkedHashMap<>();
        locations.forEach((p, location) -> {
            if (p.equals(path) || p.startsWith(path + ".") || p.startsWith(path + "[")) {
                relative.put("$" + p.substring(path.length()), location);
            }
        });
        try {
            return DocumentMapper.map(new TreeReader.Tree(value, relative), source);
        } catch (ConfigException e) {
            throw rebased(e, path);
        }
    }

    /**
     * Builds the schedule config at {@code path}: a {@code Schedule}, a {@code ScheduleSet} or a template.
     *
     * @throws ConfigException naming the full path of the first bad value
     */
    public Object build(String path, KindRegistry registry) {
        ConfigDocument document = document(path);
        try {
            return document.build(registry);
        } catch (ConfigException e) {
            throw rebased(e, path);
        }
    }

    private Object at(String path) {
        if (path.equals("$")) {
            return root;
        }
        Object node = root;
        // only field steps: the caller names maps it found by walking the tree
        for (String key : path.substring(2).split("\\.", -1)) {
            if (!(node instanceof Map<?, ?>) || !((Map<?, ?>) node).containsKey(key)) {
                throw error(path, "no value here");
            }
            node = ((Map<?, ?>) node).get(key);
        }
        if (node == null) {
            throw error(path, "no value here");
        }
        return node;
    }

    private static ConfigException rebased(ConfigException e, String base) {
        String p = e.path();
        String full = p == null ? null : base + p.substring(1);
        return new ConfigException(e.source(), e.line(), e.column(), full, e.problem(), e);
    }
}
