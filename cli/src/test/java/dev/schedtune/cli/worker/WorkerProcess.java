package dev.schedtune.cli.worker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A real {@code schedtune worker} process (a child JVM on the test classpath), its output read as it comes. */
final class WorkerProcess implements AutoCloseable {
    private static final Pattern TRIAL = Pattern.compile("^trial (\\d+) (\\w+)");

    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    private WorkerProcess(Process process) {
        this.process = process;
        this.reader = new Thread(this::read, "worker-output-" + process.pid());
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Starts {@code schedtune worker ARGS} with extra environment variables. */
    static WorkerProcess start(Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.schedtune.cli.Main",
                "worker"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        return new WorkerProcess(pb.start());
    }

    static WorkerProcess start(String... args) throws IOException {
        return start(Map.of(), args);
    }

    private void read() {
        try (BufferedReader r =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process was killed: its output ends here
        }
    }

    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    String output() {
        return String.join("\n", lines());
    }

    /** The trial numbers this worker reported finished, with their states. */
    List<int[]> reportedTrials() {
        List<int[]> out = new ArrayList<>();
        for (String l : lines()) {
            Matcher m = TRIAL.matcher(l);
            if (m.find()) {
                out.add(new int[] {Integer.parseInt(m.group(1)), m.group(2).equals("COMPLETE") ? 1 : 0});
            }
        }
        return out;
    }

    /** Waits until {@code count} lines match, or the process ends or the time is up. */
    boolean awaitLines(Predicate<String> matching, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            while (lines.stream().filter(matching).count() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || (!process.isAlive() && !reader.isAlive())) {
                    return false;
                }
                lines.wait(Math.max(1, Math.min(200, TimeUnit.NANOSECONDS.toMillis(left))));
            }
            return true;
        }
    }

    /** Waits for the process to end; returns its exit code. */
    int await(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("worker did not end within " + timeout + ":\n" + output());
        }
        reader.join(5000);
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook runs, the heartbeats just stop. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        reader.join(5000);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
