package dev.schedtune.dsl.config;

import dev.schedtune.dsl.Schedule;
import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.dsl.spec.KindRegistry;
import dev.schedtune.dsl.spec.ScheduleSpec;
import dev.schedtune.dsl.spec.Specified;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes schedule configs.
 *
 * <pre>{@code
 * ScheduleSet set = Configs.load(Path.of("onecycle.yaml"));          // read + build, built-in kinds
 * String yaml = Configs.write(set, ConfigFormat.YAML);               // back to text
 * ConfigDocument doc = Configs.parse(text, ConfigFormat.JSON, "x");  // text -> specs, nothing built
 * }</pre>
 *
 * <p>Every failure is a {@link ConfigException} whose message names the source, line, path, the bad
 * value and what is allowed.
 */
public final class Configs {
    /** The config format version this build writes and the newest it reads. */
    public static final int FORMAT_VERSION = 1;

    private Configs() {}

    /** Parses {@code text} into a document (nothing is built yet). */
    public static ConfigDocument parse(String text, ConfigFormat format) {
        return DocumentMapper.map(TreeReader.read(text, format, null), null);
    }

    /** Parses {@code text}; errors name {@code sourceName} (usually the file name). */
    public static ConfigDocument parse(String text, ConfigFormat format, String sourceName) {
        return DocumentMapper.map(TreeReader.read(text, format, sourceName), sourceName);
    }

    /** Reads a config file, JSON or YAML by its extension (or its first character). */
    public static ConfigDocument read(Path file) {
        String name = file.toString();
        String text = readText(file);
        return parse(text, ConfigFormat.guess(name, text), name);
    }

    /** Reads and builds a config file with the built-in kinds; a single schedule drives {@code lr}. */
    public static ScheduleSet load(Path file) {
        return read(file).buildSet(KindRegistry.builtIn());
    }

    /** Reads and builds a config file with {@code registry}; a single schedule drives {@code lr}. */
    public static ScheduleSet load(Path file, KindRegistry registry) {
        return read(file).buildSet(registry);
    }

    /**
     * The document describing {@code value}: a {@link Specified} schedule, set or template, a plain
     * {@link ScheduleSet} whose members are {@link Specified}, a {@link ScheduleSpec}, or a {@link
     * ConfigDocument} (returned as is).
     *
     * @throws IllegalArgumentException when part of {@code value} cannot describe itself (a lambda)
     */
    public static ConfigDocument document(Object value) {
        if (value instanceof ConfigDocument) {
            return (ConfigDocument) value;
        }
        if (value instanceof ScheduleSpec) {
            return ConfigDocument.of((ScheduleSpec) value);
        }
        if (value instanceof ScheduleSet) {
            // a set described by a compact kind (one_cycle_set, torch.OneCycleLR) keeps it; others list members
            ScheduleSet set = (ScheduleSet) value;
            ScheduleSpec origin = describe(set, "the schedule set");
            if (!origin.kind().equals(ScheduleSet.KIND.name())) {
                return ConfigDocument.of(origin);
            }
            Map<String, ScheduleSpec> specs = new LinkedHashMap<>();
            for (Map.Entry<String, Schedule> e : set.asMap().entrySet()) {
                specs.put(e.getKey(), specOf(e.getValue(), "schedule '" + e.getKey() + "'"));
            }
            return ConfigDocument.of(specs);
        }
        if (value instanceof Specified) {
            return ConfigDocument.of(describe((Specified) value, "the value"));
        }
        if (value instanceof Schedule) {
            return ConfigDocument.of(specOf((Schedule) value, "the schedule"));
        }
        throw new IllegalArgumentException("cannot write a " + value.getClass().getName()
                + " as a config; expected a schedule, schedule set, template or spec");
    }

    /** {@code value} (see {@link #document}) as config text. */
    public static String write(Object value, ConfigFormat format) {
        return document(value).write(format);
    }

    private static ScheduleSpec specOf(Schedule schedule, String what) {
        if (schedule instanceof Specified) {
            return describe((Specified) schedule, what);
        }
        throw notSpecified(what, schedule, null);
    }

    private static ScheduleSpec describe(Specified value, String what) {
        try {
            return value.spec();
        } catch (UnsupportedOperationException e) {
            // a built-in combinator around a user's lambda
            throw notSpecified(what, value, e);
        }
    }

    private static IllegalArgumentException notSpecified(String what, Object value, @Nullable Throwable cause) {
        return new IllegalArgumentException(
                what + " (" + value + ") cannot be written as a config: only schedules built by schedtune describe"
                        + " themselves; build it from the DSL's primitives instead of a lambda",
                cause);
    }

    static String readText(Path file) {
        String name = file.toString();
        try {
            if (Files.isDirectory(file)) {
                throw new ConfigException(name, 0, 0, null, "is a directory; expected a config file");
            }
            long size = Files.size(file);
            if (size > 4L * TreeReader.MAX_CHARS) {
                throw new ConfigException(
                        name,
                        0,
                        0,
                        null,
                        "file is " + size + " bytes; a config may have at most " + TreeReader.MAX_CHARS
                                + " characters");
            }
            byte[] bytes = Files.readAllBytes(file);
            try {
                String text = StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes))
                        .toString();
                return text.startsWith("\uFEFF") ? text.substring(1) : text;
            } catch (CharacterCodingException e) {
                throw new ConfigException(name, 0, 0, null, "is not UTF-8 text", e);
            }
        } catch (NoSuchFileException e) {
            throw new ConfigException(name, 0, 0, null, "no such file", e);
        } catch (IOException e) {
            throw new ConfigException(name, 0, 0, null, "cannot be read: " + e, e);
        }
    }
}
