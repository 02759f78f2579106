package dev.schedtune.search.storage.jdbc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs Debian's python3-optuna (always /usr/bin/python3, never the pyenv python on PATH). */
public final class PythonOptuna {
    static final Path PYTHON = Path.of("/usr/bin/python3");

    private PythonOptuna() {}

    /** Skips the calling test, with the reason printed, when python3-optuna cannot be imported. */
    public static void assumeAvailable() throws Exception {
        String reason = null;
        if (!Files.isExecutable(PYTHON)) {
            reason = PYTHON + " is missing";
        } else {
            Result r = run("import optuna; print(optuna.__version__)");
            if (r.exitCode != 0) {
                reason = "python3-optuna is not importable: " + r.stderr;
            }
        }
        if (reason != null) {
            System.out.println("SKIPPED (Optuna interop): " + reason);
        }
        Assumptions.assumeTrue(reason == null, reason);
    }

    /** Skips the calling test, with the reason printed, when Optuna cannot talk to PostgreSQL (no psycopg2). */
    static void assumePostgresAvailable() throws Exception {
        assumeAvailable();
        Result r = run("import psycopg2; print(psycopg2.__version__)");
        String reason = r.exitCode == 0 ? null : "python3-psycopg2 is not importable: " + r.stderr;
        if (reason != null) {
            System.out.println("SKIPPED (Optuna on PostgreSQL): " + reason);
        }
        Assumptions.assumeTrue(reason == null, reason);
    }

    /** Debian's {@code optuna} command (python3-optuna has no {@code python3 -m optuna}). */
    static final Path OPTUNA_CLI = Path.of("/usr/bin/optuna");

    /** Runs the {@code optuna} command line. */
    static Result cli(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of(OPTUNA_CLI.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("optuna timed out");
        }
        return new Result(
                p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    public record Result(int exitCode, String stdout, String stderr) {}

    public static Result run(String script, String... args) throws IOException, InterruptedException {
        return run(java.util.Map.of(), script, args);
    }

    /** Runs {@code script} with extra environment variables (e.g. {@code TZ}). */
    public static Result run(java.util.Map<String, String> env, String script, String... args)
            throws IOException, InterruptedException {
        Path file = Files.createTempFile("schedtune-optuna", ".py");
        try {
            Files.writeString(file, script);
            List<String> cmd = new java.util.ArrayList<>(List.of(PYTHON.toString(), file.toString()));
            cmd.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().putAll(env);
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("python timed out");
            }
            return new Result(
                    p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
