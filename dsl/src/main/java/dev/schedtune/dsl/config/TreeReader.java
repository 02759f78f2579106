package dev.schedtune.dsl.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Parses JSON or YAML text into plain data (ordered maps, lists, strings, Long, Double, Boolean) and
 * remembers where each value was, so later errors can name a line. Nothing is instantiated from the
 * text: the parser is a token stream, YAML tags and aliases are refused, and size, depth and node
 * count are bounded.
 */
final class TreeReader {
    /** Largest accepted text, in characters (a schedule config is a few hundred). */
    static final int MAX_CHARS = 1 << 20;
    /** Deepest accepted nesting of maps and lists. */
    static final int MAX_DEPTH = 64;
    /** Most values in one document. */
    static final int MAX_NODES = 100_000;

    private static final Set<String> YAML_BOOLEANS = Set.of("true", "false", "True", "False", "TRUE", "FALSE");

    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH + 1)
                    .maxNumberLength(400)
                    .maxStringLength(MAX_CHARS)
                    .build())
            .build();

    private static final YAMLFactory YAML = YAMLFactory.builder()
            .loaderOptions(yamlLimits())
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH + 1)
                    .maxNumberLength(400)
                    .maxStringLength(MAX_CHARS)
                    .build())
            .build();

    /** Where a value starts in the text (1-based). */
    record Location(int line, int column) {}

    /** The parsed root and the location of every path. */
    record Tree(Object root, Map<String, Location> locations) {}

    private final ConfigFormat format;
    private final @Nullable String source;
    private final Map<String, Location> locations = new HashMap<>();
    private int nodes;

    private TreeReader(ConfigFormat format, @Nullable String source) {
        this.format = format;
        this.source = source;
    }

    private static LoaderOptions yamlLimits() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CHARS + 1);
        options.setNestingDepthLimit(MAX_DEPTH + 1);
        options.setMaxAliasesForCollections(0);
        options.setAllowRecursiveKeys(false);
        options.setProcessComments(false);
        return options;
    }

    static Tree read(String text, ConfigFormat format, @Nullable String source) {
        if (text.length() > MAX_CHARS) {
            throw new ConfigException(
                    source,
                    0,
                    0,
                    null,
                    "config is " + text.length() + " characters long; at most " + MAX_CHARS + " are accepted");
        }
        return new TreeReader(format, source).parse(text);
    }

    private Tree parse(String text) {
        String kind = format == ConfigFormat.JSON ? "JSON" : "YAML";
        JsonParser parser = null;
        try {
            parser = (format == ConfigFormat.JSON ? JSON : YAML).createParser(text);
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new ConfigException(
                        source,
                        0,
                        0,
                        null,
                        "config is empty; expected a document with a 'type' field or a 'schedules' map");
            }
            Object root = value(parser, "$", 0);
            JsonToken extra = parser.nextToken();
            if (extra != null) {
                JsonLocation at = parser.currentTokenLocation();
                throw new ConfigException(
                        source,
                        at.getLineNr(),
                        at.getColumnNr(),
                        null,
                        kind + " syntax error: more than one document; a config holds exactly one");
            }
            return new Tree(root, Collections.unmodifiableMap(locations));
        } catch (JsonProcessingException e) {
            throw syntaxError(kind, e);
        } catch (IOException e) {
            throw new ConfigException(source, 0, 0, null, kind + " could not be read: " + e.getMessage(), e);
        } catch (ConfigException e) {
            throw e;
        } catch (RuntimeException e) {
            // SnakeYAML reports some limits (code points, nesting) with its own unchecked exceptions.
            throw yamlError(kind, e, parser);
        } finally {
            closeQuietly(parser);
        }
    }

    private static void closeQuietly(@Nullable JsonParser parser) {
        if (parser != null) {
            try {
                parser.close();
            } catch (IOException | RuntimeException ignored) {
                // the text is in memory; nothing to release
            }
        }
    }

    private Object value(JsonParser p, String path, int depth) throws IOException {
        JsonToken token = p.currentToken();
        JsonLocation at = p.currentTokenLocation();
        locations.putIfAbsent(path, new Location(at.getLineNr(), at.getColumnNr()));
        if (++nodes > MAX_NODES) {
            throw error(p, path, "config has more than " + MAX_NODES + " values; a schedule needs far fewer");
        }
        checkPlainYaml(p, path);
        switch (token) {
            case START_OBJECT:
                return object(p, path, depth + 1);
            case START_ARRAY:
                return array(p, path, depth + 1);
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    throw error(
                            p,
                            path,
                            "got " + p.getText() + "; a whole number must lie between " + Long.MIN_VALUE + " and "
                                    + Long.MAX_VALUE);
                }
                return p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
            case VALUE_FALSE:
                // YAML 1.1 also reads yes/no/on/off as booleans; we keep them as text, as YAML 1.2 does.
                if (format == ConfigFormat.YAML && !YAML_BOOLEANS.contains(p.getText())) {
                    return p.getText();
                }
                return token == JsonToken.VALUE_TRUE;
            case VALUE_NULL:
                throw error(p, path, "got null; give a value, or leave the field out to use its default");
            default:
                throw error(p, path, "got " + token + "; expected a map, list, number, string or boolean");
        }
    }

    private Map<String, Object> object(JsonParser p, String path, int depth) throws IOException {
        checkDepth(p, path, depth);
        Map<String, Object> map = new LinkedHashMap<>();
        JsonToken token;
        while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            String child = path + "." + key;
            JsonLocation at = p.currentTokenLocation();
            if (map.containsKey(key)) {
                throw new ConfigException(
                        source, at.getLineNr(), at.getColumnNr(), child, "field '" + key + "' is given twice");
            }
            p.nextToken();
            map.put(key, value(p, child, depth));
        }
        if (token != JsonToken.END_OBJECT) {
            throw error(p, path, "malformed map");
        }
        return map;
    }

    private List<Object> array(JsonParser p, String path, int depth) throws IOException {
        checkDepth(p, path, depth);
        List<Object> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() == null) {
                throw error(p, path, "list is not closed");
            }
            list.add(value(p, path + "[" + list.size() + "]", depth));
        }
        return list;
    }

    private void checkDepth(JsonParser p, String path, int depth) {
        if (depth > MAX_DEPTH) {
            throw error(p, path, "nesting is deeper than " + MAX_DEPTH + " levels");
        }
    }

    private void checkPlainYaml(JsonParser p, String path) throws IOException {
        if (!(p instanceof YAMLParser)) {
            return;
        }
        YAMLParser y = (YAMLParser) p;
        if (y.isCurrentAlias()) {
            throw error(p, path, "YAML alias '*" + p.getText() + "' is not supported; write the value out");
        }
        String tag = y.getTypeId();
        if (tag != null) {
            throw error(
                    p,
                    path,
                    "YAML tag '" + tag.replace("tag:yaml.org,2002:", "!!")
                            + "' is not allowed; configs are plain data (remove the tag)");
        }
    }

    private ConfigException error(JsonParser p, String path, String problem) {
        JsonLocation at = p.currentTokenLocation();
        return new ConfigException(source, at.getLineNr(), at.getColumnNr(), path, problem);
    }

    private ConfigException syntaxError(String kind, JsonProcessingException e) {
        Throwable cause = e.getCause();
        if (cause instanceof MarkedYAMLException) {
            return markedYamlError(kind, (MarkedYAMLException) cause, e);
        }
        JsonLocation at = e.getLocation();
        String message = firstLine(e.getOriginalMessage());
        return new ConfigException(
                source,
                at == null ? 0 : at.getLineNr(),
                at == null ? 0 : at.getColumnNr(),
                null,
                kind + " syntax error: " + message,
                e);
    }

    private ConfigException markedYamlError(String kind, MarkedYAMLException m, Exception e) {
        Mark mark = m.getProblemMark() != null ? m.getProblemMark() : m.getContextMark();
        String problem = m.getProblem() == null ? firstLine(m.getMessage()) : m.getProblem();
        String context = m.getContext() == null ? "" : " (" + m.getContext() + ")";
        return new ConfigException(
                source,
                mark == null ? 0 : mark.getLine() + 1,
                mark == null ? 0 : mark.getColumn() + 1,
                null,
                kind + " syntax error: " + firstLine(problem) + context,
                e);
    }

    private ConfigException yamlError(String kind, RuntimeException e, @Nullable JsonParser parser) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException) {
                return markedYamlError(kind, (MarkedYAMLException) t, e);
            }
        }
        JsonLocation at = parser == null ? null : parser.currentLocation();
        return new ConfigException(
                source,
                at == null ? 0 : at.getLineNr(),
                at == null ? 0 : at.getColumnNr(),
                null,
                kind + " syntax error: " + firstLine(e.getMessage()),
                e);
    }

    private static String firstLine(@Nullable String message) {
        if (message == null || message.isBlank()) {
            return "malformed text";
        }
        String trimmed = message.strip();
        int nl = trimmed.indexOf('\n');
        return nl < 0 ? trimmed : trimmed.substring(0, nl).strip();
    }
}
