package dev.schedtune.search.storage.jdbc;

import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.storage.StorageContract;

/** The storage contract on a real PostgreSQL server (one fresh database per test). */
class PostgresStorageTest extends StorageContract {
    private String url;

    @Override
    protected Storage newStorage() {
        url = EmbeddedPostgresServer.newDatabase();
        return PostgresStorage.open(url);
    }

    @Override
    protected Storage reopen() {
        return PostgresStorage.open(url);
    }
}
