package dev.schedtune.search.storage;

/** A storage could not be read or written (database error, file error, incompatible schema). */
public class StorageException extends RuntimeException {
    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
