package dev.schedtune.search.storage;

/** A study of that name already exists in the storage. */
public final class StudyExistsException extends IllegalStateException {
    public StudyExistsException(String name) {
        super("a study named '" + name + "' already exists; load it or choose another name");
    }
}
