package dev.schedtune.search.storage.jdbc;

/**
 * Brings a study's {@link StudyCache} up to date with the database: the trials created since the last sync
 * and the trials other workers changed. Reads are incremental — never the whole study once it is cached —
 * so the cost per trial stays flat as a study grows. How a sync learns what changed depends on the database,
 * so the dialect chooses: {@link DataVersionSync} polls SQLite's data version, {@link ChangeLogSync} asks
 * PostgreSQL's change log.
 */
interface TrialSync {
    /**
     * Brings the cache up to date. The caller holds the cache lock. {@code force} skips any "nothing
     * changed" shortcut, which only sees other connections' commits: a trial created by another thread on
     * this storage's own connection needs it.
     */
    void sync(StudyCache cache, boolean force);

    /**
     * The change log where the database keeps one ({@code changeLog}: the dialect has it and the schema
     * holds its table), else data-version polling.
     */
    static TrialSync of(boolean changeLog, SqlDialect dialect, Transactions tx, TrialFetcher fetcher) {
        return changeLog ? new ChangeLogSync(tx, fetcher) : new DataVersionSync(dialect, tx, fetcher);
    }
}
