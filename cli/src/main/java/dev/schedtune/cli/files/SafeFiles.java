package dev.schedtune.cli.files;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Result files replaced so that a reader, or a process killed while writing (Ctrl-C, then the hook's grace
 * running out; SIGKILL), finds the old file or the new one and never half of one: the new content goes to a
 * temporary file in the same folder, is flushed to disk and renamed over the old. A target that is a
 * symbolic link is refused, so a result file never writes through a link to somewhere else.
 */
public final class SafeFiles {
    private SafeFiles() {}

    /** What goes into a file, written as a stream (a curve export may be hundreds of MB). */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Replaces {@code file} with {@code text} (UTF-8), atomically. */
    public static void write(Path file, String text) throws IOException {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Replaces {@code file} with {@code bytes}, atomically. */
    public static void write(Path file, byte[] bytes) throws IOException {
        write(file, out -> out.write(bytes));
    }

    /**
     * Replaces {@code file} with what {@code content} writes, atomically; when {@code content} throws, the
     * old file stays as it was and no temporary file is left.
     */
    public static void write(Path file, Content content) throws IOException {
        refuseLink(file);
        Path dir = parent(file);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
        try {
            writeDurably(tmp, content);
            boolean replacing = Files.exists(file);
            permissions(tmp, replacing ? null : "rw-r--r--", replacing ? file : null);
            move(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Replaces folder {@code dir} as a whole by one holding {@code files} (name to text) plus whatever the
     * old folder held that {@code ours} does not match (files someone else put there). The new folder is
     * written beside the old one and renamed into place, so no reader sees a mix of old and new files;
     * between the two renames (microseconds) the folder is missing, and a run that dies then leaves it
     * under a {@code .NAME-old-*} sibling, which the next replacement removes.
     */
    public static void replaceFolder(Path dir, Map<String, String> files, Predicate<String> ours) throws IOException {
        refuseLink(dir);
        Path parent = parent(dir);
        String name = dir.getFileName().toString();
        removeLeftovers(parent, "." + name + "-");
        Path fresh = Files.createTempDirectory(parent, "." + name + "-new-");
        permissions(fresh, "rwxr-xr-x", null);
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path f = fresh.resolve(e.getKey());
            byte[] bytes = e.getValue().getBytes(StandardCharsets.UTF_8);
            writeDurably(f, out -> out.write(bytes));
            permissions(f, "rw-r--r--", null);
        }
        Path old = null;
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) {
                throw new FileSystemException(dir.toString(), null, "is not a folder; refusing to replace it");
            }
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path e : entries) {
                    if (!ours.test(e.getFileName().toString())) {
                        Files.move(e, fresh.resolve(e.getFileName()));
                    }
                }
            }
            old = parent.resolve(
                    "." + name + "-old-" + fresh.getFileName().toString().substring(name.length() + 6));
            move(dir, old);
        }
        move(fresh, dir);
        if (old != null) {
            deleteTree(old);
        }
    }

    /**
     * Gives a temporary file the permissions of the file it replaces ({@code like}), else {@code mode}: a
     * temporary file is private to its owner, the result files are not. Skipped where there are no POSIX
     * permissions.
     */
    private static void permissions(Path p, @Nullable String mode, @Nullable Path like) throws IOException {
        try {
            Files.setPosixFilePermissions(
                    p,
                    like != null
                            ? Files.getPosixFilePermissions(like)
                            : PosixFilePermissions.fromString(Objects.requireNonNull(mode)));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its defaults hold
        }
    }

    private static void refuseLink(Path target) throws IOException {
        if (Files.isSymbolicLink(target)) {
            throw new FileSystemException(
                    target.toString(),
                    null,
                    "is a symbolic link (to " + Files.readSymbolicLink(target) + "); refusing to write through it;"
                            + " remove it or write the results elsewhere");
        }
    }

    private static Path parent(Path file) {
        Path p = file.toAbsolutePath().getParent();
        return p == null ? file.toAbsolutePath() : p;
    }

    /** Writes {@code content} to {@code file} and flushes it to disk before the file is renamed. */
    private static void writeDurably(Path file, Content content) throws IOException {
        try (FileChannel ch = FileChannel.open(
                file, StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
            content.writeTo(out);
            out.flush(); // not close(): that would close the channel before force
            ch.force(true);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new FileSystemException(
                    to.toString(), null, "cannot be replaced atomically on this file system: " + e.getMessage());
        }
    }

    private static void removeLeftovers(Path parent, String prefix) throws IOException {
        List<Path> left = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, prefix + "*")) {
            entries.forEach(left::add);
        }
        for (Path p : left) {
            if (!Files.isSymbolicLink(p) && Files.isDirectory(p)) {
                deleteTree(p);
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        List<Path> all;
        try (Stream<Path> walk = Files.walk(root)) {
            all = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : all) {
            Files.deleteIfExists(p);
        }
    }
}
