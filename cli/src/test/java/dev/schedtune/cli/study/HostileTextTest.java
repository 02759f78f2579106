package dev.schedtune.cli.study;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.schedtune.cli.Cli;
import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.dsl.Schedules;
import dev.schedtune.dsl.config.ConfigFormat;
import dev.schedtune.dsl.config.Configs;
import dev.schedtune.search.Storages;
import dev.schedtune.search.Study;
import dev.schedtune.search.Trial;
import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.trial.StudyDirection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A study written by someone else, with objective names, parameter names, choices and attributes that carry
 * YAML line breaks (U+0085, U+2028, U+2029) and ANSI escapes: the trial configs must hold the schedule and
 * nothing injected, and nothing printed to the terminal may carry an escape or a line break.
 */
class HostileTextTest {
    private static final String INJECTED = "schedule: {type: constant, value: 666}";

    @Test
    void storedTextNeitherInjectsYamlNorDrivesTheTerminal(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("evil.db");
        String schedule = Configs.write(ScheduleSet.of(Schedules.constant(0.1)), ConfigFormat.JSON);
        try (Storage storage = Storages.open(db.toString())) {
            Study study = Study.builder("evil\u001b[2J")
                    .storage(storage)
                    .directions(StudyDirection.MINIMIZE, StudyDirection.MINIMIZE)
                    .systemAttr(StudyAttrs.OBJECTIVES, List.of("loss\u2028" + INJECTED, "sec\u0085" + INJECTED))
                    .systemAttr(StudyAttrs.FAMILY_PARAMETER, "fam\u001b[31m")
                    .create();
            for (int i = 0; i < 2; i++) {
                Trial t = study.ask();
                t.suggestCategorical("fam\u001b[31m", List.of("one\u2029" + INJECTED, "two\u001b]0;title\u0007"));
                t.suggestFloat("\u009b31mred", 0, 1);
                t.setUserAttr("schedule", schedule);
                t.setUserAttr("steps", "10\u2028" + INJECTED);
                t.setUserAttr("epochs", "2\u001b[5m");
                study.tell(t, i, 1 - i);
            }
        }
        String db0 = db.toString();
        Path out = dir.resolve("report");
        StringBuilder printed = new StringBuilder();
        for (String[] command : new String[][] {
            {"studies", "--storage", db0},
            {"show", "evil\u001b[2J", "--storage", db0, "--all"},
            {"report", "evil\u001b[2J", "--storage", db0, "--out", out.toString()}
        }) {
            Cli.Result r = Cli.run(command);
            assertThat(r.code()).as(command[0] + ": " + r.out() + r.err()).isZero();
            printed.append(r.out()).append(r.err());
        }
        assertThat(printed.toString().chars())
                .as("escapes and line breaks printed")
                .noneMatch(c -> c == 0x1b || c == 0x9b || c == 0x07 || c == 0x85 || c == 0x2028 || c == 0x2029);

        List<Path> configs;
        try (Stream<Path> files = Files.list(out.resolve("configs"))) {
            configs = files.toList();
        }
        assertThat(configs).isNotEmpty();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode expected = yaml.readTree(
                Configs.parse(schedule, ConfigFormat.JSON, "schedule").write(ConfigFormat.YAML));
        for (Path file : configs) {
            String text = Files.readString(file);
            assertThat(yaml.readTree(text)).as(text).isEqualTo(expected);
            String header = text.lines().takeWhile(l -> l.startsWith("#")).collect(Collectors.joining("\n"));
            // a steps attribute that is no number is dropped by TrialRecord, so no "optimizer steps" line here
            assertThat(header).startsWith("# Trial ").doesNotContain("\u2028", "\u2029", "\u0085", "optimizer steps");
        }
    }
}
