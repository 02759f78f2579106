package dev.schedtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schedtune.dsl.spec.KindRegistry;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every subcommand through the real picocli entry point, with the test kinds of the dsl module. */
class SchedtuneCliTest {
    private final CliRunner cli = new CliRunner(KindRegistry.builtIn());

    @TempDir
    Path dir;

    private Path oneCycle;
    private Path warmupCosine;
    private Path broken;

    @BeforeEach
    void configs() throws Exception {
        oneCycle = dir.resolve("onecycle.yaml");
        Files.writeString(
                oneCycle,
                "schedtune: 1\ntype: one_cycle_set\nmax_lr: 0.3\ntotal_steps: 100\npct_start: 0.5\nanneal: linear\n"
                        + "div_factor: 10\nfinal_div_factor: 1000\n");
        warmupCosine = dir.resolve("wc.json");
        Files.writeString(warmupCosine, """
                {"schedtune": 1, "schedules": {"lr": {"type": "join", "boundaries": [10], "schedules": [
                  {"type": "linear", "from": 0, "to": 0.2, "steps": 10},
                  {"type": "cosine", "from": 0.2, "to": 0, "steps": 90}]}}}
                """);
        broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "type: cosine\nfrom: 1\nto: 0\nsteps: -5\n");
    }

    private static void assertCleanError(CliRunner.Result r, String message) {
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains(message).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void everyCommandsOneLineHelpIsAWholeSentence() {
        picocli.CommandLine root = SchedtuneCli.create(
                new java.io.PrintWriter(java.io.Writer.nullWriter()),
                new java.io.PrintWriter(java.io.Writer.nullWriter()));
        root.getSubcommands().forEach((name, sub) -> {
            String[] description = sub.getCommandSpec().usageMessage().description();
            assertThat(description).as(name).isNotEmpty();
            // the root's --help lists only this first line
            assertThat(description[0]).as(name).endsWith(".");
        });
    }

    @Test
    void helpListsEverySubcommandAndWorksEverywhere() {
        CliRunner.Result r = cli.run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("curve", "plot", "export", "validate", "presets", "--verbose", "Exit codes");
        for (String sub : new String[] {"curve", "plot", "export", "validate", "presets"}) {
            CliRunner.Result h = cli.run(sub, "--help");
            assertThat(h.code()).isZero();
            assertThat(h.out()).startsWith("Usage: schedtune " + sub);
        }
        assertThat(cli.run("help", "plot").out()).contains("--ascii");
    }

    @Test
    void versionNamesTheConfigFormat() {
        CliRunner.Result r = cli.run("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("schedtune ").contains("config format version 1");
    }

    @Test
    void curvePrintsCsvWithAColumnPerHyperparameter() {
        CliRunner.Result r = cli.run("curve", "--config", oneCycle.toString(), "--steps", "101");
        assertThat(r.code()).as(r.err()).isZero();
        String[] lines = r.out().split("\n");
        assertThat(lines).hasSize(102);
        assertThat(lines[0]).isEqualTo("step,lr,momentum");
        assertThat(lines[1]).isEqualTo("0,0.03,0.95");
        assertThat(lines[51]).startsWith("50,0.3,0.85");
    }

    @Test
    void curvePrintsJsonColumnsAndWritesFiles() throws Exception {
        CliRunner.Result r = cli.run("curve", "--config", warmupCosine.toString(), "--steps", "3", "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("{\n  \"step\": [0, 1, 2],\n  \"lr\": [0.0, 0.02");
        Path out = dir.resolve("c.csv");
        assertThat(cli.run("curve", "--config", oneCycle.toString(), "--steps", "5", "--out", out.toString())
                        .code())
                .isZero();
        assertThat(Files.readAllLines(out)).hasSize(6).startsWith("step,lr,momentum");
    }

    @Test
    void badOptionsExitTwoNamingTheOptionAndValue() {
        assertCleanError(
                cli.run("curve", "--config", oneCycle.toString(), "--steps", "0"),
                "error: --steps (0) must be in [1, 10000000]");
        assertCleanError(
                cli.run("curve", "--config", oneCycle.toString(), "--steps", "ten"),
                "Invalid value for option '--steps': 'ten' is not a long");
        assertCleanError(cli.run("curve", "--steps", "3"), "Missing required option: '--config=FILE'");
        assertCleanError(
                cli.run("curve", "--config", oneCycle.toString(), "--steps", "3", "--format", "xml"),
                "Invalid value for option '--format': expected one of [csv, json]");
        assertCleanError(cli.run("curv"), "error: unknown command 'curv' (did you mean 'curve'?)");
        assertCleanError(cli.run("tnue"), "error: unknown command 'tnue' (did you mean 'tune'?)");
        assertCleanError(cli.run("tnue", "--trials", "3"), "error: unknown command 'tnue' (did you mean 'tune'?)");
        // an unknown command with --help is an error too, not the root's help with exit 0
        CliRunner.Result help = cli.run("nosuchcommand", "--help");
        assertCleanError(help, "error: unknown command 'nosuchcommand'");
        assertThat(help.out()).isEmpty();
        assertCleanError(cli.run("shwo", "--help"), "error: unknown command 'shwo' (did you mean 'show'?)");
        assertCleanError(cli.run("--nosuchoption"), "Unknown option: '--nosuchoption'");
        assertCleanError(cli.run(), "missing COMMAND");
    }

    @Test
    void badConfigsExitTwoWithThePathAndOnlyVerboseShowsCauses() {
        CliRunner.Result r = cli.run("curve", "--config", broken.toString(), "--steps", "3");
        assertCleanError(r, "error: " + broken + ":4:8: $.steps: steps (-5.0) must be > 0");
        assertThat(r.err().lines().count()).isEqualTo(1);
        CliRunner.Result v = cli.run("--verbose", "curve", "--config", broken.toString(), "--steps", "3");
        assertThat(v.code()).isEqualTo(2);
        assertThat(v.err())
                .contains("caused by: dev.schedtune.dsl.spec.SpecException")
                .doesNotContain("\tat ");
        CliRunner.Result v2 = cli.run("curve", "--config", broken.toString(), "--steps", "3", "-v");
        assertThat(v2.err()).contains("caused by:");
        assertCleanError(
                cli.run("curve", "--config", dir.resolve("nope.yaml").toString(), "--steps", "3"),
                "nope.yaml: no such file");
    }

    @Test
    void plotWritesSvgAndPngAndPrintsAscii() throws Exception {
        Path svg = dir.resolve("p.svg");
        CliRunner.Result r =
                cli.run("plot", "--config", oneCycle.toString(), "--steps", "100", "--out", svg.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("wrote " + svg + "\n");
        assertThat(Files.readString(svg)).contains("<svg").contains("onecycle.yaml — one_cycle_set");
        Path png = dir.resolve("p.png");
        assertThat(cli.run(
                                "plot",
                                "--config",
                                oneCycle.toString(),
                                "--config",
                                warmupCosine.toString(),
                                "--steps",
                                "100",
                                "--log",
                                "--out",
                                png.toString())
                        .code())
                .isZero();
        assertThat(ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(png)))
                        .getWidth())
                .isEqualTo(1800);
        CliRunner.Result ascii = cli.run("plot", "--config", oneCycle.toString(), "--steps", "100", "--ascii");
        assertThat(ascii.code()).isZero();
        assertThat(ascii.out()).contains("lr\n").contains("momentum\n").contains("*");
    }

    @Test
    void plotNeedsAnOutputItCanWrite() {
        assertCleanError(
                cli.run("plot", "--config", oneCycle.toString(), "--steps", "10"),
                "give --out FILE.svg or FILE.png, or --ascii");
        assertCleanError(
                cli.run("plot", "--config", oneCycle.toString(), "--steps", "10", "--out", "x.pdf"),
                "--out (x.pdf) must end in .svg or .png");
        assertCleanError(
                cli.run(
                        "plot",
                        "--config",
                        oneCycle.toString(),
                        "--steps",
                        "10",
                        "--out",
                        dir.resolve("missing/x.svg").toString()),
                "does not exist");
    }

    @Test
    void exportRewritesConfigsAndSamples() {
        CliRunner.Result yaml = cli.run("export", "--config", warmupCosine.toString(), "--to", "yaml");
        assertThat(yaml.code()).as(yaml.err()).isZero();
        assertThat(yaml.out()).startsWith("schedtune: 1\nschedules:\n  lr:\n    type: join\n");
        CliRunner.Result json = cli.run("export", "--config", oneCycle.toString(), "--to", "json");
        assertThat(json.out()).startsWith("{\n  \"schedtune\": 1,\n  \"type\": \"one_cycle_set\",");
        CliRunner.Result csv = cli.run("export", "--config", oneCycle.toString(), "--to", "csv", "--steps", "2");
        assertThat(csv.out()).startsWith("step,lr,momentum\n0,0.03,0.95\n");
        assertCleanError(cli.run("export", "--config", oneCycle.toString(), "--to", "csv"), "--to csv needs --steps N");
        assertCleanError(
                cli.run("export", "--config", oneCycle.toString(), "--to", "yaml", "--steps", "3"),
                "--steps is only used with --to csv");
    }

    @Test
    void exportToPytorchWritesAStandardLibraryModule() {
        CliRunner.Result r = cli.run("export", "--config", oneCycle.toString(), "--to", "pytorch");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("def lr_lambda(step):")
                .contains("def set_momentum(optimizer, step):")
                .contains("from onecycle.yaml")
                .doesNotContain("import torch");
    }

    @Test
    void validateReportsEveryFile() {
        CliRunner.Result ok = cli.run("validate", oneCycle.toString(), warmupCosine.toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("ok     " + oneCycle + " (one_cycle_set; schedules lr, momentum)");
        assertThat(ok.out()).contains("ok     " + warmupCosine + " (lr; schedules lr)");
        CliRunner.Result bad = cli.run("validate", oneCycle.toString(), broken.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.out()).contains("ok     " + oneCycle);
        assertThat(bad.err()).contains("error: " + broken + ":4:8: $.steps").contains("1 of 2 configs are invalid");
    }

    @Test
    void presetsListParametersWithDefaults() {
        CliRunner.Result r = cli.run("presets");
        assertThat(r.code()).isZero();
        assertThat(r.out())
                .contains("torch.OneCycleLR  (schedule set)")
                .containsPattern("\n    max_lr +number, required; > 0\n")
                .containsPattern("\n    base_momentum +number, default 0.85;")
                .contains("optax.warmup_cosine_decay_schedule", "transformers.get_cosine_schedule_with_warmup")
                .contains("timm.CosineLRScheduler", "keras.CosineDecay", "djl.WarmUpTracker")
                .doesNotContain("\ncosine\n");
        assertThat(cli.run("presets", "--all").out()).contains("\ncosine\n").contains("\njoin\n");
        assertThat(cli.run("presets", "torch").out()).contains("torch.StepLR").doesNotContain("optax.");
        assertThat(cli.run("presets", "torch.CosineAnnealingLR").out())
                .contains("T_max")
                .contains(" — ");
        assertThat(cli.run("presets", "torch.OneCycleLR").out())
                .startsWith("torch.OneCycleLR  (schedule set)\n")
                .contains(" — ")
                .doesNotContain("torch.OneCycleLR.lr");
        assertCleanError(cli.run("presets", "trch"), "no preset or type matches 'trch' (did you mean 'torch'?)");
    }

    @Test
    void templatesAreBoundWithParams() throws Exception {
        CliRunner builtIn = new CliRunner(dev.schedtune.dsl.spec.KindRegistry.builtIn());
        Path template = dir.resolve("t.yaml");
        Files.writeString(
                template,
                "type: template\nschedule: {type: cosine, from: {type: tune_float, name: peak, low: 0.01, high: 1},"
                        + " to: 0, steps: 100}\n");
        CliRunner.Result ok =
                builtIn.run("curve", "--config", template.toString(), "--steps", "2", "--param", "peak=0.5");
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out()).startsWith("step,lr\n0,0.5\n");
        assertCleanError(
                builtIn.run("curve", "--config", template.toString(), "--steps", "2"),
                "is a template (a schedule family); give its tunable parameters values with --param NAME=VALUE:"
                        + " peak (number in [0.01, 1.0])");
        assertCleanError(
                builtIn.run("curve", "--config", template.toString(), "--steps", "2", "--param", "peak=high"),
                "--param peak=high: expected peak (number in [0.01, 1.0])");
        assertCleanError(
                builtIn.run("curve", "--config", template.toString(), "--steps", "2", "--param", "pek=0.5"),
                "unknown tunable parameter 'pek' (did you mean 'peak'?)");
        assertCleanError(
                builtIn.run("curve", "--config", template.toString(), "--steps", "2", "--param", "peak=5"), "peak");
        assertCleanError(
                cli.run("curve", "--config", oneCycle.toString(), "--steps", "2", "--param", "a=1"),
                "--param a: only templates have tunable parameters");
        CliRunner.Result v = builtIn.run("validate", template.toString());
        assertThat(v.out()).contains("(template; tunable: peak (number in [0.01, 1.0]))");
    }
}
