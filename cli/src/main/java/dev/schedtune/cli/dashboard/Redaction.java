package dev.schedtune.cli.dashboard;

import dev.schedtune.search.storage.jdbc.PostgresLocation;
import org.jspecify.annotations.Nullable;

/** What of a storage URL, or of a message that may quote one, the dashboard lets reach a page or the console. */
final class Redaction {
    private Redaction() {}

    /**
     * {@code text} with any password in it replaced by {@code ***}: the one place the dashboard redacts, so
     * that the storage module's redaction function can be swapped in here alone.
     */
    static String shown(@Nullable String text) {
        return text == null ? "" : PostgresLocation.redact(text);
    }
}
