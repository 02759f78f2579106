package dev.schedtune.dsl.config;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.schedtune.dsl.spec.ScheduleSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Prints documents: the version first, then {@code type}, then the arguments in the spec's order (which
 * is the kind's parameter order for specs made by the DSL). Lists of scalars print on one line. Doubles
 * print in Java's shortest round-tripping form, so reading the text back gives the same bits.
 */
final class DocumentWriter {
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern PLAIN_STRING = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]*");
    private static final Set<String> YAML_RESERVED =
            Set.of("true", "false", "yes", "no", "on", "off", "null", "y", "n", "nan", "inf", "infinity");

    private final boolean json;
    private final StringBuilder out = new StringBuilder();

    private DocumentWriter(ConfigFormat format) {
        this.json = format == ConfigFormat.JSON;
    }

    static String write(ConfigDocument document, ConfigFormat format) {
        DocumentWriter w = new DocumentWriter(format);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put(DocumentMapper.VERSION, (long) document.version());
        if (document.single().isPresent()) {
            ScheduleSpec spec = document.single().get();
            root.put(DocumentMapper.TYPE, spec.kind());
            root.putAll(spec.args());
        } else {
            root.put(DocumentMapper.SCHEDULES, document.schedules());
        }
        if (w.json) {
            w.jsonValue(root, 0);
        } else {
            w.yamlMap(root, 0);
        }
        if (w.json) {
            w.out.append('\n');
        }
        return w.out.toString();
    }

    private static Map<String, Object> fields(Object value) {
        if (value instanceof ScheduleSpec) {
            ScheduleSpec spec = (ScheduleSpec) value;
            Map<String, Object> map = new LinkedHashMap<>();
            map.put(DocumentMapper.TYPE, spec.kind());
            map.putAll(spec.args());
            return map;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        return map;
    }

    private static boolean isComposite(Object value) {
        return value instanceof ScheduleSpec || value instanceof Map<?, ?> || value instanceof List<?>;
    }

    // ---- JSON

    private void jsonValue(Object value, int indent) {
        if (value instanceof ScheduleSpec || value instanceof Map<?, ?>) {
            Map<String, Object> map = fields(value);
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append("{\n");
            int i = 0;
            for (Map.Entry<String, Object> e : map.entrySet()) {
                pad(indent + 1);
                out.append(quote(e.getKey())).append(": ");
                jsonValue(e.getValue(), indent + 1);
                out.append(++i < map.size() ? ",\n" : "\n");
            }
            pad(indent);
            out.append('}');
        } else if (value instanceof List<?>) {
            List<?> list = (List<?>) value;
            if (list.stream().noneMatch(DocumentWriter::isComposite)) {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    out.append(i > 0 ? ", " : "");
                    scalar(list.get(i));
                }
                out.append(']');
                return;
            }
            out.append("[\n");
            for (int i = 0; i < list.size(); i++) {
                pad(indent + 1);
                jsonValue(list.get(i), indent + 1);
                out.append(i + 1 < list.size() ? ",\n" : "\n");
            }
            pad(indent);
            out.append(']');
        } else {
            scalar(value);
        }
    }

    // ---- YAML

    private void yamlMap(Map<String, Object> map, int indent) {
        for (Map.Entry<String, Object> e : map.entrySet()) {
            pad(indent);
            yamlEntry(e.getKey(), e.getValue(), indent);
        }
    }

    /** Writes "key: value" for a key already indented, ending with a newline. */
    private void yamlEntry(String key, Object value, int indent) {
        out.append(PLAIN_KEY.matcher(key).matches() ? key : quote(key)).append(':');
        if (value instanceof ScheduleSpec || value instanceof Map<?, ?>) {
            Map<String, Object> map = fields(value);
            if (map.isEmpty()) {
                out.append(" {}\n");
                return;
            }
            out.append('\n');
            yamlMap(map, indent + 1);
        } else if (value instanceof List<?> && ((List<?>) value).stream().anyMatch(DocumentWriter::isComposite)) {
            out.append('\n');
            for (Object element : (List<?>) value) {
                pad(indent + 1);
                yamlListElement(element, indent + 1);
            }
        } else {
            out.append(' ');
            yamlInline(value);
            out.append('\n');
        }
    }

    /** Writes "- element" for a list element already indented. */
    private void yamlListElement(Object element, int indent) {
        out.append("- ");
        if (element instanceof ScheduleSpec || element instanceof Map<?, ?>) {
            Map<String, Object> map = fields(element);
            if (map.isEmpty()) {
                out.append("{}\n");
                return;
            }
            boolean first = true;
            for (Map.Entry<String, Object> e : map.entrySet()) {
                if (!first) {
                    pad(indent + 1);
                }
                first = false;
                yamlEntry(e.getKey(), e.getValue(), indent + 1);
            }
        } else if (element instanceof List<?> && ((List<?>) element).stream().anyMatch(DocumentWriter::isComposite)) {
            out.append('\n');
            for (Object inner : (List<?>) element) {
                pad(indent + 1);
                yamlListElement(inner, indent + 1);
            }
        } else {
            yamlInline(element);
            out.append('\n');
        }
    }

    private void yamlInline(Object value) {
        if (value instanceof List<?>) {
            List<?> list = (List<?>) value;
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i > 0 ? ", " : "");
                yamlInline(list.get(i));
            }
            out.append(']');
        } else if (value instanceof String) {
            String s = (String) value;
            boolean plain = PLAIN_STRING.matcher(s).matches() && !YAML_RESERVED.contains(s.toLowerCase(Locale.ROOT));
            out.append(plain ? s : quote(s));
        } else {
            scalar(value);
        }
    }

    // ---- shared

    private void scalar(Object value) {
        if (value instanceof String) {
            out.append(quote((String) value));
        } else if (value instanceof Double) {
            double d = (Double) value;
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("cannot write the non-finite number " + d + " to a config");
            }
            out.append(Double.toString(d));
        } else if (value instanceof Long || value instanceof Boolean) {
            out.append(value);
        } else {
            throw new IllegalArgumentException(
                    "cannot write a " + value.getClass().getName() + " to a config");
        }
    }

    private static String quote(String s) {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + '"';
    }

    private void pad(int indent) {
        out.append("  ".repeat(indent));
    }
}
