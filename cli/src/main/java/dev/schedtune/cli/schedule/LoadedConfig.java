package dev.schedtune.cli.schedule;

import dev.schedtune.cli.CliContext;
import dev.schedtune.cli.UserError;
import dev.schedtune.dsl.Schedule;
import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.dsl.config.ConfigDocument;
import dev.schedtune.dsl.config.Configs;
import dev.schedtune.dsl.template.Template;
import dev.schedtune.dsl.template.Tunable;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A config file read and built: the document (for re-export) and the schedules it describes. A
 * template (a schedule family) is bound with {@code --param NAME=VALUE} values first.
 */
record LoadedConfig(Path file, ConfigDocument document, ScheduleSet set, String describe) {
    /** Reads {@code file}; a template needs {@code params} for its tunable parameters. */
    static LoadedConfig load(Path file, CliContext context, Map<String, String> params) {
        ConfigDocument document = Configs.read(file);
        Object built = document.build(context.registry());
        String kind = document.single()
                .map(s -> s.kind())
                .orElseGet(() -> String.join(" + ", document.schedules().keySet()));
        if (built instanceof Template) {
            Template template = (Template) built;
            if (params.isEmpty()) {
                throw new UserError(file + " is a template (a schedule family); give its tunable parameters values with"
                        + " --param NAME=VALUE: " + space(template));
            }
            try {
                ScheduleSet set = template.bindSet(values(template, params));
                return new LoadedConfig(file, document, set, "template bound to " + params);
            } catch (UserError e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw new UserError("--param: " + e.getMessage(), e);
            }
        }
        if (!params.isEmpty()) {
            throw new UserError("--param " + params.keySet().iterator().next()
                    + ": only templates have tunable parameters; " + file + " is a " + kind);
        }
        ScheduleSet set = built instanceof ScheduleSet ? (ScheduleSet) built : ScheduleSet.of((Schedule) built);
        return new LoadedConfig(file, document, set, kind);
    }

    /** Reads a config that is not a template, or a template to list (validate). */
    static LoadedConfig load(Path file, CliContext context) {
        return load(file, context, Map.of());
    }

    /** The tunable parameters in words: {@code family (one of one_cycle, cosine), max_lr (float in [0.01, 1], log)}. */
    static String space(Template template) {
        return template.space().stream().map(LoadedConfig::describe).collect(Collectors.joining("; "));
    }

    private static String describe(Tunable t) {
        String what = switch (t.type()) {
            case CHOICE -> "one of " + String.join(", ", t.labels());
            case INT -> "integer in [" + (long) t.low() + ", " + (long) t.high() + "]" + (t.log() ? ", log" : "");
            default -> "number in [" + t.low() + ", " + t.high() + "]" + (t.log() ? ", log" : "");
        };
        String when = t.conditions().isEmpty()
                ? ""
                : " when " + t.conditions().stream().map(Object::toString).collect(Collectors.joining(" and "));
        return t.name() + " (" + what + when + ")";
    }

    private static Map<String, Object> values(Template template, Map<String, String> params) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : params.entrySet()) {
            Tunable t = template.parameter(e.getKey()).orElse(null);
            if (t == null) {
                values.put(e.getKey(), e.getValue()); // the template names it as unknown, with a suggestion
                continue;
            }
            try {
                switch (t.type()) {
                    case FLOAT -> values.put(e.getKey(), Double.parseDouble(e.getValue()));
                    case INT -> values.put(e.getKey(), Long.parseLong(e.getValue()));
                    default -> values.put(e.getKey(), e.getValue());
                }
            } catch (NumberFormatException ex) {
                throw new UserError("--param " + e.getKey() + "=" + e.getValue() + ": expected " + describe(t), ex);
            }
        }
        return values;
    }

    /** The file name without directory and extension, for legends. */
    String label() {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
