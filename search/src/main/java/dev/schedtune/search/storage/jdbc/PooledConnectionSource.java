package dev.schedtune.search.storage.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Connections from a HikariCP pool, one per unit of work: threads of one worker (trial threads, the
 * heartbeat thread) talk to the server in parallel. Statements are closed when the work ends; the
 * PostgreSQL driver keeps their server-side plans per connection anyway.
 */
final class PooledConnectionSource implements ConnectionSource {
    private final HikariDataSource pool;

    PooledConnectionSource(HikariDataSource pool) {
        this.pool = pool;
    }

    @Override
    public <T> T with(Work<T> work) throws SQLException {
        if (pool.isClosed()) {
            throw new IllegalStateException("the storage is closed");
        }
        try (Connection c = pool.getConnection()) {
            Session s = new Session(c, false);
            try {
                return work.apply(s);
            } finally {
                s.closeAll();
            }
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
