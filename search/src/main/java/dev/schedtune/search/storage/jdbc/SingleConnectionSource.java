package dev.schedtune.search.storage.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One connection for the whole storage, lent to one thread at a time. Right for SQLite, which serialises
 * writers anyway: threads of this process queue on a Java lock instead of fighting over the file lock, and
 * the connection's prepared statements stay compiled.
 */
final class SingleConnectionSource implements ConnectionSource {
    private final Connection connection;
    private final Session session;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean closed;

    SingleConnectionSource(Connection connection) {
        this.connection = connection;
        this.session = new Session(connection, true);
    }

    @Override
    public <T> T with(Work<T> work) throws SQLException {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the storage is closed");
            }
            return work.apply(session);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                session.closeAll();
                connection.close();
            }
        } catch (SQLException ignored) {
            // closing a broken connection: nothing left to release
        } finally {
            lock.unlock();
        }
    }
}
