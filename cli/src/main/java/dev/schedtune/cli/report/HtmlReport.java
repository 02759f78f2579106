package dev.schedtune.cli.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.hash.Hashing;
import com.google.common.html.HtmlEscapers;
import dev.schedtune.search.trial.FrozenTrial;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The study report: one self-contained HTML file (no network, no external scripts or fonts) whose plots
 * are drawn as SVG by the JavaScript inside it, from the study's data embedded as JSON. Text from the
 * study (its name, parameter names and values, fail reasons) reaches the page only as JSON inside a
 * script element with {@code <}, {@code >} and {@code &} escaped, and is put into the page with {@code
 * textContent} and {@code setAttribute}, never parsed as HTML. The page's Content-Security-Policy allows
 * its one inline script and style element by hash, and nothing else (no other script, no network).
 */
public final class HtmlReport {
    private static final String BASE = "/dev/schedtune/cli/report/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private HtmlReport() {}

    /**
     * The report of {@code results}. {@code checkpoints} says how the trials' intermediate values are
     * stepped ({@code epoch} or {@code percent} of the run); {@code evidence} is a benchmark result file
     * ({@code evidence.json}) to show, or null.
     */
    public static String render(StudyResults results, String checkpoints, @Nullable Path evidence) {
        Object ev = evidence == null ? null : readEvidence(evidence);
        return page(results.studyName(), json(ReportData.of(results, checkpoints, ev)), "", false)
                .html();
    }

    /**
     * What the report draws of {@code results}, as plain data (maps, lists, numbers, strings; see {@code
     * report.js}), without benchmark evidence.
     */
    public static Map<String, Object> data(StudyResults results, String checkpoints) {
        return ReportData.of(results, checkpoints, null);
    }

    /**
     * {@link #data(StudyResults, String)} with each trial's schedule curve (the costly part: its config is
     * parsed and sampled) from {@code curves}, which may keep them for trials that will not change.
     */
    public static Map<String, Object> data(
            StudyResults results, String checkpoints, Function<FrozenTrial, Optional<Map<String, Object>>> curves) {
        return ReportData.of(results, checkpoints, null, curves);
    }

    /** A trial's schedule as the report draws it, sampled over its run; empty if it recorded none. */
    public static Optional<Map<String, Object>> curve(FrozenTrial trial) {
        return ReportData.curve(trial);
    }

    /** {@code data} as JSON that can also sit inside a script element ({@link #scriptSafe}). */
    public static String json(Object data) {
        try {
            return scriptSafe(JSON.writeValueAsString(data));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report data", e);
        }
    }

    /** A report page and the Content-Security-Policy it is served with. */
    public record Page(String html, String contentSecurityPolicy) {}

    /**
     * The report page of study {@code title} drawing {@code json} (from {@link #json}), with {@code
     * extraScript} run after the report's own script in the same element (a live page's updates). With
     * {@code connectSelf} the policy lets the page fetch from its own origin (and nothing else).
     */
    public static Page page(String title, String json, String extraScript, boolean connectSelf) {
        return page("report.html", "report.js", title, json, extraScript, connectSelf);
    }

    /**
     * The page of template {@code template} (a resource of this package with the placeholders of {@code
     * report.html}) whose script is the shared drawing helpers ({@code charts.js}) and then {@code
     * pageScript}.
     */
    static Page page(
            String template, String pageScript, String title, String json, String extraScript, boolean connectSelf) {
        String script =
                resource("charts.js") + "\n" + resource(pageScript) + (extraScript.isEmpty() ? "" : "\n" + extraScript);
        String style = resource("report.css");
        String csp = contentSecurityPolicy(script, style, connectSelf);
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("__CSP__", csp);
        parts.put("__TITLE__", HtmlEscapers.htmlEscaper().escape(title));
        parts.put("/*__STYLE__*/", style);
        parts.put("/*__SCRIPT__*/", script);
        parts.put("__DATA__", json);
        return new Page(fill(resource(template), parts), csp);
    }

    /**
     * The policy of a page whose only script and style are the inline {@code script} (null: none) and {@code
     * style} elements given: both allowed by their SHA-256 hash, images only as data URLs, no plugins, no
     * base URL, no forms; with {@code connectSelf} also fetches to the page's own origin.
     */
    public static String contentSecurityPolicy(@Nullable String script, String style, boolean connectSelf) {
        return "default-src 'none'" + (script == null ? "" : "; script-src " + hash(script)) + "; style-src "
                + hash(style) + "; img-src data:; base-uri 'none'; form-action 'none'"
                + (connectSelf ? "; connect-src 'self'" : "");
    }

    /** The CSP source of an inline element's exact text: {@code 'sha256-<base64>'}. */
    static String hash(String text) {
        return "'sha256-"
                + Base64.getEncoder()
                        .encodeToString(Hashing.sha256()
                                .hashString(text, StandardCharsets.UTF_8)
                                .asBytes())
                + "'";
    }

    /** Replaces each placeholder of {@code template} once, in one pass: inserted text is never scanned again. */
    public static String fill(String template, Map<String, String> parts) {
        StringBuilder b = new StringBuilder(template.length() + (1 << 16));
        int at = 0;
        while (at < template.length()) {
            int next = -1;
            String key = null;
            for (String k : parts.keySet()) {
                int i = template.indexOf(k, at);
                if (i >= 0 && (next < 0 || i < next)) {
                    next = i;
                    key = k;
                }
            }
            if (key == null) {
                b.append(template, at, template.length());
                break;
            }
            b.append(template, at, next).append(parts.get(key));
            at = next + key.length();
        }
        return b.toString();
    }

    /**
     * JSON that can sit inside a script element: no {@code </script>}, no {@code <!--}, no characters that
     * end a JavaScript line. Outside strings JSON has none of these characters, so escaping them
     * everywhere changes no value.
     */
    static String scriptSafe(String json) {
        StringBuilder b = new StringBuilder(json.length() + 64);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> b.append("\\u003c");
                case '>' -> b.append("\\u003e");
                case '&' -> b.append("\\u0026");
                case '\u2028' -> b.append("\\u2028");
                case '\u2029' -> b.append("\\u2029");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static Object readEvidence(Path file) {
        try {
            return JSON.readValue(Files.readString(file, StandardCharsets.UTF_8), Object.class);
        } catch (IOException e) {
            throw new UncheckedIOException("evidence file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The report's style sheet, for other pages that should look like it. */
    public static String stylesheet() {
        return resource("report.css");
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(BASE + name)) {
            return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
