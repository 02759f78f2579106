package dev.schedtune.cli.study;

import dev.schedtune.cli.UserError;
import dev.schedtune.search.storage.jdbc.PostgresLocation;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * Where a command's study is, given so that a password need not be on the command line (where {@code ps}
 * shows it to every user): {@code --storage URL}, else {@code --storage-file FILE} (the URL on its first
 * line), else the environment variable {@value #ENV}; PostgreSQL's {@code ~/.pgpass} and {@code PGPASSWORD}
 * supply a password left out of the URL. Shared by {@code tune}, {@code worker}, {@code show}, {@code report}
 * and {@code studies}.
 */
public final class StorageOption {
    /** The environment variable every command reads the storage from. */
    public static final String ENV = "SCHEDTUNE_STORAGE";

    /** Longest storage file read: a URL, not a data file. */
    private static final long MAX_FILE = 64 * 1024;

    @Option(
            names = "--storage",
            paramLabel = "URL",
            description = "A SQLite file or storage URL (default: $" + ENV + "). A password here is visible in"
                    + " 'ps': prefer $" + ENV + ", --storage-file or ~/.pgpass.")
    @Nullable
    String url;

    @Option(
            names = "--storage-file",
            paramLabel = "FILE",
            description = "Read the storage URL from the first line of FILE (keep it private, chmod 600).")
    @Nullable
    Path file;

    /** The storage given: {@code --storage}, {@code --storage-file}, else {@value #ENV}; null if none. */
    public @Nullable String given() {
        return given(System.getenv());
    }

    @Nullable
    String given(Map<String, String> env) {
        if (url != null && file != null) {
            throw new UserError("give the storage with --storage or --storage-file, not both");
        }
        if (url != null) {
            if (url.isBlank()) {
                throw new UserError("--storage must not be empty");
            }
            return url.trim();
        }
        if (file != null) {
            return read(file);
        }
        String fromEnv = env.get(ENV);
        return fromEnv == null || fromEnv.isBlank() ? null : fromEnv.trim();
    }

    /**
     * The arguments that give the same storage again in a command printed for the user (the resume hint):
     * never the password of a {@code --storage} URL; nothing when it came from {@value #ENV}.
     */
    public List<String> again() {
        List<String> args = new ArrayList<>();
        if (url != null) {
            args.add("--storage");
            args.add(PostgresLocation.redact(url.trim()));
        } else if (file != null) {
            args.add("--storage-file");
            args.add(file.toString());
        }
        return args;
    }

    /** Whether {@link #again()} hides a password the user must give some other way. */
    public boolean againHidesPassword() {
        return url != null && !PostgresLocation.redact(url.trim()).equals(url.trim());
    }

    private static String read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserError("--storage-file (" + file + ") "
                    + (Files.exists(file) ? "is not a regular file" : "does not exist"));
        }
        try {
            if (Files.size(file) > MAX_FILE) {
                throw new UserError("--storage-file (" + file + ") is larger than " + MAX_FILE / 1024
                        + " KiB; it must hold one storage URL");
            }
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (!line.isBlank()) {
                        return line.trim();
                    }
                }
            }
        } catch (IOException e) {
            throw new UserError("--storage-file (" + file + ") cannot be read: " + e.getMessage(), e);
        }
        throw new UserError("--storage-file (" + file + ") is empty; it must hold one storage URL");
    }
}
