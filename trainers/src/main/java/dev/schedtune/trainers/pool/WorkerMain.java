package dev.schedtune.trainers.pool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schedtune.trainers.djl.DjlRuntime;
import dev.schedtune.trainers.train.EpochListener;
import dev.schedtune.trainers.train.TrainingLoop;
import dev.schedtune.trainers.train.TrainingPlan;
import dev.schedtune.trainers.train.TrainingResult;
import dev.schedtune.trainers.train.WarmUp;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The entry point of a worker process started by {@link WorkerPool}: reads jobs from standard input,
 * trains them one after the other with {@link TrainingLoop}, and writes epoch reports and results to its
 * protocol {@link Channel} (never to standard output, which JVM logging and native libraries share). After
 * an {@link Error} (out of memory, a stack overflow) it reports the error as fatal and exits, since its
 * state can no longer be trusted.
 */
public final class WorkerMain {
    private static final JsonNode STOP = Protocol.message(Protocol.SHUTDOWN);
    /** System property: training steps a worker runs to warm up its JIT before its first job. */
    public static final String WARM_UP_STEPS_PROPERTY = "schedtune.worker.warmUpSteps";

    private static final int WARM_UP_STEPS = Integer.getInteger(WARM_UP_STEPS_PROPERTY, 6000);

    private final PrintStream out;
    private final BlockingQueue<JsonNode> jobs = new LinkedBlockingQueue<>();
    private final Set<Long> pruned = ConcurrentHashMap.newKeySet();

    private WorkerMain(PrintStream out) {
        this.out = out;
    }

    /** Exit status of a worker that ended after a fatal error. */
    static final int FATAL_EXIT = 3;

    public static void main(String[] args) {
        String address = System.getenv(Channel.ENV);
        if (address == null) {
            System.err.println("schedtune worker: " + Channel.ENV + " is not set; workers are started by a WorkerPool");
            System.exit(2);
        }
        PrintStream protocol;
        try {
            protocol = Channel.connect(address);
        } catch (IOException | RuntimeException e) {
            System.err.println("schedtune worker: cannot connect to the pool: " + e);
            System.exit(2);
            return;
        }
        new WorkerMain(protocol).serve();
    }

    private void serve() {
        double engineSeconds = DjlRuntime.start();
        // compile the training code before the first job, so that its seconds are not inflated
        double warmUpSeconds = WarmUp.run(WARM_UP_STEPS);
        ObjectNode ready = Protocol.message(Protocol.READY);
        ready.put("pid", ProcessHandle.current().pid());
        ready.put("engine_start_seconds", engineSeconds);
        ready.put("warm_up_seconds", warmUpSeconds);
        send(ready);
        Thread reader = new Thread(this::readCommands, "schedtune-worker-stdin");
        reader.setDaemon(true);
        reader.start();
        while (true) {
            JsonNode job;
            try {
                job = jobs.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (job == STOP) {
                out.flush();
                System.exit(0);
            }
            run(job);
        }
    }

    private void readCommands() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode message = Protocol.parse(line);
                String type = message.path("type").asText();
                if (type.equals(Protocol.RUN)) {
                    jobs.add(message);
                } else if (type.equals(Protocol.PRUNE)) {
                    pruned.add(message.path("id").asLong());
                } else if (type.equals(Protocol.SHUTDOWN)) {
                    jobs.add(STOP);
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("schedtune worker: cannot read commands: " + e);
        }
        // the parent is gone: nobody reads our results any more
        Runtime.getRuntime().halt(0);
    }

    private void run(JsonNode job) {
        long id = job.path("id").asLong();
        try {
            TrainingPlan plan = PlanJson.read(job.get("plan"));
            TrainingResult result = TrainingLoop.run(plan, report -> {
                ObjectNode epoch = Protocol.message(Protocol.EPOCH);
                epoch.put("id", id);
                epoch.set("report", PlanJson.write(report));
                send(epoch);
                return pruned.contains(id) ? EpochListener.Decision.STOP : EpochListener.Decision.CONTINUE;
            });
            ObjectNode done = Protocol.message(Protocol.RESULT);
            done.put("id", id);
            done.set("result", PlanJson.write(result));
            send(done);
        } catch (RuntimeException | Error e) {
            ObjectNode error = Protocol.message(Protocol.ERROR);
            error.put("id", id);
            error.put("invalid", e instanceof IllegalArgumentException);
            error.put("error_type", e.getClass().getName());
            error.put("message", String.valueOf(e.getMessage()));
            error.put("fatal", e instanceof Error);
            send(error);
            if (e instanceof Error) {
                // the pool retires this process; do not let it take another job
                System.err.println("schedtune worker: fatal " + e);
                out.flush();
                Runtime.getRuntime().halt(FATAL_EXIT);
            }
        } finally {
            pruned.remove(id);
        }
    }

    private synchronized void send(JsonNode message) {
        out.println(Protocol.line(message));
        out.flush();
        if (out.checkError()) {
            // the pool closed the channel: nobody reads our results any more
            Runtime.getRuntime().halt(0);
        }
    }
}
