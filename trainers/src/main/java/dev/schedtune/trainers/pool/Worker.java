package dev.schedtune.trainers.pool;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One worker process as the pool sees it: a command channel (its standard input), a message queue fed by its
 * protocol {@link Channel}, and the last lines it wrote to standard output and standard error (drained
 * continuously, so a chatty child never blocks on a full pipe; shown when it dies).
 */
final class Worker {
    private static final int LOG_LINES = 40;
    private static final int LOG_LINE_CHARS = 2_000;
    private static final Duration REAP = Duration.ofSeconds(10);
    /** Put on the queue when the protocol channel ends (the process is gone). */
    private static final JsonNode END = Protocol.message("end");

    private final Process process;
    private final BufferedWriter commands;
    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final Deque<String> outputTail = new ArrayDeque<>();
    private volatile @Nullable Socket socket;
    private long pid;
    private double engineStartSeconds;

    private Worker(Process process) {
        this.process = process;
        this.pid = process.pid();
        this.commands = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        daemon("schedtune-worker-" + pid + "-stdout", () -> drain(process.getInputStream(), "stdout: "))
                .start();
        daemon("schedtune-worker-" + pid + "-stderr", () -> drain(process.getErrorStream(), ""))
                .start();
    }

    private static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Starts {@code command} and waits for its ready message. On every failure the process is killed and
     * reaped before the exception leaves, so a failed start leaves no process behind.
     *
     * @throws WorkerStartException if the process cannot be started, exits or says something else before it
     *     is ready, or is not ready within {@code startupTimeout}
     */
    static Worker start(List<String> command, Duration startupTimeout) {
        Channel channel = Channel.listen();
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put(Channel.ENV, channel.address());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            channel.close();
            throw new WorkerStartException(
                    "cannot start a worker process (" + e.getMessage() + "): " + String.join(" ", command), e);
        }
        Worker worker = new Worker(process);
        boolean ready = false;
        try {
            long deadline = System.nanoTime() + startupTimeout.toNanos();
            Socket s = channel.accept(startupTimeout.toMillis(), process::isAlive);
            if (s == null) {
                throw process.isAlive()
                        ? new WorkerCrashedException(
                                worker.pid,
                                "worker " + worker.pid + " did not start within " + startupTimeout + worker.output())
                        : worker.crashed("worker " + worker.pid + " exited before it connected");
            }
            worker.listen(s);
            JsonNode hello = worker.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (hello == null) {
                throw new WorkerCrashedException(
                        worker.pid,
                        "worker " + worker.pid + " did not start within " + startupTimeout + worker.output());
            }
            if (!Protocol.READY.equals(hello.path("type").asText())) {
                throw new WorkerCrashedException(
                        worker.pid, "worker " + worker.pid + " sent " + hello + " instead of ready");
            }
            worker.pid = hello.path("pid").asLong(worker.pid);
            worker.engineStartSeconds = hello.path("engine_start_seconds").asDouble();
            ready = true;
            return worker;
        } catch (IOException e) {
            throw new WorkerStartException(
                    "worker " + worker.pid + ": its protocol channel failed: " + e.getMessage(), e);
        } catch (WorkerCrashedException e) {
            throw new WorkerStartException(
                    "a worker process could not start: " + e.getMessage() + classpathHint(e, command), e);
        } finally {
            if (!ready) {
                worker.destroy();
            }
        }
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

    private void listen(Socket s) {
        this.socket = s;
        daemon("schedtune-worker-" + pid + "-protocol", () -> readMessages(s)).start();
    }

    private void readMessages(Socket s) {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    messages.add(Protocol.parse(line));
                } catch (IllegalArgumentException e) {
                    // the channel carries only our messages; a bad line is a bug worth seeing, not a reason to stop
                    appendOutput("(pool) skipped a line that is not a protocol message: " + abbreviate(line));
                }
            }
        } catch (IOException e) {
            appendOutput("(pool) reading the worker's protocol channel failed: " + e);
        }
        messages.add(END);
    }

    /** Keeps the last lines of a stream (bounded in count and length, also for text without newlines). */
    private void drain(InputStream stream, String prefix) {
        try (InputStreamReader in = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder();
            char[] buf = new char[8192];
            int n;
            while ((n = in.read(buf)) >= 0) {
                for (int i = 0; i < n; i++) {
                    char c = buf[i];
                    if (c == '\n') {
                        appendOutput(prefix + line);
                        line.setLength(0);
                    } else if (line.length() < LOG_LINE_CHARS) {
                        line.append(c);
                    }
                }
            }
            if (line.length() > 0) {
                appendOutput(prefix + line);
            }
        } catch (IOException e) {
            appendOutput("(pool) reading the worker's output failed: " + e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 197) + "...";
    }

    private synchronized void appendOutput(String line) {
        if (outputTail.size() == LOG_LINES) {
            outputTail.removeFirst();
        }
        outputTail.addLast(line);
    }

    /** The last lines of standard error and output, as a message suffix. */
    synchronized String output() {
        return outputTail.isEmpty() ? "" : "; its last output lines:\n  " + String.join("\n  ", outputTail);
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
     * The next message; throws {@link WorkerCrashedException} when the worker's channel ended. Waits at
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

    WorkerCrashedException crashed(String what) {
        Integer code = null;
        try {
            if (process.waitFor(2, TimeUnit.SECONDS)) {
                code = process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new WorkerCrashedException(pid, what + (code == null ? "" : " with exit code " + code) + output());
    }

    /** Asks the worker to exit after its current job; kills it if it has not within {@code grace}. */
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
        closeSocket();
    }

    /** Kills the process (SIGKILL, which also ends a stopped one) and waits until it is gone. */
    void destroy() {
        process.destroyForcibly();
        try {
            process.waitFor(REAP.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeSocket();
    }

    private void closeSocket() {
        Socket s = socket;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
