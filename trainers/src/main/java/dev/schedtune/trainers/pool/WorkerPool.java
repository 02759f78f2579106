package dev.schedtune.trainers.pool;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableList;
import dev.schedtune.trainers.djl.DjlRuntime;
import dev.schedtune.trainers.train.EpochListener;
import dev.schedtune.trainers.train.EpochReport;
import dev.schedtune.trainers.train.TrainingPlan;
import dev.schedtune.trainers.train.TrainingResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A fixed number of worker JVMs that train {@link TrainingPlan}s in parallel. DJL's PyTorch autograd
 * and random generators are process-global, so parallel trials need separate processes; each worker
 * is a child JVM on schedtune's classpath ({@link WorkerMain}, {@link Builder#classpath}), started on first
 * use and reused for every later job, taking JSON lines on its standard input and answering on a {@link
 * Channel} of its own (so JVM logging or a native library printing to its standard output cannot disturb the
 * protocol). Every process the pool starts is killed and reaped on every path: a failed start, a crash,
 * {@link #close()}.
 *
 * <p>{@link #run(TrainingPlan, EpochListener)} is called from as many threads as there are workers
 * (more callers wait for a free worker). It streams each epoch's report to the listener as soon as the
 * worker sends it; when the listener says STOP, the worker is told to stop after its current epoch. A
 * worker that dies during a job fails that job with a {@link WorkerCrashedException} and is replaced by
 * a new process for the next job; so is a worker whose job ended in a JVM {@link Error} (out of memory). A
 * worker that cannot start at all fails the job with a {@link WorkerStartException} naming the cause and the
 * fix. {@link #close()} asks every worker to exit and waits briefly.
 *
 * <p>Plans travel as data, so their task must be portable (not in-memory) and their schedules built
 * from the DSL's kinds (not lambdas); otherwise {@code run} throws {@link IllegalArgumentException}.
 */
public final class WorkerPool implements AutoCloseable {
    private final int size;
    private final ImmutableList<String> command;
    private final Duration startupTimeout;
    private final Duration shutdownGrace;
    /** One entry per worker slot: the idle worker, or an empty Optional for a slot without a process. */
    private final BlockingQueue<Optional<Worker>> idle;

    private final Set<Worker> live = ConcurrentHashMap.newKeySet();
    private final AtomicLong jobIds = new AtomicLong();
    private final AtomicLong started = new AtomicLong();
    private volatile boolean closed;

    private WorkerPool(Builder b) {
        this.size = b.workers;
        this.startupTimeout = b.startupTimeout;
        this.shutdownGrace = b.shutdownGrace;
        List<String> cmd = new ArrayList<>();
        cmd.add(b.javaCommand);
        cmd.addAll(b.jvmOptions);
        cmd.add("-D" + DjlRuntime.OFFLINE_PROPERTY + "=" + System.getProperty(DjlRuntime.OFFLINE_PROPERTY, "true"));
        cmd.add("-D" + DjlRuntime.THREADS_PROPERTY + "=" + b.intraOpThreads);
        cmd.add("-D" + DjlRuntime.INTEROP_THREADS_PROPERTY + "=1");
        cmd.add("-D" + WorkerMain.WARM_UP_STEPS_PROPERTY + "=" + b.warmUpSteps);
        String cacheDir = System.getProperty(DjlRuntime.CACHE_DIR_PROPERTY);
        if (cacheDir != null) {
            cmd.add("-D" + DjlRuntime.CACHE_DIR_PROPERTY + "=" + cacheDir);
        }
        cmd.add("-cp");
        cmd.add(b.classpath);
        cmd.add(b.mainClass);
        this.command = ImmutableList.copyOf(cmd);
        this.idle = new ArrayBlockingQueue<>(size);
        for (int i = 0; i < size; i++) {
            idle.add(Optional.empty());
        }
    }

    /** A pool with {@code workers} worker processes and default settings. */
    public static WorkerPool of(int workers) {
        return builder().workers(workers).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The number of worker slots. */
    public int size() {
        return size;
    }

    /** The command line a worker is started with. */
    public List<String> command() {
        return command;
    }

    /** Process ids of the workers alive now. */
    public List<Long> workerPids() {
        List<Long> pids = new ArrayList<>();
        for (Worker w : live) {
            if (w.isAlive()) {
                pids.add(w.pid());
            }
        }
        return pids;
    }

    /** Worker processes started so far (more than {@link #size()} when crashed ones were replaced). */
    public long workersStarted() {
        return started.get();
    }

    /** Trains {@code plan} in a worker. */
    public TrainingResult run(TrainingPlan plan) {
        return run(plan, EpochListener.NONE);
    }

    /**
     * Trains {@code plan} in a free worker (waiting for one if all are busy), passing each epoch's
     * report to {@code listener} as it arrives; STOP stops the job after the worker's current epoch
     * (the result then has status STOPPED, and the listener hears of no later epoch).
     *
     * @throws IllegalArgumentException if the plan cannot travel as data or is invalid (bad task file,
     *     schedule out of range, ...), with the worker's message
     * @throws WorkerStartException if no worker was free and a new one could not start (a wrong classpath,
     *     see {@link Builder#classpath})
     * @throws WorkerCrashedException if the worker died during the job
     * @throws WorkerJobException if the job failed in the worker for another reason
     */
    public TrainingResult run(TrainingPlan plan, EpochListener listener) {
        return run(plan, listener, null);
    }

    /**
     * Like {@link #run(TrainingPlan, EpochListener)}, within a time limit: a job that has not ended after
     * {@code timeLimit} (its worker hangs, was stopped with SIGSTOP, or trains far longer than expected) is
     * ended by killing the worker, which is replaced for the next job.
     *
     * @param timeLimit null for none
     * @throws WorkerTimeoutException when the time limit passed
     */
    public TrainingResult run(TrainingPlan plan, EpochListener listener, @Nullable Duration timeLimit) {
        checkState(!closed, "the worker pool is closed");
        checkArgument(
                timeLimit == null || (!timeLimit.isNegative() && !timeLimit.isZero()),
                "timeLimit (%s) must be > 0",
                timeLimit);
        ObjectNode job = Protocol.message(Protocol.RUN);
        long id = jobIds.incrementAndGet();
        job.put("id", id);
        job.set("plan", PlanJson.write(plan));
        Optional<Worker> slot = take();
        Worker worker = null;
        boolean finished = false;
        try {
            if (slot.isPresent() && !slot.get().isAlive()) {
                retire(slot.get()); // died while idle
                slot = Optional.empty();
            }
            worker = slot.isPresent() ? slot.get() : startWorker();
            long deadline = timeLimit == null ? Long.MAX_VALUE : System.nanoTime() + timeLimit.toNanos();
            worker.send(job);
            boolean stopping = false;
            while (true) {
                JsonNode message = worker.next(
                        timeLimit == null ? null : Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                if (message == null) {
                    Worker hung = worker;
                    String output = hung.output();
                    retire(hung); // SIGKILL ends a stopped process too
                    worker = null;
                    throw new WorkerTimeoutException(hung.pid(), Objects.requireNonNull(timeLimit), output);
                }
                String type = message.path("type").asText();
                if (message.path("id").asLong() != id) {
                    continue;
                }
                if (type.equals(Protocol.EPOCH)) {
                    if (!stopping) {
                        EpochReport report = PlanJson.readEpoch(message.get("report"));
                        if (listener.onEpoch(report) == EpochListener.Decision.STOP) {
                            stopping = true;
                            ObjectNode prune = Protocol.message(Protocol.PRUNE);
                            prune.put("id", id);
                            worker.send(prune);
                        }
                    }
                } else if (type.equals(Protocol.RESULT)) {
                    finished = true;
                    return PlanJson.readResult(message.get("result"));
                } else if (type.equals(Protocol.ERROR)) {
                    finished = true;
                    String text = message.path("message").asText();
                    if (message.path("fatal").asBoolean()) {
                        // an Error (out of memory, ...) leaves the process unusable: it exits, and we retire it
                        // now so that the next job gets a fresh worker instead of a dying one
                        retire(worker);
                        worker = null;
                        throw new WorkerJobException(
                                message.path("error_type").asText(), text + " (worker process replaced)");
                    }
                    if (message.path("invalid").asBoolean()) {
                        throw new IllegalArgumentException(text);
                    }
                    throw new WorkerJobException(message.path("error_type").asText(), text);
                }
            }
        } catch (WorkerCrashedException e) {
            if (worker != null) {
                retire(worker);
            }
            worker = null;
            throw e;
        } finally {
            if (worker != null && !finished) {
                // the listener threw: stop the job so the worker is free again soon
                ObjectNode prune = Protocol.message(Protocol.PRUNE);
                prune.put("id", id);
                try {
                    worker.send(prune);
                } catch (WorkerCrashedException e) {
                    retire(worker);
                    worker = null;
                }
            }
            release(worker);
        }
    }

    /** Takes a worker out of the pool for good: kills and reaps its process. */
    private void retire(Worker worker) {
        live.remove(worker);
        worker.destroy();
    }

    private Optional<Worker> take() {
        try {
            return idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a free worker", e);
        }
    }

    private Worker startWorker() {
        Worker w = Worker.start(command, startupTimeout);
        started.incrementAndGet();
        live.add(w);
        return w;
    }

    private void release(@Nullable Worker worker) {
        if (closed && worker != null) {
            live.remove(worker);
            worker.shutdown(shutdownGrace);
            worker = null;
        }
        idle.add(Optional.ofNullable(worker));
    }

    /**
     * Asks every worker to exit (after its current job) and waits up to the shutdown grace for each; kills
     * those that have not exited by then.
     */
    @Override
    public void close() {
        closed = true;
        List<Optional<Worker>> drained = new ArrayList<>();
        idle.drainTo(drained);
        for (Optional<Worker> w : drained) {
            w.ifPresent(worker -> {
                live.remove(worker);
                worker.shutdown(shutdownGrace);
            });
            idle.add(Optional.empty());
        }
        for (Worker busy : live) {
            busy.shutdown(shutdownGrace);
        }
    }

    /** Settings of a pool. */
    public static final class Builder {
        private int workers = Math.max(1, Runtime.getRuntime().availableProcessors());
        private int intraOpThreads = 1;
        private List<String> jvmOptions = List.of("-Xmx1g", "-XX:+UseSerialGC");
        private String classpath = WorkerClasspath.of(WorkerPool.class.getClassLoader());
        private String javaCommand = defaultJava();
        private Duration startupTimeout = Duration.ofSeconds(120);
        private Duration shutdownGrace = Duration.ofSeconds(10);
        private int warmUpSteps = Integer.getInteger(WorkerMain.WARM_UP_STEPS_PROPERTY, 6000);
        private String mainClass = WorkerMain.class.getName();

        private Builder() {}

        /** The worker's main class (tests wrap {@link WorkerMain} to inject faults). */
        Builder mainClass(String className) {
            this.mainClass = className;
            return this;
        }

        private static String defaultJava() {
            return ProcessHandle.current()
                    .info()
                    .command()
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java")
                            .toString());
        }

        /** Worker processes (default: one per available processor). */
        public Builder workers(int workers) {
            checkArgument(workers >= 1, "workers (%s) must be >= 1", workers);
            this.workers = workers;
            return this;
        }

        /** PyTorch intra-op threads per worker (default 1: one core per worker). */
        public Builder intraOpThreads(int threads) {
            checkArgument(threads >= 1, "intraOpThreads (%s) must be >= 1", threads);
            this.intraOpThreads = threads;
            return this;
        }

        /** JVM options of each worker (default {@code -Xmx1g -XX:+UseSerialGC}). */
        public Builder jvmOptions(List<String> options) {
            this.jvmOptions = List.copyOf(options);
            return this;
        }

        /**
         * Training steps each worker runs before its first job, so that the JIT has compiled the training
         * code and early trials are not slower than later ones (default 6,000, a few seconds once per
         * worker; 0 to skip). The default can also be set with the system property {@value
         * WorkerMain#WARM_UP_STEPS_PROPERTY} of this JVM (for example to 0 in a test suite).
         */
        public Builder warmUpSteps(int steps) {
            checkArgument(steps >= 0, "warmUpSteps (%s) must be >= 0", steps);
            this.warmUpSteps = steps;
            return this;
        }

        /**
         * The workers' classpath, as for {@code java -cp}: it must hold schedtune's trainers and their
         * dependencies. Default: the classpath of the class loader that loaded this class (its URLs and its
         * parents' up to the application class loader), then {@code java.class.path}; so workers start under
         * {@code java -cp}, {@code mvn exec:exec}, {@code mvn exec:java} and in tests alike. Give it where a
         * launcher's class loader is not a {@code URLClassLoader} (a worker that cannot start says so: {@link
         * WorkerStartException}).
         */
        public Builder classpath(String classpath) {
            checkArgument(!classpath.isBlank(), "classpath must not be blank");
            this.classpath = classpath;
            return this;
        }

        /** The java executable (default: the one running this JVM). */
        public Builder javaCommand(String javaCommand) {
            this.javaCommand = javaCommand;
            return this;
        }

        /** How long a new worker may take to start its engine and say it is ready (default 120 s). */
        public Builder startupTimeout(Duration timeout) {
            checkArgument(!timeout.isNegative() && !timeout.isZero(), "startupTimeout (%s) must be > 0", timeout);
            this.startupTimeout = timeout;
            return this;
        }

        /** How long {@link WorkerPool#close()} waits for each worker before killing it (default 10 s). */
        public Builder shutdownGrace(Duration grace) {
            checkArgument(!grace.isNegative(), "shutdownGrace (%s) must be >= 0", grace);
            this.shutdownGrace = grace;
            return this;
        }

        public WorkerPool build() {
            return new WorkerPool(this);
        }
    }
}
