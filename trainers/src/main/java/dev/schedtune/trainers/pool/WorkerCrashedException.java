package dev.schedtune.trainers.pool;

/**
 * A worker process died while it held a job (killed, out of memory, a native crash). The job is lost;
 * the pool replaces the worker for the next job. The message ends with the last lines the worker wrote
 * to its standard error.
 */
public final class WorkerCrashedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long pid;

    WorkerCrashedException(long pid, String message) {
        super(message);
        this.pid = pid;
    }

    /** The process id of the worker that died. */
    public long pid() {
        return pid;
    }
}
