package dev.schedtune.trainers.pool;

/**
 * A worker process could not start: java could not be run, the worker exited before it was ready (most often
 * "Could not find or load main class ...WorkerMain": the workers' classpath lacks schedtune, see {@link
 * WorkerPool.Builder#classpath}), or it was not ready within the startup timeout. The message says which,
 * with the worker's last standard error lines. Unlike {@link WorkerCrashedException} it is not about one
 * job: every later job would fail the same way, so a study should stop on it rather than go on.
 */
public final class WorkerStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    WorkerStartException(String message, Throwable cause) {
        super(message, cause);
    }

    WorkerStartException(String message) {
        super(message);
    }
}
