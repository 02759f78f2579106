package dev.schedtune.search.storage.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.schedtune.search.storage.StorageException;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Opens a study database on a PostgreSQL 12+ server, readable by Optuna ({@code postgresql://...}): the same
 * Optuna tables, queries and caching as {@link SqliteStorage}, for many worker processes on many machines.
 *
 * <p>Connections come from a HikariCP pool (at most {@code poolSize}, default 4, one kept idle); sessions
 * run in UTC and plan every query with its parameters; connecting gives up after 10 s. Opening fails at once, with the server's reason (refused
 * connection, unknown host, failed password authentication, missing database, a schema written by a newer
 * schedtune) and without writing anything. Once open, transient failures (serialisation failures,
 * deadlocks, a lost connection or a restarting server) are retried for {@code retryFor} (default 10 min),
 * so a worker survives a database restart.
 *
 * <p>The database user needs to create tables, types, functions and triggers the first time (schema
 * creation), and to read and write them afterwards.
 */
public final class PostgresStorage {
    private static final Duration DEFAULT_RETRY = Duration.ofMinutes(10);
    private static final long CONNECT_TIMEOUT_SECONDS = 10;

    private PostgresStorage() {}

    /**
     * Opens the database at {@code url} ({@code postgresql://user:password@host:port/db} or {@code
     * jdbc:postgresql://...}), creating schedtune's schema if the database has none.
     *
     * @throws IllegalArgumentException if the URL is malformed
     * @throws StorageException if the server cannot be reached, refuses the login, or holds a schema this
     *     schedtune cannot use
     */
    public static JdbcStorage open(String url) {
        return open(PostgresLocation.parse(url), DEFAULT_RETRY);
    }

    /** Like {@link #open(String)}, retrying transient failures for {@code retryFor}. */
    public static JdbcStorage open(String url, Duration retryFor) {
        return open(PostgresLocation.parse(url), retryFor);
    }

    /**
     * Opens the database at {@code url} to read only: every session runs with {@code
     * default_transaction_read_only} (the server refuses any write), the schema is checked but never created
     * or migrated (an Optuna database is read as it is), and every write method throws {@link
     * UnsupportedOperationException}. Transient failures are retried for {@code retryFor}.
     */
    public static JdbcStorage openReadOnly(String url, Duration retryFor) {
        return open(PostgresLocation.parse(url), retryFor, true);
    }

    static JdbcStorage open(PostgresLocation where, Duration retryFor) {
        return open(where, retryFor, false);
    }

    private static JdbcStorage open(PostgresLocation where, Duration retryFor, boolean readOnly) {
        HikariConfig config = new HikariConfig();
        config.setDriverClassName("org.postgresql.Driver");
        config.setJdbcUrl(where.jdbcUrl());
        if (where.user() != null) {
            config.setUsername(where.user());
        }
        String password = where.password(System.getenv());
        if (password != null) {
            config.setPassword(password);
        }
        config.setPoolName("schedtune " + where);
        config.setMaximumPoolSize(where.poolSize());
        config.setMinimumIdle(1);
        config.setIdleTimeout(Duration.ofSeconds(30).toMillis());
        config.setConnectionTimeout(Duration.ofSeconds(CONNECT_TIMEOUT_SECONDS).toMillis());
        config.setInitializationFailTimeout(1); // one attempt when opening: fail at once with the reason
        config.setConnectionInitSql("SET TIME ZONE 'UTC'");
        config.addDataSourceProperty("ApplicationName", "schedtune");
        config.addDataSourceProperty("connectTimeout", Long.toString(CONNECT_TIMEOUT_SECONDS));
        config.addDataSourceProperty("loginTimeout", Long.toString(CONNECT_TIMEOUT_SECONDS));
        config.addDataSourceProperty("tcpKeepAlive", "true");
        // Plan every execution with its real parameters. With the driver's server-side prepared statements,
        // PostgreSQL switches to a generic plan after five executions, and the generic plan of "the study's
        // lowest WAITING trial" walks the (study_id, number) index over every trial: the per-trial cost grew
        // linearly (33 ms at 76,000 trials) until this setting made it flat.
        config.addDataSourceProperty(
                "options",
                "-c plan_cache_mode=force_custom_plan" + (readOnly ? " -c default_transaction_read_only=on" : ""));
        config.setReadOnly(readOnly);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StorageException("cannot open PostgreSQL database " + where + ": " + rootMessage(e), e);
        }
        String version = PostgresStorage.class.getPackage().getImplementationVersion();
        try {
            return new JdbcStorage(
                    new PostgresDialect(java.time.ZoneId.systemDefault()),
                    new PooledConnectionSource(pool),
                    where.toString(),
                    retryFor,
                    "schedtune " + (version == null ? "dev" : version),
                    readOnly);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /**
     * The driver's own words for why a connection failed: the deepest {@link SQLException}'s message
     * ("Connection to host:1 refused. Check that ...", "password authentication failed for user ..."), else the
     * innermost cause's.
     */
    static String rootMessage(Throwable e) {
        String sql = null;
        String inner = e.getMessage();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null) {
                inner = t.getMessage();
                if (t instanceof SQLException) {
                    sql = t.getMessage();
                }
            }
        }
        return String.valueOf(sql != null ? sql : inner).replaceFirst("^FATAL: ", "");
    }
}
