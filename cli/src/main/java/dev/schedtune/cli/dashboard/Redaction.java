package dev.schedtune.cli.dashboard;

import dev.schedtune.search.storage.jdbc.PostgresLocation;
import org.jspecify.annotations.Nullable;

/** What of a storage URL, and of messages about it, the dashboard lets reach a page or the console. */
final class Redaction {
    private Redaction() {}

    /**
     * {@code url} with its password replaced by {@code ***}: the one place the dashboard redacts, so that the
     * storage module's redaction function can be swapped in here alone.
     */
    static String shown(String url) {
        return PostgresLocation.redact(url);
    }

    /**
     * A message about the storage at {@code url} (a driver's or the storage's own words) with the URL shown as
     * {@link #shown} shows it and the password {@link #shown} hides, wherever else it appears, as {@code
     * ***}. (Passwords under 4 characters are left to {@link #shown}: replacing every occurrence of such a
     * string would garble the message.)
     */
    static String message(String url, @Nullable String text) {
        if (text == null) {
            return "";
        }
        String out = text.replace(url, shown(url));
        String secret = secret(url);
        return secret.length() >= 4 ? out.replace(secret, "***") : out;
    }

    /** The part of {@code url} that {@link #shown} replaces, or "" if it replaces nothing. */
    private static String secret(String url) {
        String shown = shown(url);
        if (shown.equals(url)) {
            return "";
        }
        int head = 0;
        while (head < url.length() && head < shown.length() && url.charAt(head) == shown.charAt(head)) {
            head++;
        }
        int tail = 0;
        while (tail < url.length() - head
                && tail < shown.length() - head
                && url.charAt(url.length() - 1 - tail) == shown.charAt(shown.length() - 1 - tail)) {
            tail++;
        }
        return url.substring(head, url.length() - tail);
    }
}
