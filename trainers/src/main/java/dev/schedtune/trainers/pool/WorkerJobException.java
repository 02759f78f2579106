package dev.schedtune.trainers.pool;

/**
 * A job failed inside a worker with an unexpected exception (bad input is reported as an {@link
 * IllegalArgumentException} instead). The worker stays in the pool, unless the failure was a JVM {@link
 * Error} such as {@link OutOfMemoryError}: then the pool replaces it.
 */
public final class WorkerJobException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String remoteType;

    WorkerJobException(String remoteType, String message) {
        super(remoteType + ": " + message);
        this.remoteType = remoteType;
    }

    /** The class name of the exception thrown in the worker. */
    public String remoteType() {
        return remoteType;
    }
}
