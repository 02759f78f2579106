/**
 * JDBC storage in Optuna's RDB table layout (SQLite and PostgreSQL), with incremental loading. The public
 * surface is {@link dev.schedtune.search.storage.jdbc.SqliteStorage}, {@link
 * dev.schedtune.search.storage.jdbc.PostgresStorage} and the {@link
 * dev.schedtune.search.storage.jdbc.JdbcStorage} they open; the engines behind it (transactions, row
 * access, cache syncs, dialects) are package-private.
 */
@NullMarked
package dev.schedtune.search.storage.jdbc;

import org.jspecify.annotations.NullMarked;
