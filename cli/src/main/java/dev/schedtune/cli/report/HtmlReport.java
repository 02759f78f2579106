package dev.schedtune.cli.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.html.HtmlEscapers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The study report: one self-contained HTML file (no network, no external scripts or fonts) whose plots
 * are drawn as SVG by the JavaScript inside it, from the study's data embedded as JSON. Text from the
 * study (its name, parameter names and values, fail reasons) reaches the page only as JSON inside a
 * script element with {@code <}, {@code >} and {@code &} escaped, and is put into the page with {@code
 * textContent} and {@code setAttribute}, never parsed as HTML.
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
        Map<String, Object> data = ReportData.of(results, checkpoints, ev);
        String json;
        try {
            json = JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report data", e);
        }
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("__TITLE__", HtmlEscapers.htmlEscaper().escape(results.studyName()));
        parts.put("/*__STYLE__*/", resource("report.css"));
        parts.put("/*__SCRIPT__*/", resource("report.js"));
        parts.put("__DATA__", scriptSafe(json));
        return fill(resource("report.html"), parts);
    }

    /** Replaces each placeholder of {@code template} once, in one pass: inserted text is never scanned again. */
    static String fill(String template, Map<String, String> parts) {
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

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(BASE + name)) {
            return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
