package dev.schedtune.trainers.pool;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** One worker process as the pool sees it: a command channel, a message queue, its last stderr lines. */
final class Worker {
    private static final int STDERR_LINES = 40;
    /** Put on the queue when the worker's standard output ends (the process is gone). */
    private static final JsonNode END = Protocol.message("end");

    private final Process process;
    private final BufferedWriter commands;
    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private long pid;
    private double engineStartSeconds;

    private Worker(Process process) {
        this.process = process;
        this.pid = process.pid();
        this.commands = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        daemon("schedtune-worker-" + pid + "-out", this::readMessages).start();
        daemon("schedtune-worker-" + pid + "-err", this::readStderr).start();
    }

    private static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Starts {@code command} and waits for its ready message.
     *
     * @throws WorkerStartException if the process cannot be started, exits or says something else before it
     *     is ready, or is not ready within {@code startupTimeout}
     */
    static Worker start(List<String> command, Duration startupTimeout) {
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new WorkerStartException(
                    "cannot start a worker process (" + e.getMessage() + "): " + String.join(" ", command), e);
        }
        Worker worker = new Worker(process);
        JsonNode ready;
        try {
            ready = worker.next(startupTimeout);
        } catch (WorkerCrashedException e) {
            throw new WorkerStartException(
                    "a worker process could not start: " + e.getMessage() + classpathHint(e, command), e);
        }
        if (ready == null) {
            worker.destroy();
            throw new WorkerStartException(
                    "worker " + worker.pid + " did not start within " + startupTimeout + worker.stderr());
        }
        if (!Protocol.READY.equals(ready.path("type").asText())) {
            worker.destroy();
            throw new WorkerStartException("worker " + worker.pid + " sent " + ready + " instead of ready");
        }
        worker.pid = ready.path("pid").asLong(worker.pid);
        worker.engineStartSeconds = ready.path("engine_start_seconds").asDouble();
        return worker;
    }

    /** The fix, when the worker could not load a class: the classpath it was given and how to give another. */
    private static String classpathHint(WorkerCrashedException e, List<String> command) {
        String m = String.valueOf(e.getMessage());
        if (!m.contains("Could not find or load main class")
                && !m.contains("NoClassDefFoundError")
                && !m.contains("ClassNotFoundException")) {
            return "";
        }
        int cp = command.indexOf("-cp");
        String classpath = cp >= 0 && cp + 1 < command.size() ? command.get(cp + 1) : "";
        return "\nThe workers' classpath lacks schedtune or one of its dependencies. It was: " + classpath
                + "\nIt is the classpath of the class loader that loaded schedtune, then java.class.path; where a"
                + " launcher hides the program's classpath, give it with WorkerPool.builder().classpath(...)"
                + " (the program's full classpath, as for java -cp).";
    }

    private void readMessages() {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    messages.add(Protocol.parse(line));
                }
            }
        } catch (IOException | RuntimeException e) {
            appendStderr("(pool) reading the worker's output failed: " + e);
        }
        messages.add(END);
    }

    private void readStderr() {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                appendStderr(line);
            }
        } catch (IOException e) {
            appendStderr("(pool) reading the worker's stderr failed: " + e);
        }
    }

    private synchronized void appendStderr(String line) {
        if (stderrTail.size() == STDERR_LINES) {
            stderrTail.removeFirst();
        }
        stderrTail.addLast(line);
    }

    /** The last lines of standard error, as a message suffix. */
    synchronized String stderr() {
        return stderrTail.isEmpty() ? "" : "; its last stderr lines:\n  " + String.join("\n  ", stderrTail);
    }

    long pid() {
        return pid;
    }

    double engineStartSeconds() {
        return engineStartSeconds;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    void send(JsonNode message) {
        try {
            commands.write(Protocol.line(message));
            commands.newLine();
            commands.flush();
        } catch (IOException e) {
            throw crashed("cannot send to worker " + pid + ": " + e.getMessage());
        }
    }

    /**
     * The next message; throws {@link WorkerCrashedException} when the worker's output ended. Waits at
     * most {@code timeout} (null: forever) and returns null when it expires.
     */
    @Nullable
    JsonNode next(@Nullable Duration timeout) {
        JsonNode message;
        try {
            message = timeout == null ? messages.take() : messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for worker " + pid, e);
        }
        if (message == END) {
            messages.add(END);
            throw crashed("worker " + pid + " exited");
        }
        return message;
    }

    private WorkerCrashedException crashed(String what) {
        Integer code = null;
        try {
            if (process.waitFor(2, TimeUnit.SECONDS)) {
                code = process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new WorkerCrashedException(pid, what + (code == null ? "" : " with exit code " + code) + stderr());
    }

    /** Asks the worker to exit after its current job; destroys it if it has not within {@code grace}. */
    void shutdown(Duration grace) {
        if (process.isAlive()) {
            try {
                send(Protocol.message(Protocol.SHUTDOWN));
            } catch (WorkerCrashedException ignored) {
                // already gone
            }
            try {
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    destroy();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                destroy();
            }
        }
    }

    void destroy() {
        process.destroyForcibly();
    }
}
