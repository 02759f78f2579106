package dev.schedtune.search;

import dev.schedtune.search.storage.InMemoryStorage;
import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.storage.StorageException;
import dev.schedtune.search.storage.jdbc.PostgresLocation;
import dev.schedtune.search.storage.jdbc.PostgresStorage;
import dev.schedtune.search.storage.jdbc.SqliteStorage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Opens storages by URL, in Optuna's spelling where there is one. */
public final class Storages {
    private Storages() {}

    public static Storage inMemory() {
        return new InMemoryStorage();
    }

    /** A SQLite file (created if missing). */
    public static Storage sqlite(Path file) {
        return SqliteStorage.open(file);
    }

    /** A PostgreSQL database ({@code postgresql://user:password@host:port/db} or {@code jdbc:postgresql://...}). */
    public static Storage postgres(String url) {
        return PostgresStorage.open(url);
    }

    /**
     * Opens a storage from a URL: {@code memory}; SQLite as {@code sqlite:///relative.db}, {@code
     * sqlite:////abs/path.db} (Optuna's forms), {@code jdbc:sqlite:path} or a plain path ending in {@code .db},
     * {@code .sqlite} or {@code .sqlite3}; PostgreSQL as {@code postgresql://user:password@host:port/db}
     * (Optuna's form; also {@code postgres://} and {@code postgresql+psycopg2://}) or {@code
     * jdbc:postgresql://host:port/db?user=...&password=...} (see {@link PostgresLocation}).
     *
     * @throws IllegalArgumentException for an unknown scheme or a malformed URL, naming the accepted forms
     * @throws StorageException if the database cannot be opened (unreachable, login refused, newer schema)
     */
    public static Storage open(String url) {
        String u = url.trim();
        String lower = u.toLowerCase(Locale.ROOT);
        if (PostgresLocation.isPostgresUrl(u)) {
            return postgres(u);
        }
        if (lower.equals("memory") || lower.equals("inmemory") || lower.equals("in-memory")) {
            return inMemory();
        }
        Path file = sqliteFile(u);
        if (file != null) {
            return sqlite(file);
        }
        throw unsupported(url);
    }

    /**
     * Opens the studies at {@code url} (the forms of {@link #open(String)}, except {@code memory}) to read
     * only: nothing is ever written, neither by this storage (its write methods throw {@link
     * UnsupportedOperationException}) nor through its connection, which the database itself holds read-only;
     * an Optuna database is read without being adopted. Transient failures are retried for {@code retryFor},
     * after which reads throw {@link StorageException}.
     *
     * @throws IllegalArgumentException for an unknown scheme, a malformed URL or {@code memory}
     * @throws StorageException if the database cannot be opened (missing SQLite file, unreachable server,
     *     login refused, no study tables, newer schema)
     */
    public static Storage openReadOnly(String url, Duration retryFor) {
        String u = url.trim();
        String lower = u.toLowerCase(Locale.ROOT);
        if (PostgresLocation.isPostgresUrl(u)) {
            return PostgresStorage.openReadOnly(u, retryFor);
        }
        if (lower.equals("memory") || lower.equals("inmemory") || lower.equals("in-memory")) {
            throw new IllegalArgumentException(
                    "storage URL '" + u + "' names a new, empty in-memory storage: there is nothing to read");
        }
        Path file = sqliteFile(u);
        if (file == null) {
            throw unsupported(url);
        }
        return SqliteStorage.openReadOnly(file, retryFor);
    }

    private static @Nullable Path sqliteFile(String u) {
        String lower = u.toLowerCase(Locale.ROOT);
        if (lower.startsWith("sqlite:///")) {
            return Path.of(u.substring("sqlite:///".length()));
        }
        if (lower.startsWith("jdbc:sqlite:")) {
            return Path.of(u.substring("jdbc:sqlite:".length()));
        }
        if (!lower.contains("://")
                && (lower.endsWith(".db") || lower.endsWith(".sqlite") || lower.endsWith(".sqlite3"))) {
            return Path.of(u);
        }
        return null;
    }

    private static IllegalArgumentException unsupported(String url) {
        return new IllegalArgumentException("storage URL '" + PostgresLocation.redact(url)
                + "' is not supported; use memory, sqlite:///relative/file.db, sqlite:////absolute/file.db,"
                + " jdbc:sqlite:<path>, a path ending in .db, postgresql://user:password@host:port/database"
                + " or jdbc:postgresql://host:port/database");
    }
}
