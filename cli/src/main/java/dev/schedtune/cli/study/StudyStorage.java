package dev.schedtune.cli.study;

import dev.schedtune.cli.UserError;
import dev.schedtune.search.Storages;
import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.storage.StorageException;
import dev.schedtune.search.storage.jdbc.PostgresLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Opens the storage a command names by URL, as {@link Storages#open(String)} understands it (a SQLite
 * file path, {@code sqlite:///relative.db}, {@code sqlite:////absolute.db}, {@code jdbc:sqlite:...},
 * {@code memory}, and whatever database URLs the search module adds), turning failures into messages
 * that name the storage.
 */
public final class StudyStorage {
    private StudyStorage() {}

    /** Opens {@code url}; with {@code create}, makes the folder of a SQLite file that does not exist yet. */
    public static Storage open(String url, boolean create) {
        Path file = sqliteFile(url);
        if (file != null) {
            if (create) {
                Path parent = file.toAbsolutePath().getParent();
                try {
                    if (parent != null) {
                        Files.createDirectories(parent);
                    }
                } catch (IOException e) {
                    throw new UserError(
                            "storage (" + display(url) + "): cannot create folder " + parent + ": " + e.getMessage(),
                            e);
                }
            } else if (!Files.exists(file)) {
                throw new UserError("storage (" + display(url) + "): no such file " + file
                        + " (give the SQLite file of a study, or a storage URL, with --storage)");
            }
        }
        try {
            return Storages.open(url);
        } catch (IllegalArgumentException e) {
            throw new UserError("storage (" + display(url) + "): " + e.getMessage(), e);
        } catch (StorageException e) {
            throw new UserError("storage (" + display(url) + ") cannot be opened: " + e.getMessage(), e);
        }
    }

    /** {@code url} as messages, files and stored configs show it: any password replaced by {@code ***}. */
    public static String display(String url) {
        return PostgresLocation.redact(url);
    }

    /** The SQLite file a URL names, or null for other storages. */
    public static @Nullable Path sqliteFile(String url) {
        String u = url.trim();
        String lower = u.toLowerCase(Locale.ROOT);
        if (lower.startsWith("sqlite:///")) {
            return Path.of(u.substring("sqlite:///".length()));
        }
        if (lower.startsWith("jdbc:sqlite:")) {
            String rest = u.substring("jdbc:sqlite:".length());
            return rest.isEmpty() || rest.startsWith(":memory:") ? null : Path.of(rest);
        }
        if (!lower.contains("://")
                && !lower.equals("memory")
                && !lower.equals("inmemory")
                && !lower.equals("in-memory")) {
            return Path.of(u);
        }
        return null;
    }
}
