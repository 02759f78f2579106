/** JDBC storage in Optuna's RDB table layout (SQLite now, PostgreSQL next), with incremental loading. */
@NullMarked
package dev.schedtune.search.storage.jdbc;

import org.jspecify.annotations.NullMarked;
