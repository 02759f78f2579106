package dev.schedtune.cli.dashboard;

import com.google.common.escape.Escaper;
import com.google.common.html.HtmlEscapers;
import com.google.common.net.UrlEscapers;
import dev.schedtune.cli.report.HtmlReport;
import dev.schedtune.cli.report.StudyResults;
import dev.schedtune.search.trial.StudyDirection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The dashboard's pages other than a study's: the list of studies, "not found" (with the list), and what
 * to show while the storage is unreachable or a study still loading. Every string from the storage goes
 * through the HTML escaper the report uses for its title; the pages have no script, and their one inline
 * style element is allowed by hash.
 */
final class Pages {
    private static final Escaper HTML = HtmlEscapers.htmlEscaper();
    private static final String TEMPLATE = resource("page.html");
    private static final String STYLE = HtmlReport.stylesheet() + resource("dashboard.css");
    private static final String LIVE_SCRIPT = resource("live.js");
    /** How often the pages without script load themselves again. */
    static final int REFRESH_SECONDS = 5;

    private Pages() {}

    /** The link to study {@code name}'s page. */
    static String studyPath(String name) {
        return "/study/" + UrlEscapers.urlPathSegmentEscaper().escape(name);
    }

    /** The data a study page polls. */
    static String apiPath(String name) {
        return "/api/study/" + UrlEscapers.urlPathSegmentEscaper().escape(name);
    }

    /** A study's live page: the report drawing {@code view}, with the script that follows the study. */
    static HtmlReport.Page study(String name, StudyFeed.View view) {
        return view.page(name, LIVE_SCRIPT);
    }

    /** The front page: the studies in the storage, or why they cannot be listed. */
    static HtmlReport.Page index(String storage, @Nullable Catalog catalog, StorageLink.@Nullable Outage outage) {
        StringBuilder b = new StringBuilder();
        outage(b, outage, catalog != null);
        if (catalog != null) {
            table(b, catalog);
        } else if (outage == null) {
            b.append("<div class=\"notice\">Reading the list of studies<p>The storage is still being read; this"
                    + " page loads again in a few seconds.</p></div>\n");
        }
        return page("Studies", "Studies", "in " + storage, b.toString());
    }

    /** "Not found" for {@code what} (the path asked for), with the studies there are. */
    static HtmlReport.Page notFound(
            String storage, String what, @Nullable Catalog catalog, StorageLink.@Nullable Outage outage) {
        StringBuilder b = new StringBuilder();
        outage(b, outage, catalog != null);
        b.append("<section class=\"card\"><h2>Not found</h2><p class=\"hint\">")
                .append(HTML.escape(what))
                .append("</p></section>\n");
        if (catalog != null) {
            table(b, catalog);
        }
        return page("Not found", "Not found", "in " + storage, b.toString());
    }

    /** A page that says why a study cannot be shown yet, and loads itself again. */
    static HtmlReport.Page waiting(String storage, String study, String heading, String message) {
        String body = "<div class=\"notice\">" + HTML.escape(heading) + "<p>" + HTML.escape(message) + "</p></div>\n"
                + "<p><a href=\"/\">All studies</a></p>";
        return page(study, study, "in " + storage, body);
    }

    /** A request the dashboard does not understand. */
    static HtmlReport.Page badRequest(String message) {
        String body = "<div class=\"notice\">Bad request<p>" + HTML.escape(message) + "</p></div>\n"
                + "<p><a href=\"/\">All studies</a></p>";
        return page("Bad request", "Bad request", "", body);
    }

    private static void outage(StringBuilder b, StorageLink.@Nullable Outage outage, boolean stale) {
        if (outage != null) {
            b.append("<div class=\"notice\">Storage unreachable, retrying every ")
                    .append(StorageLink.REOPEN_EVERY.toSeconds())
                    .append(" s<p>")
                    .append(HTML.escape(outage.message()))
                    .append(" (since ")
                    .append(HTML.escape(outage.since().toString()))
                    .append(")")
                    .append(stale ? ". The list below is from before." : "")
                    .append("</p></div>\n");
        }
    }

    private static void table(StringBuilder b, Catalog catalog) {
        b.append("<section class=\"card\"><h2>Studies</h2>\n");
        if (catalog.studies().isEmpty()) {
            b.append("<p class=\"empty-list\">This storage holds no study yet.</p></section>\n");
            return;
        }
        b.append("<div class=\"table-wrap\"><table class=\"trials\" id=\"studies\"><thead><tr>");
        for (String h : List.of("study", "objectives", "trials", "complete", "pruned", "failed", "running", "best")) {
            b.append("<th>").append(h).append("</th>");
        }
        b.append("</tr></thead><tbody>\n");
        for (Catalog.Summary s : catalog.studies()) {
            List<String> objectives = new ArrayList<>();
            for (int i = 0; i < s.objectives().size(); i++) {
                objectives.add(
                        s.objectives().get(i) + (s.directions().get(i) == StudyDirection.MINIMIZE ? " ↓" : " ↑"));
            }
            b.append("<tr><td><a href=\"")
                    .append(HTML.escape(studyPath(s.name())))
                    .append("\">")
                    .append(HTML.escape(s.name()))
                    .append("</a></td><td>")
                    .append(HTML.escape(String.join(", ", objectives)))
                    .append("</td>");
            for (int n : new int[] {s.trials(), s.complete(), s.pruned(), s.failed(), s.running() + s.waiting()}) {
                b.append("<td class=\"num\">").append(n).append("</td>");
            }
            b.append("<td class=\"num\">")
                    .append(
                            s.bestTrial() == null
                                    ? ""
                                    : "#" + s.bestTrial() + ": " + HTML.escape(StudyResults.format(s.bestValue())))
                    .append("</td></tr>\n");
        }
        b.append("</tbody></table></div></section>\n");
    }

    private static HtmlReport.Page page(String title, String heading, String sub, String body) {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("__REFRESH__", "<meta http-equiv=\"refresh\" content=\"" + REFRESH_SECONDS + "\">\n");
        parts.put("__TITLE__", HTML.escape(title));
        parts.put("/*__STYLE__*/", STYLE);
        parts.put("__HEADING__", HTML.escape(heading));
        parts.put("__SUB__", HTML.escape(sub));
        parts.put("__BODY__", body);
        return new HtmlReport.Page(
                HtmlReport.fill(TEMPLATE, parts), HtmlReport.contentSecurityPolicy(null, STYLE, false));
    }

    private static String resource(String name) {
        try (InputStream in = Pages.class.getResourceAsStream(name)) {
            return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
