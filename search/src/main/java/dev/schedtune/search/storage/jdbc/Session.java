package dev.schedtune.search.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A connection lent for one unit of work, with prepared statements that the session owns: callers never close
 * them. A long-lived session (SQLite's single connection) keeps them compiled across units of work; a pooled
 * one closes them when the work ends.
 */
final class Session {
    private final Connection connection;
    private final boolean keepStatements;
    private final Map<String, PreparedStatement> cache = new HashMap<>();
    private final List<PreparedStatement> opened = new ArrayList<>();

    Session(Connection connection, boolean keepStatements) {
        this.connection = connection;
        this.keepStatements = keepStatements;
    }

    Connection connection() {
        return connection;
    }

    /** A prepared statement for {@code sql}, parameters cleared; do not close it. */
    PreparedStatement prepare(String sql) throws SQLException {
        if (keepStatements) {
            PreparedStatement ps = cache.get(sql);
            if (ps == null || ps.isClosed()) {
                ps = connection.prepareStatement(sql);
                cache.put(sql, ps);
            } else {
                ps.clearParameters();
            }
            return ps;
        }
        PreparedStatement ps = connection.prepareStatement(sql);
        opened.add(ps);
        return ps;
    }

    /** Ends a unit of work: closes the statements of a pooled session. */
    void endWork() {
        for (PreparedStatement ps : opened) {
            try {
                ps.close();
            } catch (SQLException ignored) {
                // the connection goes back to the pool or is discarded anyway
            }
        }
        opened.clear();
    }

    /** Closes every statement (when the connection closes). */
    void closeAll() {
        endWork();
        for (PreparedStatement ps : cache.values()) {
            try {
                ps.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        cache.clear();
    }
}
