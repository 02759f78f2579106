package dev.schedtune.cli.schedule;

import dev.schedtune.cli.CliContext;
import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.dsl.config.ConfigDocument;
import dev.schedtune.dsl.config.Configs;
import java.nio.file.Path;

/** A config file read and built: the document (for re-export) and the schedules it describes. */
record LoadedConfig(Path file, ConfigDocument document, ScheduleSet set) {
    static LoadedConfig load(Path file, CliContext context) {
        ConfigDocument document = Configs.read(file);
        return new LoadedConfig(file, document, document.buildSet(context.registry()));
    }

    /** The file name without directory and extension, for legends. */
    String label() {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** The type of the single schedule, or the hyperparameter names of a schedules map. */
    String describe() {
        return document.single()
                .map(s -> s.kind())
                .orElseGet(() -> String.join(" + ", document.schedules().keySet()));
    }
}
