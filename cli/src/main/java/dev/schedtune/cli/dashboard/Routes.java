package dev.schedtune.cli.dashboard;

import com.google.common.net.InetAddresses;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.schedtune.cli.report.HtmlReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The dashboard's routes, answered from what the {@link Watcher} last read:
 *
 * <ul>
 *   <li>{@code GET /}: the studies in the storage;
 *   <li>{@code GET /study/NAME}: a study's live report page (NAME percent-encoded as one path segment);
 *   <li>{@code GET /api/study/NAME?since=VERSION}: what changed since a version, as JSON: {@code status}
 *       ({@code ok}, {@code unreachable}, {@code gone}, {@code loading}), {@code version}, and {@code
 *       update} (null if nothing changed, else the changed trials and parts, or everything).
 * </ul>
 *
 * Anything else is a 404 page listing the studies; methods other than GET and HEAD get 405. Every answer
 * carries a strict Content-Security-Policy, no caching, no sniffing, no framing. When the server listens on
 * a loopback address only requests naming a loopback host are answered, so a web page cannot reach the
 * dashboard through DNS rebinding. No request can end the server: whatever fails becomes a 500 answer.
 */
final class Routes implements HttpHandler {

    private final Watcher watcher;
    private final boolean loopbackOnly;

    Routes(Watcher watcher, boolean loopbackOnly) {
        this.watcher = watcher;
        this.loopbackOnly = loopbackOnly;
    }

    @Override
    public void handle(HttpExchange x) {
        try {
            route(x);
        } catch (RuntimeException | IOException | Error e) {
            try {
                send(
                        x,
                        500,
                        "text/plain; charset=utf-8",
                        "internal error: " + e.getClass().getSimpleName(),
                        null);
            } catch (IOException | RuntimeException ignored) {
                // the answer had begun or the client left: nothing more to say
            }
        } finally {
            x.close();
        }
    }

    private void route(HttpExchange x) throws IOException {
        String method = x.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            x.getResponseHeaders().set("Allow", "GET, HEAD");
            send(x, 405, "text/plain; charset=utf-8", "method " + method + " not allowed: GET or HEAD", null);
            return;
        }
        if (loopbackOnly && !loopbackHost(x.getRequestHeaders().getFirst("Host"))) {
            send(x, 421, "text/plain; charset=utf-8", "this dashboard answers requests to localhost only", null);
            return;
        }
        URI uri = x.getRequestURI();
        String path = uri.getRawPath();
        if (path == null || path.isEmpty()) {
            page(x, 400, Pages.badRequest("no path in the request"));
        } else if (path.equals("/")) {
            page(x, 200, Pages.index(watcher.storageShown(), watcher.catalog(Watcher.FRESH_MILLIS), watcher.outage()));
        } else if (path.startsWith("/study/") && path.indexOf('/', "/study/".length()) < 0) {
            study(x, path.substring("/study/".length()));
        } else if (path.startsWith("/api/study/") && path.indexOf('/', "/api/study/".length()) < 0) {
            api(x, path.substring("/api/study/".length()), uri.getRawQuery());
        } else {
            notFound(x, "There is no page " + readable(path) + " here.");
        }
    }

    private void study(HttpExchange x, String segment) throws IOException {
        String name = decode(segment);
        if (name == null) {
            page(x, 400, Pages.badRequest("the study name in the URL is not valid percent-encoded UTF-8"));
            return;
        }
        boolean listed = watcher.listed();
        StudyFeed feed = watcher.feed(name, Pages.apiPath(name));
        if (feed == null && !listed) {
            page(x, 503, notYet(name, "Reading the list of studies"));
            return;
        }
        if (feed == null) {
            notFound(
                    x,
                    "There is no study named '" + name + "'" + (watcher.outage() != null ? " (as last read)" : "")
                            + ".");
            return;
        }
        StudyFeed.View view = feed.view();
        if (view == null) {
            page(x, 503, notYet(name, "Reading the study"));
            return;
        }
        page(x, 200, Pages.study(name, view));
        watcher.keep(feed); // again: sending a large study may take longer than the interest lasts
    }

    /** The page for a study that cannot be shown yet: the storage is unreachable, or still being read. */
    private HtmlReport.Page notYet(String name, String reading) {
        StorageLink.Outage outage = watcher.outage();
        return outage != null
                ? Pages.waiting(
                        watcher.storageShown(),
                        name,
                        "Storage unreachable, retrying every " + StorageLink.REOPEN_EVERY.toSeconds() + " s",
                        outage.message())
                : Pages.waiting(
                        watcher.storageShown(),
                        name,
                        reading,
                        "The storage is still being read; this page loads again in a few seconds.");
    }

    private void api(HttpExchange x, String segment, @Nullable String query) throws IOException {
        String name = decode(segment);
        boolean listed = watcher.listed();
        StudyFeed feed = name == null ? null : watcher.feed(name, Pages.apiPath(name));
        StorageLink.Outage outage = watcher.outage();
        StudyFeed.View view = feed == null ? null : feed.view();
        // before any list was read a name cannot be said to be missing
        boolean missing = feed == null && (name == null || listed);
        StringBuilder b = new StringBuilder(64);
        String status = missing
                ? "missing"
                : outage != null
                        ? "unreachable"
                        : feed == null ? "loading" : feed.gone() ? "gone" : view == null ? "loading" : "ok";
        b.append("{\"status\":\"").append(status).append('"');
        if (outage != null) {
            b.append(",\"message\":")
                    .append(jsonString(outage.message()))
                    .append(",\"since\":")
                    .append(jsonString(outage.since().toString()));
        }
        String update = null;
        if (view != null) {
            b.append(",\"version\":").append(view.version);
            update = view.since(since(query));
        }
        b.append(",\"update\":").append(update == null ? "null" : update).append('}');
        send(x, missing ? 404 : 200, "application/json; charset=utf-8", b.toString(), null);
        if (feed != null) {
            watcher.keep(feed); // again, as for a page
        }
    }

    private void notFound(HttpExchange x, String what) throws IOException {
        page(
                x,
                404,
                Pages.notFound(watcher.storageShown(), what, watcher.catalog(Watcher.FRESH_MILLIS), watcher.outage()));
    }

    private static void page(HttpExchange x, int code, HtmlReport.Page page) throws IOException {
        send(x, code, "text/html; charset=utf-8", page.html(), page.contentSecurityPolicy());
    }

    private static void send(HttpExchange x, int code, String type, String body, @Nullable String csp)
            throws IOException {
        Headers h = x.getResponseHeaders();
        h.set("Content-Type", type);
        h.set("Content-Security-Policy", (csp != null ? csp : "default-src 'none'") + "; frame-ancestors 'none'");
        h.set("Cache-Control", "no-store");
        h.set("X-Content-Type-Options", "nosniff");
        h.set("X-Frame-Options", "DENY");
        h.set("Referrer-Policy", "no-referrer");
        h.set("Cross-Origin-Resource-Policy", "same-origin");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (x.getRequestMethod().equals("HEAD")) {
            x.sendResponseHeaders(code, -1);
            return;
        }
        x.sendResponseHeaders(code, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The version a page shows, from {@code since=N} in the query; -1 (everything) if absent or malformed. */
    static long since(@Nullable String query) {
        if (query == null) {
            return -1;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("since=")) {
                try {
                    return Long.parseLong(pair.substring("since=".length()));
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    /** Whether a Host header names this machine's loopback interface: localhost or a loopback address. */
    static boolean loopbackHost(@Nullable String host) {
        if (host == null) {
            return false;
        }
        String h = host.trim().toLowerCase(Locale.ROOT);
        int colon = h.lastIndexOf(':');
        if (colon >= 0 && !h.endsWith("]") && h.indexOf(':') == colon) {
            h = h.substring(0, colon); // name:port or IPv4:port
        } else if (h.startsWith("[") && h.contains("]")) {
            h = h.substring(1, h.indexOf(']')); // [IPv6]:port
        }
        return h.equals("localhost")
                || InetAddresses.isInetAddress(h) && InetAddresses.forString(h).isLoopbackAddress();
    }

    /**
     * A path segment percent-decoded as UTF-8 ({@code +} is a plus, not a space), or null if it is empty,
     * not well-formed or contains a raw {@code /}.
     */
    static @Nullable String decode(String segment) {
        if (segment.isEmpty() || segment.indexOf('/') >= 0) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                if (i + 2 >= segment.length()) {
                    return null;
                }
                int hi = Character.digit(segment.charAt(i + 1), 16);
                int lo = Character.digit(segment.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                byte[] raw = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(raw, 0, raw.length);
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** A path as people read it: each segment decoded where it can be. */
    private static String readable(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/", -1)) {
            String d = part.isEmpty() ? "" : decode(part);
            parts.add(d == null ? part : d);
        }
        return String.join("/", parts);
    }

    private static String jsonString(String s) {
        return HtmlReport.json(s);
    }
}
