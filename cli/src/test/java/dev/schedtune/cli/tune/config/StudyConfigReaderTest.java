package dev.schedtune.cli.tune.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schedtune.cli.Cli;
import dev.schedtune.dsl.config.ConfigException;
import dev.schedtune.dsl.config.ConfigFormat;
import dev.schedtune.dsl.spec.KindRegistry;
import dev.schedtune.dsl.template.Tunable;
import dev.schedtune.trainers.tuning.ScheduleUnits;
import dev.schedtune.trainers.tuning.TuningObjective;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StudyConfigReaderTest {
    private static final KindRegistry KINDS = KindRegistry.builtIn();

    /** A small valid study; {@code extra} lines are appended at the top level. */
    static String study(String extra) {
        return """
                schedtune: 1
                study: t
                task: {type: digits}
                model: {type: mlp, hidden: [8]}
                training: {epochs: 2, batch_size: 128}
                template:
                  type: template
                  schedule: {type: cosine, from: {type: tune_float, name: peak, low: 0.01, high: 0.5, log: true}, to: 0.0, steps: 1}
                """ + extra;
    }

    static StudyConfig parse(String text) {
        return StudyConfigReader.parse(text, ConfigFormat.YAML, "s.yaml", Path.of(""), KINDS);
    }

    @Test
    void theGaussianProcessSamplerIsConfigurable() {
        StudyConfig c = parse(study("sampler: {type: gp, startup_trials: 6, union_search_space: false}\n"));
        assertThat(c.sampler().type()).isEqualTo("gp");
        assertThat(c.sampler().create()).hasToString("GpSampler(nStartupTrials=6, intersection)");
        assertThat(parse(study("sampler: {type: gp}\n")).sampler().create())
                .hasToString("GpSampler(nStartupTrials=10)");
    }

    @Test
    void theBuiltInStudyTunesTheReferenceCnnOnFashionMnistAgainstTheCommonBaselines() {
        StudyConfig c = StudyConfigReader.defaultStudy(KINDS);
        assertThat(c.name()).isEqualTo("fashion-schedules");
        assertThat(c.task().kind()).isEqualTo("fashion_mnist");
        assertThat(c.model()).isEqualTo(dev.schedtune.trainers.model.ModelSpec.referenceCnn());
        assertThat(c.objectives()).containsExactly(TuningObjective.VALIDATION_LOSS, TuningObjective.SECONDS);
        assertThat(c.pruner().type()).isEqualTo("pareto");
        assertThat(c.jobs()).isEqualTo(2);
        assertThat(c.epochs().isTuned()).isTrue();
        assertThat(c.units()).isEqualTo(ScheduleUnits.RUN);
        assertThat(c.storage()).endsWith("study.db");
        assertThat(c.baselines()).isEqualTo(dev.schedtune.trainers.tuning.Baseline.common());
        assertThat(c.confirmSeeds()).isEqualTo(3);
        Tunable family = c.template().parameter("family").orElseThrow();
        // a plain constant lr is a family: "no schedule" is a candidate the search can pick
        assertThat(family.labels()).contains("constant", "one_cycle");
    }

    @Test
    void baselinesAreCommonByDefaultWithSgdAndCheckedWhenRead() {
        assertThat(parse(study("")).baselines()).isEqualTo(dev.schedtune.trainers.tuning.Baseline.common());
        assertThat(parse(study("optimizer: {type: adam}\n")).baselines()).isEmpty();
        assertThat(parse(study("baselines: none\n")).baselines()).isEmpty();
        StudyConfig own = parse(study("""
                baselines:
                  - common
                  - name: my warmup
                    schedule: {type: optax.warmup_cosine_decay_schedule, init_value: 0, peak_value: 0.05,
                               warmup_steps: 0.05 * total_steps, decay_steps: total_steps}
                """));
        assertThat(own.baselines()).hasSize(7);
        assertThat(own.baselines().get(6).name()).isEqualTo("my warmup");
        assertThatThrownBy(() -> parse(study("baselines: [{name: x, schedule: {type: torch.StepLR, base_lr: 0.1}}]\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("$.baselines[0]")
                .hasMessageContaining("baseline 'x'")
                .hasMessageContaining("step_size");
        assertThatThrownBy(() -> parse(study("baselines: [{schedule: {type: constant, value: 0.1}}]\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("name");
        assertThatThrownBy(() -> parse(study("baselines: [common, common]\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("is listed twice");
        assertThatThrownBy(() -> parse(study("baselines: lots\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("baselines: common, baselines: none");
        assertThatThrownBy(() -> parse(study("confirm_seeds: 50\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("confirm_seeds");
        // stored and read back as the same study (a resumed study must have the same baselines)
        assertThat(StudyConfigReader.definition(parse(StudyConfigReader.write(own))))
                .isEqualTo(StudyConfigReader.definition(own));
    }

    @Test
    void aWrittenConfigReadsBackToTheSameStudy() {
        StudyConfig c = StudyConfigReader.defaultStudy(KINDS).toBuilder()
                .trials(17)
                .timeout(Duration.ofMinutes(3))
                .build();
        String json = StudyConfigReader.write(c);
        StudyConfig back = StudyConfigReader.parse(json, ConfigFormat.JSON, "stored", Path.of(""), KINDS);
        assertThat(StudyConfigReader.write(back)).isEqualTo(json);
        assertThat(back.trials()).isEqualTo(17);
        assertThat(back.timeout()).isEqualTo(Duration.ofMinutes(3));
        assertThat(back.template()).isEqualTo(c.template());
        assertThat(back.epochs()).isEqualTo(c.epochs());
    }

    static Stream<Path> shippedStudies() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("../examples/configs/studies"))) {
            List<Path> list = files.sorted().toList();
            assertThat(list).hasSizeGreaterThanOrEqualTo(2);
            return list.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("shippedStudies")
    void everyShippedStudyConfigReads(Path file) {
        StudyConfig c = StudyConfigReader.read(file, KINDS);
        assertThat(c.trials()).isPositive();
        assertThat(c.template().space()).isNotEmpty();
    }

    @Test
    void aCsvTaskReadsItsFileRelativeToTheConfigAndKeepsItsProblemType(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Files.writeString(data.resolve("r.csv"), "a,b,y\n1,2,0.5\n2,3,0.7\n3,1,0.1\n4,4,0.9\n5,2,0.3\n");
        Path file = Files.writeString(
                dir.resolve("s.yaml"),
                study("").replace("task: {type: digits}", "task: {type: csv, path: data/r.csv, problem: regression}"));
        StudyConfig c = StudyConfigReader.read(file, KINDS);
        assertThat(c.task().params().get("path"))
                .isEqualTo(data.resolve("r.csv").toString());
        assertThat(c.task().params().get("type")).isEqualTo("regression");
        assertThat(StudyConfigReader.write(c)).contains("\"problem\" : \"regression\"");
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of(
                        study("smapler: {type: tpe}\n"),
                        "s.yaml:9:10: $.smapler: unknown field 'smapler' (did you mean 'sampler'?)"),
                Arguments.of(
                        study("budget: {trials: 0}\n"),
                        "s.yaml:9:18: $.budget.trials: trials (0) must be in [1, 1000000]"),
                Arguments.of(
                        study("objectives: [validation_loss, loss]\n"),
                        "s.yaml:9:31: $.objectives[1]: objective 'loss' is unknown; allowed: validation_loss, seconds, accuracy"),
                Arguments.of(
                        study("pruner: {type: median}\n"),
                        "$.pruner.type: pruner median works on one objective; this study has 2 objectives"),
                Arguments.of(
                        study("sampler: {type: cmaes}\n"),
                        "$.sampler.type: got 'cmaes'; allowed: tpe, random, halton, nsga2, smsemoa, gp"),
                Arguments.of(study("jobs: 0\n"), "s.yaml:9:7: $.jobs: jobs (0) must be in [1, 256]"),
                Arguments.of(
                        study("").replace("batch_size: 128}", "batch_size: 128, repeats: 0}"),
                        "$.training.repeats: repeats (0) must be in [1, 20]"),
                Arguments.of(
                        study("budget: {timeout: ten minutes}\n"),
                        "$.budget.timeout: timeout (ten minutes) is not a duration; write e.g. 500ms, 90s, 10m, 1h30m"),
                Arguments.of(
                        study("").replace("epochs: 2,", "epochs: {type: tune_int, low: 9, high: 3},"),
                        "$.training.epochs.low: low (9) must be <= high (3)"),
                Arguments.of(
                        study("")
                                .replace("model: {type: mlp, hidden: [8]}", "model: {type: cnn, channels: [8, 16]}")
                                .replace("task: {type: digits}", "task: {type: two_spirals}"),
                        "$.model.type: a cnn needs image-shaped rows"),
                Arguments.of(
                        study("").replace("task: {type: digits}", "task: {type: csv, path: nowhere.csv}"),
                        "s.yaml:3:7: $.task: the task cannot be loaded:"),
                Arguments.of(
                        study("objectives: [validation_loss, accuracy]\n")
                                .replace("task: {type: digits}", "task: {type: teacher_student}"),
                        "$.objectives[1]: objective accuracy needs a classification task"),
                Arguments.of(
                        study("")
                                .replace(
                                        "from: {type: tune_float, name: peak, low: 0.01",
                                        "form: {type: tune_float, name: peak, low: 0.01"),
                        // the dsl names paths inside a template's skeleton from the template ("$.form")
                        "$.template.form: unknown field 'form' for type 'cosine' (did you mean 'from'?)"),
                Arguments.of(
                        study("").replace("low: 0.01, high: 0.5, log: true", "low: -0.5, high: 0.5"),
                        "$.template: with {peak=-0.5}"),
                Arguments.of(study("").replace("task: {type: digits}\n", ""), "$: missing field 'task'"),
                Arguments.of(
                        study("").replace("schedtune: 1", "schedtune: 2"),
                        "$.schedtune: study config format version 2 is newer"),
                Arguments.of(
                        study("").replace("batch_size: 128}", "batch_size: 128, on_divergence: explode}"),
                        "$.training.on_divergence: got 'explode' (a string); write on_divergence: fail"),
                Arguments.of(
                        study("").replace("task: {type: digits}", "task: {type: digits, noise: 0.1}"),
                        "$.task.noise: task digits has no parameter 'noise'"));
    }

    @ParameterizedTest
    @MethodSource("mistakes")
    void everyMistakeIsOneLineNamingThePathTheValueAndWhatIsAllowed(String text, String expected) {
        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void theCommandLinePrintsTheMistakeAndExitsWith2(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("bad.yaml"), study("budget: {trials: 0}\n"));
        Cli.Result r = Cli.run("tune", "--config", file.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip())
                .isEqualTo("error: " + file + ":9:18: $.budget.trials: trials (0) must be in [1, 1000000]");
        assertThat(r.out()).isEmpty();

        Cli.Result options = Cli.run("tune", "--config", study(""), "--trials", "0");
        assertThat(options.code()).isEqualTo(2);

        Path good = Files.writeString(dir.resolve("good.yaml"), study(""));
        Cli.Result jobs = Cli.run("tune", "--config", good.toString(), "--jobs", "0");
        assertThat(jobs.code()).isEqualTo(2);
        assertThat(jobs.err()).contains("--jobs (0) must be in [1, 256]");
        Cli.Result timeout = Cli.run("tune", "--config", good.toString(), "--timeout", "soon");
        assertThat(timeout.err()).contains("--timeout (soon) is not a duration");
        Cli.Result storage = Cli.run(
                "tune",
                "--config",
                good.toString(),
                "--storage",
                "mongodb://x/y",
                "--out",
                dir.resolve("o").toString());
        assertThat(storage.code()).isEqualTo(2);
        assertThat(storage.err()).contains("storage (mongodb://x/y)").contains("not supported");
    }

    @Test
    void printConfigShowsTheBuiltInStudyWithItsComments() {
        Cli.Result r = Cli.run("tune", "--print-config");
        assertThat(r.code()).isZero();
        assertThat(r.out())
                .isEqualTo(StudyConfigReader.defaultStudyText())
                .contains("# The study `schedtune tune` runs");
        // and it reads as a study config
        assertThat(parse(r.out()).name()).isEqualTo("fashion-schedules");
    }
}
