package dev.schedtune.export;

import dev.schedtune.export.Canvas.Anchor;
import dev.schedtune.export.Canvas.Font;
import dev.schedtune.export.Canvas.Stroke;
import java.util.Arrays;
import java.util.List;

/** Lays out an {@link XyPlot}: one panel, ticks on both axes, a legend, dashed marks; or the same in text. */
final class XyRenderer {
    private static final String INK = PlotRenderer.INK;
    private static final String MUTED = PlotRenderer.MUTED;
    private static final String GRID = PlotRenderer.GRID;
    private static final String FRAME = PlotRenderer.FRAME;
    private static final String MARKER = PlotRenderer.MARKER;
    private static final char[] ASCII_MARKS = AsciiPlot.MARKS;
    private static final int LEFT = PlotRenderer.LEFT;
    private static final int RIGHT = PlotRenderer.RIGHT;
    private static final int BOTTOM = PlotRenderer.BOTTOM;
    private static final int PANEL_HEIGHT = 340;

    private final List<XyPlot.Line> lines;
    private final List<XyPlot.Mark> marks;
    private final String title;
    private final String xName;
    private final String yName;
    private final Ticks.Axis x;
    private final Ticks.Axis y;
    private final int width;
    private final int top;

    XyRenderer(
            List<XyPlot.Line> lines,
            List<XyPlot.Mark> marks,
            String title,
            String xName,
            String yName,
            boolean logX,
            boolean logY,
            int width) {
        this.lines = lines;
        this.marks = marks;
        this.title = title;
        this.xName = xName;
        this.yName = yName;
        this.width = width;
        this.top = 64 + (showLegend() ? 26 : 0);
        double[] xRange = range(lines, true, logX);
        for (XyPlot.Mark m : marks) {
            if (!logX || m.x() > 0) {
                xRange[0] = Math.min(xRange[0], m.x());
                xRange[1] = Math.max(xRange[1], m.x());
            }
        }
        this.x = axis(xRange, logX, Math.max(2, (width - LEFT - RIGHT) / 110), false);
        this.y = axis(range(lines, false, logY), logY, 6, true);
    }

    int width() {
        return width;
    }

    int height() {
        return top + PANEL_HEIGHT + BOTTOM;
    }

    private boolean showLegend() {
        return lines.size() > 1 || !lines.get(0).label().isEmpty() || !marks.isEmpty();
    }

    /** [min, max] of the finite (and, on a log axis, positive) coordinates; [inf, -inf] if none. */
    private static double[] range(List<XyPlot.Line> lines, boolean ofX, boolean log) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (XyPlot.Line l : lines) {
            for (int i = 0; i < l.xs().length; i++) {
                double v = ofX ? l.xs()[i] : l.ys()[i];
                double other = ofX ? l.ys()[i] : l.xs()[i];
                if (Double.isFinite(v) && Double.isFinite(other) && (!log || v > 0)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        return new double[] {min, max};
    }

    private static Ticks.Axis axis(double[] range, boolean log, int target, boolean padded) {
        double min = range[0];
        double max = range[1];
        if (min > max) {
            return log ? Ticks.log(1e-3, 1) : Ticks.linear(0, 1, target, true);
        }
        // the x axis ends at the data (or at whole decades); only the y axis gets room above and below
        Ticks.Axis a = log ? Ticks.log(min, max) : Ticks.linear(min, max, target, padded);
        return padded ? PlotRenderer.headroom(a, min, max) : a;
    }

    void draw(Canvas c) {
        c.fill(0, 0, width, height(), "#ffffff");
        c.text(
                LEFT,
                30,
                title.isEmpty() ? yName + " against " + xName : title,
                new Font(18, true, INK),
                Anchor.START,
                0);
        c.text(LEFT, 50, subtitle(), new Font(12, false, MUTED), Anchor.START, 0);
        if (showLegend()) {
            legend(c, 76);
        }
        double x0 = LEFT;
        double y0 = top;
        double w = width - LEFT - RIGHT;
        double h = PANEL_HEIGHT;
        Font tickFont = new Font(12, false, MUTED);
        for (double t : x.ticks()) {
            double px = x0 + x.fraction(t) * w;
            c.line(px, y0, px, y0 + h, Stroke.solid(GRID, 1));
            c.line(px, y0 + h, px, y0 + h + 5, Stroke.solid(FRAME, 1));
            c.text(px, y0 + h + 19, x.label(t), tickFont, Anchor.MIDDLE, 0);
        }
        for (double t : y.ticks()) {
            double py = y0 + h - y.fraction(t) * h;
            c.line(x0, py, x0 + w, py, Stroke.solid(GRID, 1));
            c.line(x0 - 5, py, x0, py, Stroke.solid(FRAME, 1));
            c.text(x0 - 9, py + 4, y.label(t), tickFont, Anchor.END, 0);
        }
        c.text(x0 - 66, y0 + h / 2, yName + (y.log() ? " (log)" : ""), new Font(13, false, INK), Anchor.MIDDLE, -90);
        c.text(x0 + w / 2, y0 + h + 42, xName + (x.log() ? " (log)" : ""), new Font(13, false, INK), Anchor.MIDDLE, 0);
        c.clip(x0 - 1, y0 - 1, w + 2, h + 2);
        for (XyPlot.Mark m : marks) {
            double px = x0 + x.fraction(m.x()) * w;
            if (Double.isFinite(px)) {
                c.line(px, y0, px, y0 + h, Stroke.dashed(MARKER, 1.4));
            }
        }
        for (int i = 0; i < lines.size(); i++) {
            XyPlot.Line l = lines.get(i);
            int n = l.xs().length;
            double[] xs = new double[n];
            double[] ys = new double[n];
            for (int k = 0; k < n; k++) {
                xs[k] = pixel(x, l.xs()[k], x0, w, false);
                ys[k] = pixel(y, l.ys()[k], y0, h, true);
                if (Double.isNaN(xs[k]) || Double.isNaN(ys[k])) {
                    xs[k] = Double.NaN;
                    ys[k] = Double.NaN;
                }
            }
            String colour = PlotRenderer.PALETTE[i % PlotRenderer.PALETTE.length];
            if (n == 1) {
                if (!Double.isNaN(xs[0])) {
                    c.circle(xs[0], ys[0], 3.6, colour, Stroke.solid(colour, 1));
                }
            } else {
                c.polyline(xs, ys, n, Stroke.solid(colour, 2.2));
            }
        }
        c.unclip();
        c.rect(x0, y0, w, h, "none", Stroke.solid(FRAME, 1));
    }

    private static double pixel(Ticks.Axis a, double v, double origin, double size, boolean vertical) {
        double f = Double.isFinite(v) ? a.fraction(v) : Double.NaN;
        if (Double.isNaN(f)) {
            return Double.NaN;
        }
        return vertical ? origin + size - f * size : origin + f * size;
    }

    private String subtitle() {
        int points = lines.stream().mapToInt(l -> l.xs().length).max().orElse(0);
        return points
                + (points == 1 ? " point" : " points")
                + (lines.size() > 1 ? " per line" : "")
                + (marks.isEmpty() ? "" : " · dashed: " + marks.get(0).label());
    }

    private void legend(Canvas c, double yPos) {
        double xPos = LEFT;
        Font font = new Font(12.5, false, INK);
        for (int i = 0; i < lines.size(); i++) {
            String label = label(i);
            c.line(
                    xPos,
                    yPos - 4,
                    xPos + 22,
                    yPos - 4,
                    Stroke.solid(PlotRenderer.PALETTE[i % PlotRenderer.PALETTE.length], 2.5));
            c.text(xPos + 28, yPos, label, font, Anchor.START, 0);
            xPos += 28 + PlotRenderer.textWidth(label, 12.5) + 22;
        }
        for (XyPlot.Mark m : marks) {
            c.line(xPos, yPos - 4, xPos + 22, yPos - 4, Stroke.dashed(MARKER, 1.4));
            c.text(xPos + 28, yPos, m.label(), font, Anchor.START, 0);
            xPos += 28 + PlotRenderer.textWidth(m.label(), 12.5) + 22;
        }
    }

    private String label(int i) {
        String l = lines.get(i).label();
        return l.isEmpty() ? "line " + (i + 1) : l;
    }

    String ascii(int columns, int rows) {
        StringBuilder out = new StringBuilder();
        out.append(title.isEmpty() ? yName + " against " + xName : title).append('\n');
        if (showLegend()) {
            for (int i = 0; i < lines.size(); i++) {
                out.append(i == 0 ? "" : "   ")
                        .append(ASCII_MARKS[i % ASCII_MARKS.length])
                        .append(' ')
                        .append(label(i));
            }
            for (XyPlot.Mark m : marks) {
                out.append("   : ").append(m.label());
            }
            out.append('\n');
        }
        String topLabel = y.label(y.hi());
        String bottomLabel = y.label(y.lo());
        int labelWidth = Math.max(topLabel.length(), bottomLabel.length());
        int plotWidth = columns - labelWidth - 2;
        char[][] grid = new char[rows][plotWidth];
        for (char[] row : grid) {
            Arrays.fill(row, ' ');
        }
        for (XyPlot.Mark m : marks) {
            int col = column(m.x(), plotWidth);
            if (col >= 0) {
                for (char[] row : grid) {
                    row[col] = ':';
                }
            }
        }
        for (int i = 0; i < lines.size(); i++) {
            XyPlot.Line l = lines.get(i);
            for (int k = 0; k < l.xs().length; k++) {
                int col = column(l.xs()[k], plotWidth);
                double f = Double.isFinite(l.ys()[k]) ? y.fraction(l.ys()[k]) : Double.NaN;
                if (col >= 0 && !Double.isNaN(f)) {
                    int r = Math.max(0, Math.min(rows - 1, (int) Math.round((1 - f) * (rows - 1))));
                    grid[r][col] = ASCII_MARKS[i % ASCII_MARKS.length];
                }
            }
        }
        out.append(yName).append(y.log() ? " (log scale)" : "").append('\n');
        for (int r = 0; r < rows; r++) {
            String l = r == 0 ? topLabel : r == rows - 1 ? bottomLabel : "";
            out.append(" ".repeat(labelWidth - l.length())).append(l);
            out.append(r == 0 || r == rows - 1 ? " +" : " |");
            out.append(new String(grid[r]).stripTrailing()).append('\n');
        }
        out.append(" ".repeat(labelWidth + 1))
                .append('+')
                .append("-".repeat(plotWidth))
                .append('\n');
        StringBuilder axisLine = new StringBuilder(" ".repeat(labelWidth + 2 + plotWidth));
        String first = x.label(x.lo());
        String last = x.label(x.hi());
        axisLine.replace(labelWidth + 2, labelWidth + 2 + first.length(), first);
        int at = Math.max(labelWidth + 2 + first.length() + 1, labelWidth + 2 + plotWidth - last.length());
        axisLine.replace(at, Math.min(axisLine.length(), at + last.length()), last);
        out.append(axisLine.toString().stripTrailing())
                .append("  ")
                .append(xName)
                .append(x.log() ? " (log scale)" : "")
                .append('\n');
        return out.toString();
    }

    private int column(double v, int plotWidth) {
        double f = Double.isFinite(v) ? x.fraction(v) : Double.NaN;
        if (Double.isNaN(f) || f < -1e-9 || f > 1 + 1e-9) {
            return -1;
        }
        return (int) Math.round(Math.max(0, Math.min(1, f)) * (plotWidth - 1));
    }
}
