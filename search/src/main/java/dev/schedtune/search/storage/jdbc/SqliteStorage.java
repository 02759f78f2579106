package dev.schedtune.search.storage.jdbc;

import dev.schedtune.search.storage.StorageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneId;
import org.sqlite.SQLiteConfig;

/**
 * Opens a study database in one SQLite file, readable by Optuna ({@code sqlite:///<file>}).
 *
 * <p>Settings: WAL journal (readers never block the writer), {@code synchronous=NORMAL} (a commit survives a
 * killed process; a power cut may lose the last commits but never corrupts the file; {@link #durable} gives
 * {@code FULL}), a 60 s busy timeout inside SQLite plus retries for up to {@code retryFor} (default 10 min)
 * around every transaction. Write transactions start with {@code BEGIN IMMEDIATE}, so they wait for the
 * write lock instead of failing with "database is locked". Safe for many threads (one connection per
 * storage, shared under a lock) and many processes on one machine. Not for network file systems.
 */
public final class SqliteStorage {
    private static final Duration DEFAULT_RETRY = Duration.ofMinutes(10);
    private static final int BUSY_TIMEOUT_MILLIS = 60_000;

    private SqliteStorage() {}

    /** Opens (creating if needed) the database file. */
    public static JdbcStorage open(Path file) {
        return open(file, false, DEFAULT_RETRY);
    }

    /** Like {@link #open(Path)} with {@code synchronous=FULL}: commits also survive a power cut. */
    public static JdbcStorage durable(Path file) {
        return open(file, true, DEFAULT_RETRY);
    }

    /**
     * Opens the database file.
     *
     * @param fullSync {@code synchronous=FULL} instead of {@code NORMAL}
     * @param retryFor how long transient "busy" failures are retried before a {@link StorageException}
     */
    public static JdbcStorage open(Path file, boolean fullSync, Duration retryFor) {
        Path abs = file.toAbsolutePath().normalize();
        Path dir = abs.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new StorageException("cannot open SQLite database " + abs + ": directory " + dir + " does not exist");
        }
        if (Files.isDirectory(abs)) {
            throw new StorageException("cannot open SQLite database " + abs + ": it is a directory");
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(fullSync ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        Connection connection = connect("jdbc:sqlite:" + abs, config, abs, retryFor);
        String version = SqliteStorage.class.getPackage().getImplementationVersion();
        try {
            return new JdbcStorage(
                    new SqliteDialect(ZoneId.systemDefault()),
                    new SingleConnectionSource(connection),
                    abs.toString(),
                    retryFor,
                    "schedtune " + (version == null ? "dev" : version));
        } catch (RuntimeException e) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // reporting the first failure
            }
            throw e;
        }
    }

    /**
     * Opens an existing database file to read only: the connection is opened read-only (SQLite refuses any
     * write through it), the journal mode is left as it is, an Optuna-made file is read without being adopted,
     * and every write method throws {@link UnsupportedOperationException}. Transient "busy" failures are
     * retried for {@code retryFor}.
     *
     * @throws StorageException if the file does not exist or holds no study database this schedtune can read
     */
    public static JdbcStorage openReadOnly(Path file, Duration retryFor) {
        Path abs = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(abs)) {
            throw new StorageException("cannot open SQLite database " + abs + ": "
                    + (Files.exists(abs) ? "it is not a file" : "no such file"));
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout((int) Math.min(BUSY_TIMEOUT_MILLIS, Math.max(1, retryFor.toMillis())));
        Connection connection = connect("jdbc:sqlite:" + abs, config, abs, retryFor);
        String version = SqliteStorage.class.getPackage().getImplementationVersion();
        try {
            return new JdbcStorage(
                    new SqliteDialect(ZoneId.systemDefault()),
                    new SingleConnectionSource(connection),
                    abs.toString(),
                    retryFor,
                    "schedtune " + (version == null ? "dev" : version),
                    true);
        } catch (RuntimeException e) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // reporting the first failure
            }
            throw e;
        }
    }

    private static Connection connect(String url, SQLiteConfig config, Path file, Duration retryFor) {
        long deadline = System.nanoTime() + retryFor.toNanos();
        long pause = 1;
        while (true) {
            try {
                return DriverManager.getConnection(url, config.toProperties());
            } catch (SQLException e) {
                String m = String.valueOf(e.getMessage());
                boolean busy = m.contains("SQLITE_BUSY") || m.contains("locked");
                if (!busy || System.nanoTime() > deadline) {
                    throw new StorageException("cannot open SQLite database " + file + ": " + m, e);
                }
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new StorageException("interrupted while opening " + file, ie);
            }
            pause = Math.min(500, pause * 2);
        }
    }
}
