package dev.schedtune.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Checks of a report page open in Chromium, shared by the report tests. */
public final class ReportPage {
    private ReportPage() {}

    /**
     * What each plot draws, by its data-plot name (hidden plots left out): points, bars and the vertices of
     * lines and curves (grid lines and frames not counted).
     */
    public static JsonNode marks(Chromium page) throws Exception {
        return page.eval("""
                (() => {
                  const out = {};
                  document.querySelectorAll('.plot[data-plot]').forEach(p => {
                    const hidden = p.closest('.card').style.display === 'none';
                    if (hidden) return;
                    let n = p.querySelectorAll('svg circle, svg rect.bar').length;
                    p.querySelectorAll('svg polyline').forEach(l => n += l.points.length);
                    p.querySelectorAll('svg path').forEach(l => n += ((l.getAttribute('d') || '').match(/[ML]/g) || []).length);
                    out[p.dataset.plot] = n;
                  });
                  return out;
                })()""");
    }

    /** Asserts that no console error, exception or dialog happened and every visible plot has content. */
    public static void assertEveryPlotDrawn(Chromium page, List<String> plots) throws Exception {
        assertThat(page.problems()).isEmpty();
        JsonNode marks = marks(page);
        List<String> drawn = new ArrayList<>();
        marks.fieldNames().forEachRemaining(drawn::add);
        assertThat(drawn).containsAll(plots);
        for (String plot : plots) {
            assertThat(marks.path(plot).asInt()).as("marks in plot '%s'", plot).isGreaterThanOrEqualTo(2);
        }
    }

    /**
     * Clicks a Pareto point other than the selected trial and returns the trial number the detail panel
     * then shows, after checking that it draws that trial's learning-rate curve.
     */
    public static int clickAnotherParetoPoint(Chromium page) throws Exception {
        JsonNode before = page.eval("document.getElementById('detail-title').textContent");
        JsonNode clicked = page.eval("""
                (() => {
                  const title = document.getElementById('detail-title').textContent;
                  const points = [...document.querySelectorAll('#plot-pareto circle.front-point[data-trial]')];
                  const other = points.find(p => !title.includes('#' + p.dataset.trial + ' ')
                      && !title.endsWith('#' + p.dataset.trial)) || points[0];
                  other.dispatchEvent(new MouseEvent('click', {bubbles: true}));
                  return Number(other.dataset.trial);
                })()""");
        int trial = clicked.asInt();
        String title =
                page.eval("document.getElementById('detail-title').textContent").asText();
        assertThat(title).matches("Trial #" + trial + "( · .*)?");
        if (page.eval("document.querySelectorAll('#plot-pareto circle.front-point').length")
                        .asInt()
                > 1) {
            assertThat(title).isNotEqualTo(before.asText());
        }
        JsonNode curve = page.eval("""
                (() => {
                  const panel = document.querySelector('#plot-detail .curve-panel[data-series="lr"]');
                  const line = panel && panel.querySelector('path.curve-line');
                  return line ? line.getAttribute('d').split('L').length : 0;
                })()""");
        assertThat(curve.asInt()).as("points of the selected trial's lr curve").isGreaterThanOrEqualTo(5);
        assertThat(page.eval("document.querySelectorAll('[data-trial=\"" + trial + "\"].sel').length")
                        .asInt())
                .isPositive();
        return trial;
    }
}
