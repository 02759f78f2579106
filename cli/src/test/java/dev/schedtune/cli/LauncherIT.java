package dev.schedtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schedtune.search.Storages;
import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.trial.StudyDirection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code ./schedtune} launcher at the repository root, run as a process after the module is
 * packaged (failsafe): the four commands on the shipped examples, exit codes and messages.
 */
class LauncherIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    record Run(int code, String out, String err) {}

    @BeforeAll
    static void markTheReactorBuildAsCurrent() throws IOException {
        // this reactor has just packaged the jar and written the classpath; Maven keeps an unchanged
        // classpath file's old time stamp, which would make the launcher rebuild inside the test
        Files.setLastModifiedTime(ROOT.resolve("cli/target/classpath.txt"), FileTime.from(Instant.now()));
    }

    static Run run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ROOT.resolve("schedtune").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(ROOT.toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void curveOfTenThousandStepsFromTheLauncher() throws Exception {
        Run r = run("curve", "--config", "examples/configs/onecycle.yaml", "--steps", "10000");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines().count()).isEqualTo(10001);
        assertThat(r.out()).startsWith("step,lr,momentum\n0,0.004,0.95\n");
    }

    @Test
    void theFourCommandsWorkOnEveryShippedExample(@TempDir Path dir) throws Exception {
        List<String> files = new ArrayList<>();
        try (var list = Files.list(ROOT.resolve("examples/configs"))) {
            list.filter(Files::isRegularFile)
                    .sorted()
                    .forEach(f -> files.add(ROOT.relativize(f).toString()));
        }
        List<String> validate = new ArrayList<>(List.of("validate"));
        validate.addAll(files);
        Run v = run(validate.toArray(String[]::new));
        assertThat(v.code()).as(v.err()).isZero();
        assertThat(v.out().lines().filter(l -> l.startsWith("ok "))).hasSize(files.size());
        Run plot = run(
                "plot",
                "--config",
                "examples/configs/onecycle.yaml",
                "--steps",
                "1000",
                "--out",
                dir.resolve("p.svg").toString());
        assertThat(plot.code()).as(plot.err()).isZero();
        assertThat(Files.readString(dir.resolve("p.svg"))).contains("<svg");
        Run export = run("export", "--config", "examples/configs/warmup-cosine.json", "--to", "yaml");
        assertThat(export.code()).as(export.err()).isZero();
        assertThat(export.out()).startsWith("schedtune: 1\ntype: warmup\n");
    }

    @Test
    void badInputExitsTwoWithoutAStackTrace(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "type: cosine\nfrom: 0.1\nto: 0\nsteps: -10\n");
        Run r = run("curve", "--config", bad.toString(), "--steps", "10");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: " + bad + ":4:8: $.steps:").doesNotContain("\tat ");
        Run unknown = run("plto");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("error: unknown command 'plto' (did you mean 'plot'?)");
    }

    @Test
    void aSqliteStudyOpensWithoutLoggingNoise(@TempDir Path dir) throws Exception {
        // the SQLite driver logs through SLF4J (HikariCP): without a provider every JVM printed three
        // "SLF4J(W): No SLF4J providers were found" lines; the launcher ships a quiet one
        Path db = dir.resolve("study.db");
        try (Storage storage = Storages.sqlite(db)) {
            storage.createStudy("quiet", List.of(StudyDirection.MINIMIZE), Map.of());
        }
        Run r = run("studies", "--storage", db.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("quiet");
        assertThat(r.err()).doesNotContain("SLF4J");
    }

    @Test
    void versionAndHelp() throws Exception {
        Run v = run("--version");
        assertThat(v.code()).isZero();
        assertThat(v.out()).startsWith("schedtune 0.");
        Run h = run("--help");
        assertThat(h.out()).contains("curve", "plot", "export", "validate", "presets");
    }
}
