package dev.schedtune.cli.dashboard;

import dev.schedtune.cli.UserError;
import dev.schedtune.cli.study.StudyStorage;
import dev.schedtune.search.Storages;
import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.storage.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The dashboard's read-only connection to its storage, which may go away: a PostgreSQL server restarts, a
 * SQLite file is moved or replaced. While it is gone, {@link #get} answers null and says why ({@link
 * #outage}); it is opened again every {@link #REOPEN_EVERY}. Used by the watcher thread only, except
 * {@link #outage}.
 */
final class StorageLink implements AutoCloseable {
    /** How long one read retries transient failures before the storage counts as unreachable. */
    static final Duration RETRY_FOR = Duration.ofSeconds(2);
    /** How often an unreachable storage is opened again. */
    static final Duration REOPEN_EVERY = Duration.ofSeconds(2);

    /** Why the storage cannot be read, and since when. */
    record Outage(String message, Instant since) {}

    private final String url;
    /** The SQLite file, watched for being removed or replaced (a connection would go on reading the old one). */
    private final @Nullable Path file;

    private @Nullable Storage storage;
    private @Nullable Object fileKey;
    private long nextAttempt;
    private volatile @Nullable Outage outage;

    private StorageLink(String url, @Nullable Path file, Storage storage, @Nullable Object fileKey) {
        this.url = url;
        this.file = file;
        this.storage = storage;
        this.fileKey = fileKey;
    }

    /**
     * Opens {@code url} to read only.
     *
     * @throws UserError if it cannot be opened now (no such file, malformed URL, unreachable server, no
     *     study tables), naming the storage without its password
     */
    static StorageLink open(String url) {
        Path file = StudyStorage.sqliteFile(url);
        if (file != null && !Files.exists(file)) {
            throw new UserError("storage (" + Redaction.shown(url) + "): no such file " + file
                    + " (give the SQLite file of a study, or a storage URL, with --storage)");
        }
        try {
            Object key = file == null ? null : fileKey(file);
            return new StorageLink(url, file, Storages.openReadOnly(url, RETRY_FOR), key);
        } catch (IllegalArgumentException e) {
            throw new UserError("storage (" + Redaction.shown(url) + "): " + Redaction.message(url, e.getMessage()), e);
        } catch (StorageException | IOException e) {
            throw new UserError(
                    "storage (" + Redaction.shown(url) + ") cannot be opened: "
                            + Redaction.message(url, e.getMessage()),
                    e);
        }
    }

    /**
     * The storage, or null while it is unreachable: then opened again when {@link #REOPEN_EVERY} has passed
     * since the last attempt. A SQLite file that was replaced is opened again at once.
     */
    @Nullable
    Storage get() {
        if (storage != null && file != null) {
            try {
                if (!Objects.equals(fileKey, fileKey(file))) {
                    closeStorage(); // replaced (e.g. restored from a backup): read the new file
                }
            } catch (IOException e) {
                failed(e instanceof NoSuchFileException ? "no such file " + file : e.toString());
            }
        }
        if (storage == null && System.nanoTime() - nextAttempt >= 0) {
            try {
                Object key = file == null ? null : fileKey(file);
                storage = Storages.openReadOnly(url, RETRY_FOR);
                fileKey = key;
                outage = null;
            } catch (IOException e) {
                failed(e instanceof NoSuchFileException ? "no such file " + file : e.toString());
            } catch (RuntimeException e) {
                failed(e.getMessage() == null ? e.toString() : e.getMessage());
            }
        }
        return storage;
    }

    /** Records that reading failed with {@code e}: the storage is closed and opened again later. */
    void failed(RuntimeException e) {
        failed(e.getMessage() == null ? e.toString() : e.getMessage());
    }

    private void failed(String why) {
        closeStorage();
        nextAttempt = System.nanoTime() + REOPEN_EVERY.toNanos();
        Outage now = outage;
        outage = new Outage(
                Redaction.message(url, why),
                now != null ? now.since() : Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    /** Why the storage cannot be read now, or null if it can. */
    @Nullable
    Outage outage() {
        return outage;
    }

    /** The storage's URL as pages show it: without password. */
    String shown() {
        return Redaction.shown(url);
    }

    private void closeStorage() {
        Storage s = storage;
        storage = null;
        if (s != null) {
            try {
                s.close();
            } catch (RuntimeException ignored) {
                // a broken connection: nothing left to release
            }
        }
    }

    private static @Nullable Object fileKey(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }

    @Override
    public void close() {
        closeStorage();
    }
}
