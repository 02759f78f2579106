package dev.schedtune.cli.tune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schedtune.cli.tune.config.StudyConfig;
import dev.schedtune.cli.tune.config.StudyConfigReader;
import dev.schedtune.dsl.config.ConfigFormat;
import dev.schedtune.dsl.spec.KindRegistry;
import dev.schedtune.search.Storages;
import dev.schedtune.search.storage.Storage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C that arrives before the run has registered what to stop (while it loads the task or opens the
 * storage): the shutdown hook has interrupted the run already, so the run must start no trial, instead of
 * filling the study with "interrupted before training" failures until the hook's grace runs out.
 */
class EarlyInterruptTest {
    @Test
    void ctrlCBeforeTheRunRegisteredStartsNoTrial(@TempDir Path dir) throws Exception {
        StudyConfig config = StudyConfigReader.parse(
                        TinyStudy.yaml("early", 20, 2, ""),
                        ConfigFormat.YAML,
                        "early.yaml",
                        dir,
                        KindRegistry.builtIn())
                .toBuilder()
                .output(dir.resolve("out"))
                .storage(dir.resolve("out/study.db").toString())
                .build();
        Interruption interruption = new Interruption();
        interruption.interrupt(); // what the shutdown hook does on SIGINT, here before the run starts
        StringWriter text = new StringWriter();
        int code = new TuneRun(
                        config,
                        false,
                        new PrintWriter(text),
                        Progress.Mode.QUIET,
                        KindRegistry.builtIn(),
                        null,
                        interruption,
                        "schedtune tune --resume")
                .run();
        assertThat(code).as(text.toString()).isEqualTo(TuneRun.INTERRUPTED);
        assertThat(text.toString()).contains("Stopped by Ctrl-C").doesNotContain("Nothing to run");
        try (Storage s = Storages.open(dir.resolve("out/study.db").toString())) {
            long study = s.findStudy("early").orElseThrow().studyId();
            assertThat(s.trials(study)).as("trials started after Ctrl-C").isEmpty();
        }
    }
}
