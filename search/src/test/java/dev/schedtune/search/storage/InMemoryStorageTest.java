package dev.schedtune.search.storage;

class InMemoryStorageTest extends StorageContract {
    @Override
    protected Storage newStorage() {
        return new InMemoryStorage();
    }
}
