package dev.schedtune.trainers.train;

import java.nio.file.Path;

/**
 * A checkpoint file that cannot be used: missing, unreadable, corrupt (bad checksum, truncated), of
 * another format version, or saved from another model, task or optimizer than the run restoring it.
 * The message names the file and what is wrong.
 */
public final class CheckpointException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CheckpointException(Path file, String reason) {
        super("checkpoint " + file + ": " + reason);
    }

    CheckpointException(Path file, String reason, Throwable cause) {
        super("checkpoint " + file + ": " + reason, cause);
    }
}
