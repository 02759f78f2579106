package dev.schedtune.cli.tune;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The training worker processes of this JVM's pools, found and signalled as an operator would. */
final class PoolProcesses {
    private static final String MAIN = "dev.schedtune.trainers.pool.WorkerMain";

    private PoolProcesses() {}

    /** Live descendants of this JVM that run the pool's worker main class. */
    static List<Long> workers() {
        return ProcessHandle.current()
                .descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p -> commandLine(p).contains(MAIN))
                .map(ProcessHandle::pid)
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

    /** {@code kill -STOP pid}, then waits until the kernel reports the process stopped. */
    static void stop(long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-STOP", Long.toString(pid)).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new AssertionError("kill -STOP " + pid + " failed");
        }
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        for (int i = 0; i < 1000; i++) {
            String s;
            try {
                s = Files.readString(stat);
            } catch (IOException e) {
                throw new UncheckedIOException("process " + pid + " ended", e);
            }
            // the state follows the parenthesised command name
            if (s.substring(s.lastIndexOf(')') + 2).startsWith("T")) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("process " + pid + " did not stop");
    }
}
