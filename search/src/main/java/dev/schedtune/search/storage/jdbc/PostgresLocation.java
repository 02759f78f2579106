package dev.schedtune.search.storage.jdbc;

import com.google.common.base.Splitter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where a PostgreSQL study database is, parsed from the URL forms users meet:
 *
 * <ul>
 *   <li>{@code postgresql://user:password@host:port/database?param=value} — SQLAlchemy's and Optuna's form
 *       (also {@code postgres://} and {@code postgresql+psycopg2://}); user and password are
 *       percent-decoded; host defaults to {@code localhost}, port to 5432, the database to the user name;
 *   <li>{@code jdbc:postgresql://host:port/database?user=...&password=...} — the JDBC driver's own form,
 *       passed to it as is.
 * </ul>
 *
 * Query parameters go to the JDBC driver (e.g. {@code sslmode=require}), except {@code poolSize} (most
 * connections one storage object opens; default {@value #DEFAULT_POOL_SIZE}). Without a password in the
 * URL, {@code PGPASSWORD} is used if set, else the driver reads {@code ~/.pgpass} (or the {@code PGPASSFILE}
 * it names).
 */
public final class PostgresLocation {
    static final int DEFAULT_POOL_SIZE = 4;

    private final String jdbcUrl;
    private final @Nullable String user;
    private final @Nullable String password;
    private final String display;
    private final int poolSize;

    private PostgresLocation(
            String jdbcUrl, @Nullable String user, @Nullable String password, String display, int poolSize) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.display = display;
        this.poolSize = poolSize;
    }

    /** Whether {@code url} names a PostgreSQL database (by its scheme; the rest may still be malformed). */
    public static boolean isPostgresUrl(String url) {
        String lower = url.trim().toLowerCase(Locale.ROOT);
        return lower.startsWith("jdbc:postgresql:")
                || lower.startsWith("postgresql://")
                || lower.startsWith("postgres://")
                || lower.startsWith("postgresql+");
    }

    /**
     * Parses a URL.
     *
     * @throws IllegalArgumentException naming the URL (without its password), the bad part and the forms
     *     accepted
     */
    public static PostgresLocation parse(String url) {
        String u = url.trim();
        String lower = u.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:postgresql:")) {
            return parseJdbc(u);
        }
        int scheme = u.indexOf("://");
        if (!isPostgresUrl(u) || scheme < 0) {
            throw bad(u, "it is not a PostgreSQL URL");
        }
        String rest = u.substring(scheme + 3);
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        String userInfo = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            userInfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
        }
        String hostPort = rest;
        String database = null;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            hostPort = rest.substring(0, slash);
            database = decode(u, rest.substring(slash + 1), "database name");
            if (database.isEmpty()) {
                database = null;
            } else if (database.contains("/")) {
                throw bad(u, "the database name '" + database + "' contains '/'");
            }
        }
        String user = null;
        String password = null;
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(u, colon >= 0 ? userInfo.substring(0, colon) : userInfo, "user name");
            password = colon >= 0 ? decode(u, userInfo.substring(colon + 1), "password") : null;
            if (user.isEmpty()) {
                user = null;
            }
        }
        String host = hostPort;
        String port = "5432";
        int colon = hostPort.lastIndexOf(':');
        if (colon >= 0 && !hostPort.endsWith("]")) {
            host = hostPort.substring(0, colon);
            port = hostPort.substring(colon + 1);
            if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                throw bad(u, "port '" + port + "' must be a number in [1, 65535]");
            }
        }
        if (host.isEmpty()) {
            host = "localhost";
        }
        if (database == null) {
            database = user != null ? user : "postgres";
        }
        Map<String, String> params = params(u, query);
        int pool = poolSize(u, params);
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://")
                .append(host)
                .append(':')
                .append(port)
                .append('/')
                .append(java.net.URLEncoder.encode(database, StandardCharsets.UTF_8)
                        .replace("+", "%20"));
        String sep = "?";
        for (Map.Entry<String, String> e : params.entrySet()) {
            jdbc.append(sep).append(e.getKey()).append('=').append(e.getValue());
            sep = "&";
        }
        String display = "postgresql://" + (user != null ? user + "@" : "") + host + ":" + port + "/" + database;
        return new PostgresLocation(jdbc.toString(), user, password, display, pool);
    }

    private static PostgresLocation parseJdbc(String u) {
        String rest = u.substring("jdbc:postgresql:".length());
        if (!rest.startsWith("//") && rest.contains(":")) {
            throw bad(u, "expected jdbc:postgresql://host:port/database");
        }
        String query = "";
        String base = u;
        int q = u.indexOf('?');
        if (q >= 0) {
            query = u.substring(q + 1);
            base = u.substring(0, q);
        }
        Map<String, String> params = params(u, query);
        int pool = poolSize(u, params);
        String user = params.containsKey("user") ? decode(u, params.get("user"), "user name") : null;
        StringBuilder jdbc = new StringBuilder(base);
        StringBuilder shown = new StringBuilder(base);
        String sep = "?";
        for (Map.Entry<String, String> e : params.entrySet()) {
            jdbc.append(sep).append(e.getKey()).append('=').append(e.getValue());
            if (!isSecret(e.getKey())) {
                shown.append(shown.indexOf("?") < 0 ? "?" : "&")
                        .append(e.getKey())
                        .append('=')
                        .append(e.getValue());
            }
            sep = "&";
        }
        // a jdbc: URL may carry a password in its user-info part too
        return new PostgresLocation(jdbc.toString(), user, null, redact(shown.toString()), pool);
    }

    private static Map<String, String> params(String url, String query) {
        Map<String, String> out = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return out;
        }
        for (String pair : Splitter.on('&').split(query)) {
            if (pair.isEmpty()) {
                continue;
            }
            List<String> kv = Splitter.on('=').limit(2).splitToList(pair);
            if (kv.size() != 2 || kv.get(0).isEmpty()) {
                throw bad(url, "query parameter '" + redactPair(pair) + "' is not name=value");
            }
            out.put(kv.get(0), kv.get(1));
        }
        return out;
    }

    private static int poolSize(String url, Map<String, String> params) {
        String p = params.remove("poolSize");
        if (p == null) {
            return DEFAULT_POOL_SIZE;
        }
        if (!p.matches("\\d{1,4}") || Integer.parseInt(p) < 1 || Integer.parseInt(p) > 1000) {
            throw bad(url, "poolSize (" + p + ") must be an integer in [1, 1000]");
        }
        return Integer.parseInt(p);
    }

    private static String decode(String url, String s, String what) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw bad(url, "the " + what + " is not valid percent-encoding");
        }
    }

    private static String redactPair(String pair) {
        int eq = pair.indexOf('=');
        return isSecret(eq < 0 ? pair : pair.substring(0, eq))
                ? redact("?" + pair).substring(1)
                : pair;
    }

    /** Whether a URL query parameter holds a secret ({@code password}, {@code sslpassword}, ...). */
    private static boolean isSecret(String key) {
        return key.toLowerCase(Locale.ROOT).contains("password");
    }

    private static IllegalArgumentException bad(String url, String problem) {
        return new IllegalArgumentException("storage URL '" + redact(url) + "' is malformed: " + problem
                + "; use postgresql://user:password@host:port/database or jdbc:postgresql://host:port/database");
    }

    /**
     * {@code url} with every password replaced by {@code ***}: the user-info part's ({@code user:pw@}) and
     * every query parameter whose name contains {@code password} ({@code password}, {@code sslpassword}).
     * The one redaction for every storage URL printed, logged, stored or written into a result file.
     */
    public static String redact(String url) {
        String out = url.replaceAll("(?i)([?&;][^=&;?]*password[^=&;?]*=)[^&;]*", "$1***");
        int scheme = out.indexOf("://");
        int at = out.lastIndexOf('@');
        if (scheme >= 0 && at > scheme) {
            String userInfo = out.substring(scheme + 3, at);
            int colon = userInfo.indexOf(':');
            if (colon >= 0) {
                out = out.substring(0, scheme + 3) + userInfo.substring(0, colon) + ":***" + out.substring(at);
            }
        }
        return out;
    }

    /** The URL to give the JDBC driver (with the password only if it was in a {@code jdbc:} URL). */
    String jdbcUrl() {
        return jdbcUrl;
    }

    @Nullable
    String user() {
        return user;
    }

    @Nullable
    String password() {
        return password;
    }

    /**
     * The password to log in with: the URL's, else (when the URL has none, not even as a {@code jdbc:}
     * query parameter) libpq's {@code PGPASSWORD} from {@code env}; null lets the driver read {@code
     * ~/.pgpass}.
     */
    @Nullable
    String password(Map<String, String> env) {
        if (password != null) {
            return password;
        }
        if (jdbcUrl.toLowerCase(Locale.ROOT).matches(".*[?&]password=.*")) {
            return null;
        }
        String fromEnv = env.get("PGPASSWORD");
        return fromEnv == null || fromEnv.isEmpty() ? null : fromEnv;
    }

    int poolSize() {
        return poolSize;
    }

    /** The location without password, for messages. */
    @Override
    public String toString() {
        return display;
    }
}
