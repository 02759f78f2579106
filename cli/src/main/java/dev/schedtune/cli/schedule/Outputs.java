package dev.schedtune.cli.schedule;

import dev.schedtune.cli.UserError;
import dev.schedtune.cli.files.SafeFiles;
import dev.schedtune.export.CurveExport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** Shared checks and output handling of the schedule subcommands. */
public final class Outputs {
    private Outputs() {}

    public static long steps(long steps) {
        if (steps < 1 || steps > CurveExport.MAX_STEPS) {
            throw new UserError("--steps (" + steps + ") must be in [1, " + CurveExport.MAX_STEPS + "]");
        }
        return steps;
    }

    /** Writes {@code text} to {@code file}, or to standard output when no file is given. */
    public static void text(@Nullable Path file, String text, PrintWriter out) {
        if (file == null) {
            out.print(text);
            out.flush();
            return;
        }
        bytes(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Replaces {@code file} with {@code bytes} atomically ({@link SafeFiles}). */
    public static void bytes(Path file, byte[] bytes) {
        stream(file, out -> out.write(bytes));
    }

    /** Replaces {@code file} atomically with what {@code content} writes ({@link SafeFiles}). */
    public static void stream(Path file, SafeFiles.Content content) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new UserError("--out (" + file + "): folder " + parent + " does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new UserError("--out (" + file + ") is a folder; give a file name");
        }
        try {
            SafeFiles.write(file, content);
        } catch (IOException e) {
            throw new UserError("--out (" + file + ") cannot be written: " + e.getMessage(), e);
        }
    }
}
