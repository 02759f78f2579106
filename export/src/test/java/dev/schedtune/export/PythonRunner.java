package dev.schedtune.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schedtune.dsl.ScheduleSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a generated Python file with the machine's python3 and compares its CSV with our values. */
public final class PythonRunner {
    private PythonRunner() {}

    /** /usr/bin/python3 where it exists (Debian's, with the standard library), else python3 on PATH. */
    static String python() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    private static double parse(String python) {
        switch (python) {
            case "inf":
                return Double.POSITIVE_INFINITY;
            case "-inf":
                return Double.NEGATIVE_INFINITY;
            case "nan":
                return Double.NaN;
            default:
                return Double.parseDouble(python);
        }
    }

    public static void assertSameCurve(Path dir, String python, ScheduleSet set, int steps)
            throws IOException, InterruptedException {
        Path file = dir.resolve("schedule.py");
        Files.writeString(file, python);
        Process p = new ProcessBuilder(python(), "-I", file.toString(), Integer.toString(steps))
                .redirectErrorStream(true)
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(text).isZero();
        List<String> lines = text.lines().toList();
        List<String> names = List.copyOf(set.names());
        assertThat(lines.get(0)).isEqualTo("step," + String.join(",", names));
        assertThat(lines).hasSize(steps + 1);
        for (int step = 0; step < steps; step++) {
            String[] cells = lines.get(step + 1).split(",");
            assertThat(Long.parseLong(cells[0])).isEqualTo(step);
            for (int i = 0; i < names.size(); i++) {
                double ours = set.valueAt(names.get(i), step);
                double theirs = parse(cells[i + 1]);
                if (!Double.isFinite(ours) || !Double.isFinite(theirs)) {
                    assertThat(theirs).as("%s at step %d", names.get(i), step).isEqualTo(ours);
                    continue;
                }
                assertThat(Math.abs(theirs - ours))
                        .as("%s at step %d: python %s, java %s", names.get(i), step, theirs, ours)
                        .isLessThanOrEqualTo(1e-12 * Math.max(1.0, Math.abs(ours)));
            }
        }
    }
}
