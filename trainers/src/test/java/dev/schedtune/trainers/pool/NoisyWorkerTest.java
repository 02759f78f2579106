package dev.schedtune.trainers.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schedtune.trainers.train.TrainingResult;
import dev.schedtune.trainers.train.TrainingStatus;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Worker processes whose standard output carries foreign text, as JVM logging ({@code -Xlog:gc}) and native
 * libraries' printf produce it: before, between and inside the worker's messages, including text that looks
 * like a protocol message. The pool must train as usual and, however a worker ends (closed pool, failed
 * start), leave no process behind.
 */
class NoisyWorkerTest {
    /** WorkerMain with a second writer on file descriptor 1, as a native library's printf would be. */
    public static final class Noisy {
        public static void main(String[] args) throws IOException {
            FileOutputStream fd1 = new FileOutputStream(FileDescriptor.out);
            fd1.write(
                    "junk before the first message\n{\"type\":\"ready\",\"pid\":1}\n".getBytes(StandardCharsets.UTF_8));
            Thread t = new Thread(() -> {
                try {
                    for (long i = 0; ; i++) {
                        // no newline most of the time: the text lands in the middle of whatever else is written
                        String junk = i % 7 == 0
                                ? "{\"type\":\"result\",\"id\":" + (i % 5) + ",\"result\":{}}\n"
                                : i % 3 == 0 ? "native printf " + i + "\n" : "partial" + i;
                        fd1.write(junk.getBytes(StandardCharsets.UTF_8));
                        Thread.sleep(1);
                    }
                } catch (IOException | InterruptedException e) {
                    // the process ends
                }
            });
            t.setDaemon(true);
            t.start();
            WorkerMain.main(args);
        }
    }

    /** Prints something that is not a message and never says it is ready. */
    public static final class Hanging {
        public static void main(String[] args) throws InterruptedException {
            System.out.println("Picked up JAVA_TOOL_OPTIONS: -Xlog:gc");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    @Test
    void foreignOutputNeitherBreaksTheProtocolNorLeaksAProcess() {
        Set<Long> pids = new HashSet<>();
        try (WorkerPool pool = WorkerPool.builder()
                .warmUpSteps(300)
                .workers(1)
                .jvmOptions(List.of("-Xmx1g", "-XX:+UseSerialGC", "-Xlog:gc*,safepoint:stdout"))
                .mainClass(Noisy.class.getName())
                .build()) {
            for (int job = 0; job < 3; job++) {
                TrainingResult r = pool.run(WorkerPoolTest.plan(3, job));
                assertThat(r.status()).isEqualTo(TrainingStatus.COMPLETED);
                assertThat(r.epochs()).hasSize(3);
                pids.addAll(pool.workerPids());
            }
            // the leak check below finds workers by their main class: it must see this live one
            assertThat(runningMain(Noisy.class)).hasSize(1);
            assertThat(pool.workersStarted()).isEqualTo(1);
        }
        assertThat(pids).hasSize(1);
        assertNoneAlive(pids, Noisy.class);
    }

    @Test
    void aWorkerThatFailsToStartIsKilled() {
        try (WorkerPool pool = WorkerPool.builder()
                .workers(1)
                .startupTimeout(Duration.ofSeconds(3))
                .mainClass(Hanging.class.getName())
                .build()) {
            assertThatThrownBy(() -> pool.run(WorkerPoolTest.plan(1, 0)))
                    .isInstanceOf(WorkerStartException.class)
                    .hasMessageContaining("did not start within")
                    .hasMessageContaining("Picked up JAVA_TOOL_OPTIONS");
            assertNoneAlive(Set.of(), Hanging.class);
        }
    }

    /** No child of this JVM runs {@code main} any more, nor does any of {@code pids}. */
    private static void assertNoneAlive(Set<Long> pids, Class<?> main) {
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .as("worker " + pid + " is alive")
                    .isFalse();
        }
        assertThat(runningMain(main)).as("worker processes left running").isEmpty();
    }

    private static List<ProcessHandle> runningMain(Class<?> main) {
        return ProcessHandle.current()
                .descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p -> commandLine(p).contains(main.getName()))
                .toList();
    }

    /** The process's arguments (ProcessHandle.Info leaves them out when the classpath is long). */
    private static List<String> commandLine(ProcessHandle p) {
        try {
            return List.of(Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline"), StandardCharsets.UTF_8)
                    .split("\0"));
        } catch (IOException e) {
            return List.of(); // it ended meanwhile
        }
    }
}
