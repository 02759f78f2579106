package dev.schedtune.search.storage.jdbc;

import java.sql.SQLException;

/** Lends sessions: one shared connection (SQLite) or pooled connections (PostgreSQL). */
interface ConnectionSource extends AutoCloseable {
    /** Work on a session, which the caller has to itself for the duration. */
    interface Work<T> {
        T apply(Session s) throws SQLException;
    }

    <T> T with(Work<T> work) throws SQLException;

    @Override
    void close();
}
