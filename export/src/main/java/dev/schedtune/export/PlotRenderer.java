package dev.schedtune.export;

import dev.schedtune.export.Canvas.Anchor;
import dev.schedtune.export.Canvas.Font;
import dev.schedtune.export.Canvas.Stroke;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Lays out panels, axes, curves, markers and legend, and draws them on a {@link Canvas}. */
final class PlotRenderer {
    /** Tableau 10: distinct, colour-blind-friendlier than the defaults of most tools. */
    static final String[] PALETTE = {
        "#4e79a7", "#f28e2b", "#e15759", "#59a14f", "#b07aa1", "#76b7b2", "#edc948", "#9c755f", "#ff9da7", "#bab0ac"
    };

    private static final Map<String, String> AXIS_NAMES = Map.of(
            "lr", "learning rate",
            "momentum", "momentum",
            "beta1", "Adam β₁",
            "beta2", "Adam β₂",
            "weight_decay", "weight decay");

    // the figure style, shared with XyRenderer
    static final String INK = "#262626";
    static final String MUTED = "#595959";
    static final String GRID = "#e8e8e8";
    static final String FRAME = "#b3b3b3";
    static final String MARKER = "#8c8c8c";

    static final int LEFT = 88;
    static final int RIGHT = 28;
    static final int BOTTOM = 58;
    private static final int MAX_MARKED_BOUNDARIES = 60;
    private static final int GAP = 44;

    private final List<Series> series;
    private final List<Samples> samples;
    private final long steps;
    private final boolean log;
    private final String title;
    private final int width;
    private final boolean markers;
    private final List<String> names;
    private final int top;
    private final int panelHeight;

    PlotRenderer(
            List<Series> series,
            List<Samples> samples,
            long steps,
            boolean log,
            String title,
            int width,
            boolean markers) {
        this.series = series;
        this.samples = samples;
        this.steps = steps;
        this.log = log;
        this.title = title;
        this.width = width;
        this.markers = markers;
        Set<String> all = new LinkedHashSet<>();
        samples.forEach(s -> all.addAll(s.names()));
        this.names = List.copyOf(all);
        this.top = 64 + (showLegend() ? 26 : 0);
        this.panelHeight = names.size() == 1 ? 340 : 230;
    }

    int width() {
        return width;
    }

    int height() {
        return top + names.size() * panelHeight + (names.size() - 1) * GAP + BOTTOM;
    }

    private boolean showLegend() {
        return series.size() > 1 || !series.get(0).label().isEmpty();
    }

    void draw(Canvas c) {
        c.fill(0, 0, width, height(), "#ffffff");
        c.text(LEFT, 30, title.isEmpty() ? "Schedule" : title, new Font(18, true, INK), Anchor.START, 0);
        c.text(LEFT, 50, subtitle(), new Font(12, false, MUTED), Anchor.START, 0);
        if (showLegend()) {
            legend(c, 76);
        }
        Ticks.Axis x = Ticks.linear(0, steps, Math.max(2, (width - LEFT - RIGHT) / 110), false);
        for (int p = 0; p < names.size(); p++) {
            panel(c, names.get(p), top + p * (panelHeight + GAP), x, p == names.size() - 1);
        }
    }

    private String subtitle() {
        StringBuilder b = new StringBuilder();
        b.append("steps 0–").append(Ticks.steps(steps));
        if (log) {
            b.append(" · log scale");
        }
        if (markers && hasBoundaries()) {
            b.append(" · dashed lines: where pieces meet");
        }
        return b.toString();
    }

    private boolean hasBoundaries() {
        for (Samples s : samples) {
            for (String n : s.names()) {
                if (s.boundaries(n).length > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private void legend(Canvas c, double y) {
        double x = LEFT;
        Font font = new Font(12.5, false, INK);
        for (int i = 0; i < series.size(); i++) {
            String label = series.get(i).label().isEmpty()
                    ? "schedule " + (i + 1)
                    : series.get(i).label();
            c.line(x, y - 4, x + 22, y - 4, Stroke.solid(PALETTE[i % PALETTE.length], 2.5));
            c.text(x + 28, y, label, font, Anchor.START, 0);
            x += 28 + textWidth(label, 12.5) + 22;
        }
    }

    static double textWidth(String s, double size) {
        return s.length() * size * 0.58;
    }

    private void panel(Canvas c, String name, double y0, Ticks.Axis x, boolean last) {
        double x0 = LEFT;
        double w = width - LEFT - RIGHT;
        double h = panelHeight;
        Ticks.Axis y = yAxis(name);
        c.fill(x0, y0, w, h, "#ffffff");
        Font tickFont = new Font(12, false, MUTED);
        for (double t : x.ticks()) {
            double px = x0 + x.fraction(t) * w;
            c.line(px, y0, px, y0 + h, Stroke.solid(GRID, 1));
            c.line(px, y0 + h, px, y0 + h + 5, Stroke.solid(FRAME, 1));
            c.text(px, y0 + h + 19, Ticks.steps(t), tickFont, Anchor.MIDDLE, 0);
        }
        for (double t : y.ticks()) {
            double py = y0 + h - y.fraction(t) * h;
            c.line(x0, py, x0 + w, py, Stroke.solid(GRID, 1));
            c.line(x0 - 5, py, x0, py, Stroke.solid(FRAME, 1));
            c.text(x0 - 9, py + 4, y.label(t), tickFont, Anchor.END, 0);
        }
        String axisName = AXIS_NAMES.getOrDefault(name, name.replace('_', ' ')) + (log ? " (log)" : "");
        c.text(x0 - 66, y0 + h / 2, axisName, new Font(13, false, INK), Anchor.MIDDLE, -90);
        if (last) {
            c.text(x0 + w / 2, y0 + h + 42, "optimizer step", new Font(13, false, INK), Anchor.MIDDLE, 0);
        }
        c.clip(x0 - 1, y0 - 1, w + 2, h + 2);
        for (int i = 0; i < series.size(); i++) {
            Samples s = samples.get(i);
            if (s.names().contains(name) && markers) {
                boundaries(c, s, name, x, x0, y0, w, h);
            }
        }
        for (int i = 0; i < series.size(); i++) {
            Samples s = samples.get(i);
            if (s.names().contains(name)) {
                curve(c, s, name, x, y, x0, y0, w, h, PALETTE[i % PALETTE.length]);
            }
        }
        for (int i = 0; i < series.size(); i++) {
            Samples s = samples.get(i);
            if (s.names().contains(name) && markers) {
                boundaryDots(c, s, name, x, y, x0, y0, w, h, PALETTE[i % PALETTE.length]);
            }
        }
        c.unclip();
        c.rect(x0, y0, w, h, "none", Stroke.solid(FRAME, 1));
    }

    private Ticks.Axis yAxis(String name) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Samples s : samples) {
            if (!s.names().contains(name)) {
                continue;
            }
            for (double v : s.values(name)) {
                if (Double.isFinite(v) && (!log || v > 0)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (min > max) {
            return log ? Ticks.log(1e-3, 1) : Ticks.linear(0, 1, 5, true);
        }
        if (log) {
            return headroom(Ticks.log(min, max), min, max);
        }
        if (min >= 0 && min <= 0.25 * max) {
            min = 0;
        }
        int target = panelHeight >= 300 ? 6 : 4;
        return headroom(Ticks.linear(min, max, target, true), min, max);
    }

    /** Widens the axis a little where the curve touches its end, so lines and markers are not cut by the frame. */
    static Ticks.Axis headroom(Ticks.Axis a, double min, double max) {
        double lo = a.log() ? Math.log10(a.lo()) : a.lo();
        double hi = a.log() ? Math.log10(a.hi()) : a.hi();
        double dataLo = a.log() ? Math.log10(min) : min;
        double dataHi = a.log() ? Math.log10(max) : max;
        double pad = 0.04 * (hi - lo);
        double newLo = dataLo - lo < pad ? lo - pad : lo;
        double newHi = hi - dataHi < pad ? hi + pad : hi;
        return new Ticks.Axis(
                a.log() ? Math.pow(10, newLo) : newLo,
                a.log() ? Math.pow(10, newHi) : newHi,
                a.ticks(),
                a.step(),
                a.log());
    }

    private void curve(
            Canvas c,
            Samples s,
            String name,
            Ticks.Axis x,
            Ticks.Axis y,
            double x0,
            double y0,
            double w,
            double h,
            String color) {
        double[] v = s.values(name);
        int n = v.length;
        long stride = s.stride();
        int buckets = (int) Math.max(1, Math.round(w * 2));
        double[] xs;
        double[] ys;
        int count;
        if (n <= buckets * 3) {
            xs = new double[n];
            ys = new double[n];
            for (int i = 0; i < n; i++) {
                xs[i] = x0 + x.fraction((double) i * stride) * w;
                ys[i] = py(y, v[i], y0, h);
            }
            count = n;
        } else {
            // keep the extremes of every half-pixel column, in step order, so spikes and cycles survive
            xs = new double[buckets * 2];
            ys = new double[buckets * 2];
            count = 0;
            for (int b = 0; b < buckets; b++) {
                int from = (int) ((long) b * n / buckets);
                int to = (int) ((long) (b + 1) * n / buckets);
                int lo = from;
                int hi = from;
                for (int i = from; i < to; i++) {
                    if (v[i] < v[lo]) {
                        lo = i;
                    }
                    if (v[i] > v[hi]) {
                        hi = i;
                    }
                }
                int first = Math.min(lo, hi);
                int second = Math.max(lo, hi);
                xs[count] = x0 + x.fraction((double) first * stride) * w;
                ys[count++] = py(y, v[first], y0, h);
                if (second != first) {
                    xs[count] = x0 + x.fraction((double) second * stride) * w;
                    ys[count++] = py(y, v[second], y0, h);
                }
            }
        }
        c.polyline(xs, ys, count, Stroke.solid(color, 2.2));
    }

    private static double py(Ticks.Axis y, double v, double y0, double h) {
        double f = Double.isFinite(v) ? y.fraction(v) : Double.NaN;
        return Double.isNaN(f) ? Double.NaN : y0 + h - f * h;
    }

    private void boundaries(Canvas c, Samples s, String name, Ticks.Axis x, double x0, double y0, double w, double h) {
        for (double step : markedBoundaries(s, name)) {
            double px = x0 + x.fraction(step) * w;
            c.line(px, y0, px, y0 + h, Stroke.dashed(MARKER, 1));
        }
    }

    private void boundaryDots(
            Canvas c,
            Samples s,
            String name,
            Ticks.Axis x,
            Ticks.Axis y,
            double x0,
            double y0,
            double w,
            double h,
            String color) {
        double[] v = s.values(name);
        for (double step : markedBoundaries(s, name)) {
            int i = (int) Math.min(v.length - 1, Math.round(step / s.stride()));
            double py = py(y, v[i], y0, h);
            if (!Double.isNaN(py)) {
                c.circle(x0 + x.fraction(step) * w, py, 3.6, "#ffffff", Stroke.solid(color, 1.8));
            }
        }
    }

    /** The boundaries to mark: none when there are so many (a long cyclic run) that marks would hide the curve. */
    private static double[] markedBoundaries(Samples s, String name) {
        double[] b = s.boundaries(name);
        return b.length > MAX_MARKED_BOUNDARIES ? new double[0] : b;
    }
}
