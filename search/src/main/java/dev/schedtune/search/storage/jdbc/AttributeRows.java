package dev.schedtune.search.storage.jdbc;

import dev.schedtune.search.internal.Json;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/** The one upsert of Optuna's attribute tables (study or trial, user or system: key and JSON value per owner). */
final class AttributeRows {
    private AttributeRows() {}

    /**
     * Sets attribute {@code key} of the study or trial {@code id} ({@code owner}: {@code study_id} or {@code
     * trial_id}) in {@code table}, inside the caller's write transaction.
     */
    static void upsert(Session s, String table, String owner, long id, String key, @Nullable Object value)
            throws SQLException {
        PreparedStatement ps =
                s.prepare("INSERT INTO " + table + " (" + owner + ", \"key\", value_json) VALUES (?, ?, ?)"
                        + " ON CONFLICT (" + owner + ", \"key\") DO UPDATE SET value_json = excluded.value_json");
        ps.setLong(1, id);
        ps.setString(2, key);
        ps.setString(3, Json.write(value));
        ps.executeUpdate();
    }
}
