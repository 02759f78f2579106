package dev.schedtune.search.storage.jdbc;

import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.storage.StorageContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteStorageTest extends StorageContract {
    @TempDir
    Path dir;

    @Override
    protected Storage newStorage() {
        return SqliteStorage.open(dir.resolve("study.db"));
    }

    @Override
    protected Storage reopen() {
        return SqliteStorage.open(dir.resolve("study.db"));
    }
}
