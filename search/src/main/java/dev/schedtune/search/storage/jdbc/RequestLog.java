package dev.schedtune.search.storage.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

/**
 * Makes a write safe to retry when the fate of its commit is unknown. A connection lost while COMMIT is on
 * its way may have lost the commit or only its answer; retrying blindly then runs a committed write twice (a
 * second trial, a second claim, a finished trial "not running"). So each such write records a client-made
 * token with its result ({@code schedtune_requests}) in its own transaction; a retry first looks for the
 * token and, if the first attempt committed, rebuilds the answer from the recorded result instead of writing
 * again. Tokens older than {@link #KEEP} are deleted now and then.
 */
final class RequestLog {
    static final Duration KEEP = Duration.ofHours(1);
    private static final int CLEAN_EVERY = 1024;

    /** The answer of a write that committed earlier, from its recorded result. */
    interface Redo<T> {
        T apply(Session s, long result) throws SQLException;
    }

    private final SqlDialect dialect;
    private final AtomicLong recorded = new AtomicLong();

    RequestLog(SqlDialect dialect) {
        this.dialect = dialect;
    }

    static String newToken() {
        return UUID.randomUUID().toString();
    }

    /**
     * Runs {@code work} and records {@code token} with {@code result} of its answer, unless this is a {@code
     * retry} of a write that committed already: then answers with {@code redo}.
     */
    <T> T run(
            Session s,
            String token,
            boolean retry,
            ConnectionSource.Work<T> work,
            ToLongFunction<T> result,
            Redo<T> redo)
            throws SQLException {
        if (retry) {
            PreparedStatement find = s.prepare("SELECT result FROM schedtune_requests WHERE token = ?");
            find.setString(1, token);
            try (ResultSet rs = find.executeQuery()) {
                if (rs.next()) {
                    return redo.apply(s, rs.getLong(1));
                }
            }
        }
        T value = work.apply(s);
        Instant now = dialect.now(s);
        PreparedStatement ins = s.prepare("INSERT INTO schedtune_requests (token, result, created) VALUES (?, ?, ?)");
        ins.setString(1, token);
        ins.setLong(2, result.applyAsLong(value));
        dialect.setHeartbeat(ins, 3, now);
        ins.executeUpdate();
        if (recorded.incrementAndGet() % CLEAN_EVERY == 0) {
            PreparedStatement old = s.prepare("DELETE FROM schedtune_requests WHERE created < ?");
            dialect.setHeartbeat(old, 1, now.minus(KEEP));
            old.executeUpdate();
        }
        return value;
    }
}
