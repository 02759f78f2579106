package dev.schedtune.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Debian's python3-optuna (always /usr/bin/python3), for the CLI's interop tests. */
public final class Optuna {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    public record Result(int code, String out, String err) {}

    private Optuna() {}

    /** Skips the calling test, with the reason printed, when python3-optuna cannot be imported. */
    public static void assumeAvailable() throws Exception {
        String reason = !Files.isExecutable(PYTHON)
                ? PYTHON + " is missing"
                : run("import optuna").code() != 0 ? "python3-optuna is not importable" : null;
        if (reason != null) {
            System.out.println("SKIPPED (Optuna interop): " + reason);
        }
        Assumptions.assumeTrue(reason == null, reason);
    }

    /** Runs a Python script with arguments. */
    public static Result run(String script, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), "-c", script));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("python timed out");
        }
        return new Result(
                p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }
}
