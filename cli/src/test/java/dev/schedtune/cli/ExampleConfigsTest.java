package dev.schedtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.dsl.config.ConfigDocument;
import dev.schedtune.dsl.config.ConfigFormat;
import dev.schedtune.dsl.config.Configs;
import dev.schedtune.dsl.spec.KindRegistry;
import dev.schedtune.dsl.template.Template;
import dev.schedtune.export.PythonRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The four commands on every config shipped in examples/configs, with the built-in kinds. */
class ExampleConfigsTest {
    private static final Path EXAMPLES = Path.of("../examples/configs");
    private final CliRunner cli = new CliRunner(KindRegistry.builtIn());

    static Stream<Path> examples() throws Exception {
        List<Path> files;
        try (Stream<Path> list = Files.list(EXAMPLES)) {
            // schedule configs only: study configs live in the studies/ folder
            files = list.filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(15);
        return files.stream();
    }

    private static boolean isTemplate(Path file) {
        return Configs.read(file).build(KindRegistry.builtIn()) instanceof Template;
    }

    private static String[] bind(Path file, String... args) {
        if (!isTemplate(file)) {
            return args;
        }
        return Stream.concat(
                        Stream.of(args),
                        Stream.of("--param", "family=warmup", "--param", "warmup_steps=100", "--param", "peak=0.1"))
                .toArray(String[]::new);
    }

    @ParameterizedTest
    @MethodSource("examples")
    void validateCurvePlotAndExportWork(Path file, @TempDir Path dir) throws Exception {
        String f = file.toString();
        CliRunner.Result v = cli.run("validate", f);
        assertThat(v.code()).as(v.err()).isZero();
        assertThat(v.out()).startsWith("ok ");

        CliRunner.Result curve = cli.run(bind(file, "curve", "--config", f, "--steps", "200"));
        assertThat(curve.code()).as(curve.err()).isZero();
        assertThat(curve.out().lines().count()).isEqualTo(201);
        assertThat(curve.out()).startsWith("step,lr");

        Path svg = dir.resolve("p.svg");
        CliRunner.Result plot = cli.run(bind(file, "plot", "--config", f, "--steps", "1000", "--out", svg.toString()));
        assertThat(plot.code()).as(plot.err()).isZero();
        assertThat(Files.readString(svg)).contains("<polyline");

        for (String to : new String[] {"yaml", "json"}) {
            CliRunner.Result export = cli.run("export", "--config", f, "--to", to);
            assertThat(export.code()).as(export.err()).isZero();
            ConfigFormat format = to.equals("json") ? ConfigFormat.JSON : ConfigFormat.YAML;
            ConfigDocument again = Configs.parse(export.out(), format);
            assertThat(again).isEqualTo(Configs.read(file));
        }

        Path py = dir.resolve("schedule.py");
        CliRunner.Result pytorch =
                cli.run(bind(file, "export", "--config", f, "--to", "pytorch", "--out", py.toString()));
        assertThat(pytorch.code()).as(pytorch.err()).isZero();
        ScheduleSet set = isTemplate(file)
                ? ((Template) Configs.read(file).build(KindRegistry.builtIn()))
                        .bindSet(java.util.Map.of("family", "warmup", "warmup_steps", 100L, "peak", 0.1))
                : Configs.load(file);
        PythonRunner.assertSameCurve(dir, Files.readString(py), set, 1200);
    }
}
