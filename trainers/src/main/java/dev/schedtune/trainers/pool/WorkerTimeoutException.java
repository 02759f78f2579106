package dev.schedtune.trainers.pool;

import java.time.Duration;

/**
 * A job did not end within its time limit (the worker hung, was stopped, or trained far longer than
 * expected): the pool killed the worker process and replaces it for the next job.
 */
public final class WorkerTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long pid;
    private final Duration limit;

    WorkerTimeoutException(long pid, Duration limit, String output) {
        super("timed out after " + format(limit) + ": worker " + pid + " was killed" + output);
        this.pid = pid;
        this.limit = limit;
    }

    /** The process id of the worker that was killed. */
    public long pid() {
        return pid;
    }

    /** The time limit the job exceeded. */
    public Duration limit() {
        return limit;
    }

    /** {@code 90s}, {@code 1.5s}, {@code 10m}, {@code 2h}. */
    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms / 1000.0 + "s";
    }
}
