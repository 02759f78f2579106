package dev.schedtune.trainers.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task path from a study config that someone else stored (every worker reads it): a device that never
 * ends, a FIFO nobody writes, a file without line breaks. Each gets a clear error naming the file, at once,
 * instead of hanging or filling the memory of every worker.
 */
class UntrustedTaskFileTest {
    private static final Duration AT_ONCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void devZeroIsRefused() {
        Path zero = Path.of("/dev/zero");
        assertTimeoutPreemptively(
                AT_ONCE,
                () -> assertThatThrownBy(() ->
                                TaskSpec.csv(CsvOptions.classification(zero)).load())
                        .isInstanceOf(TaskDataException.class)
                        .hasMessage("/dev/zero: is not a regular file (a directory, device or FIFO); give a CSV file"));
    }

    @Test
    void aFifoIsRefused() throws Exception {
        Path fifo = dir.resolve("data.csv");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(mkfifo.exitValue()).isZero();
        assertTimeoutPreemptively(
                AT_ONCE,
                () -> assertThatThrownBy(() ->
                                TaskSpec.csv(CsvOptions.classification(fifo)).load())
                        .isInstanceOf(TaskDataException.class)
                        .hasMessageContaining("data.csv: is not a regular file"));
    }

    @Test
    void aLineLongerThanTheLimitIsRefusedWithItsNumber() throws IOException {
        Path file = dir.resolve("long.csv");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("x,label\n1,a\n");
            for (int i = 0; i < BoundedLines.MAX_CHARS / 8 + 1; i++) {
                w.write("12345678"); // 8 MiB written this way would be read whole by a line reader
            }
            w.write("\n2,b\n");
        }
        assertTimeoutPreemptively(
                AT_ONCE,
                () -> assertThatThrownBy(() ->
                                TaskSpec.csv(CsvOptions.classification(file)).load())
                        .isInstanceOf(TaskDataException.class)
                        .hasMessageContaining("long.csv:3: the line is longer than 1048576 characters"));
    }
}
