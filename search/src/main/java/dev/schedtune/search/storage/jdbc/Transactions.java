package dev.schedtune.search.storage.jdbc;

import dev.schedtune.search.storage.StorageException;
import dev.schedtune.search.storage.jdbc.ConnectionSource.Work;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * Runs units of work as short transactions on a database. Transient failures (SQLite busy/locked,
 * PostgreSQL serialisation failures, deadlocks, a lost connection) are retried with jittered exponential
 * back-off until {@code retryFor} has passed, so several threads and processes share a study without
 * "database is locked" reaching the user. Where a commit can succeed unheard ({@link
 * SqlDialect#hasRequestLog}), a write that must not run twice goes through the {@link RequestLog}.
 */
final class Transactions implements AutoCloseable {
    private final SqlDialect dialect;
    private final ConnectionSource source;
    private final String where;
    private final Duration retryFor;
    /** Opened to read only: every write is refused. */
    private final boolean readOnly;

    private final @Nullable RequestLog requests;

    Transactions(SqlDialect dialect, ConnectionSource source, String where, Duration retryFor, boolean readOnly) {
        this.dialect = dialect;
        this.source = source;
        this.where = where;
        this.retryFor = retryFor;
        this.readOnly = readOnly;
        // a read-only storage writes nothing, so it keeps no log of its write requests
        this.requests = !readOnly && dialect.hasRequestLog() ? new RequestLog(dialect) : null;
    }

    /** Where the data lives, for messages (a file path or a URL without password). */
    String where() {
        return where;
    }

    /** A read-only transaction. */
    <T> T read(String what, Work<T> tx) {
        return run(what, s -> {
            dialect.beginRead(s);
            return commitOrRollBack(s, tx);
        });
    }

    /** A write transaction; refused with {@link UnsupportedOperationException} when opened read-only. */
    <T> T write(String what, Work<T> tx) {
        if (readOnly) {
            throw new UnsupportedOperationException("cannot " + what + " in " + where + ": it is open read-only");
        }
        return run(what, s -> {
            dialect.beginWrite(s);
            return commitOrRollBack(s, tx);
        });
    }

    private <T> T commitOrRollBack(Session s, Work<T> tx) throws SQLException {
        try {
            T result = tx.apply(s);
            dialect.commit(s);
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            dialect.rollback(s);
            throw e;
        }
    }

    /**
     * A write that must not run twice: retried after a commit whose answer was lost, it answers with {@code
     * redo} from the result the first attempt recorded ({@link RequestLog}), instead of writing again.
     */
    <T> Work<T> once(Work<T> work, ToLongFunction<T> result, RequestLog.Redo<T> redo) {
        RequestLog log = requests;
        if (log == null) {
            return work;
        }
        String token = RequestLog.newToken();
        boolean[] tried = {false};
        return s -> {
            boolean retry = tried[0];
            tried[0] = true;
            return log.run(s, token, retry, work, result, redo);
        };
    }

    /** Runs a unit of work (its own transaction handling included), retrying transient failures. */
    <T> T run(String what, Work<T> work) {
        long deadline = System.nanoTime() + retryFor.toNanos();
        long pauseMillis = 1;
        int attempts = 0;
        while (true) {
            attempts++;
            try {
                return source.with(s -> {
                    try {
                        return work.apply(s);
                    } finally {
                        s.endWork();
                    }
                });
            } catch (SQLException e) {
                if (!dialect.isRetryable(e) || System.nanoTime() > deadline) {
                    throw new StorageException(
                            "cannot " + what + " in " + where + (attempts > 1 ? " after " + attempts + " attempts" : "")
                                    + ": " + e.getMessage(),
                            e);
                }
            }
            try {
                Thread.sleep(ThreadLocalRandom.current().nextLong(pauseMillis, 2 * pauseMillis + 1));
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new StorageException("interrupted while retrying to " + what + " in " + where, ie);
            }
            pauseMillis = Math.min(1000, pauseMillis * 2);
        }
    }

    @Override
    public void close() {
        source.close();
    }
}
