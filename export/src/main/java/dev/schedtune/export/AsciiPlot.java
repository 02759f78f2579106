package dev.schedtune.export;

import dev.schedtune.dsl.Checks;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A plot in plain ASCII for a terminal: one block per hyperparameter, a character per schedule
 * ({@code *}, {@code o}, {@code +}, ...), {@code :} columns where pieces meet, and labelled axes.
 */
final class AsciiPlot {
    static final char[] MARKS = {'*', 'o', '+', 'x', '#', '@', '%', '&', '=', '~'};

    private final List<Series> series;
    private final List<Samples> samples;
    private final long steps;
    private final boolean log;
    private final String title;
    private final int columns;
    private final int rows;

    AsciiPlot(
            List<Series> series, List<Samples> samples, long steps, boolean log, String title, int columns, int rows) {
        this.series = series;
        this.samples = samples;
        this.steps = steps;
        this.log = log;
        this.title = title;
        this.columns = Checks.atLeast("columns", columns, 30);
        this.rows = Checks.atLeast("rows", rows, 5);
    }

    String render() {
        StringBuilder out = new StringBuilder();
        if (!title.isEmpty()) {
            out.append(title).append('\n');
        }
        if (series.size() > 1) {
            for (int i = 0; i < series.size(); i++) {
                out.append(i == 0 ? "" : "   ")
                        .append(MARKS[i % MARKS.length])
                        .append(' ')
                        .append(label(i));
            }
            out.append('\n');
        }
        Set<String> names = new LinkedHashSet<>();
        samples.forEach(s -> names.addAll(s.names()));
        for (String name : names) {
            out.append('\n');
            block(out, name);
        }
        return out.toString();
    }

    private String label(int i) {
        String l = series.get(i).label();
        return l.isEmpty() ? "schedule " + (i + 1) : l;
    }

    private void block(StringBuilder out, String name) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Samples s : samples) {
            if (s.names().contains(name)) {
                for (double v : s.values(name)) {
                    if (Double.isFinite(v) && (!log || v > 0)) {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                }
            }
        }
        if (min > max) {
            out.append(name)
                    .append(": no finite")
                    .append(log ? " positive" : "")
                    .append(" values\n");
            return;
        }
        Ticks.Axis axis =
                log ? Ticks.log(min, max) : Ticks.linear(min >= 0 && min <= 0.25 * max ? 0 : min, max, 4, true);
        String topLabel = axis.label(axis.hi());
        String midLabel = axis.log()
                ? axis.label(Math.sqrt(axis.lo() * axis.hi()))
                : Ticks.label((axis.lo() + axis.hi()) / 2, axis.step() / 2);
        String bottomLabel = axis.label(axis.lo());
        int labelWidth = Math.max(topLabel.length(), Math.max(midLabel.length(), bottomLabel.length()));
        int width = columns - labelWidth - 2;
        char[][] grid = new char[rows][width];
        for (char[] row : grid) {
            Arrays.fill(row, ' ');
        }
        for (int i = 0; i < samples.size(); i++) {
            Samples s = samples.get(i);
            if (s.names().contains(name)) {
                boundaries(grid, s.boundaries(name), width);
            }
        }
        for (int i = 0; i < samples.size(); i++) {
            Samples s = samples.get(i);
            if (s.names().contains(name)) {
                curve(grid, s.values(name), s.stride(), axis, width, MARKS[i % MARKS.length]);
            }
        }
        out.append(name).append(log ? " (log scale)" : "").append('\n');
        for (int r = 0; r < rows; r++) {
            String l = r == 0 ? topLabel : r == rows - 1 ? bottomLabel : r == rows / 2 ? midLabel : "";
            out.append(" ".repeat(labelWidth - l.length())).append(l);
            out.append(r == 0 || r == rows - 1 || r == rows / 2 ? " +" : " |");
            out.append(stripEnd(new String(grid[r]))).append('\n');
        }
        out.append(" ".repeat(labelWidth + 1))
                .append('+')
                .append("-".repeat(width))
                .append('\n');
        String first = "0";
        String mid = Ticks.steps(Math.round(steps / 2.0));
        String last = Ticks.steps(steps);
        StringBuilder axisLine = new StringBuilder(" ".repeat(labelWidth + 2 + width));
        place(axisLine, labelWidth + 2, first);
        place(axisLine, labelWidth + 2 + width / 2 - mid.length() / 2, mid);
        place(axisLine, labelWidth + 2 + width - last.length(), last);
        out.append(stripEnd(axisLine.toString())).append("  step\n");
    }

    private static void place(StringBuilder line, int at, String text) {
        int from = Math.max(0, Math.min(at, line.length() - text.length()));
        line.replace(from, from + text.length(), text);
    }

    private void boundaries(char[][] grid, double[] bounds, int width) {
        for (double b : bounds) {
            int col = (int) Math.min(width - 1, Math.round(b / steps * (width - 1)));
            for (char[] row : grid) {
                row[col] = ':';
            }
        }
    }

    private void curve(char[][] grid, double[] v, long stride, Ticks.Axis axis, int width, char mark) {
        int n = v.length;
        int previousRow = -1;
        for (int col = 0; col < width; col++) {
            long fromStep = Math.round((double) col / width * steps);
            long toStep = Math.max(fromStep + 1, Math.round((double) (col + 1) / width * steps));
            int from = (int) Math.min(n - 1, fromStep / stride);
            int to = (int) Math.min(n, Math.max(from + 1, toStep / stride));
            int lo = Integer.MAX_VALUE;
            int hi = Integer.MIN_VALUE;
            for (int i = from; i < to; i++) {
                int r = row(axis, v[i]);
                if (r >= 0) {
                    lo = Math.min(lo, r);
                    hi = Math.max(hi, r);
                }
            }
            if (lo > hi) {
                previousRow = -1;
                continue;
            }
            if (previousRow >= 0) {
                // connect to the previous column so drops and restarts read as one line
                lo = Math.min(lo, previousRow < lo ? previousRow + 1 : lo);
                hi = Math.max(hi, previousRow > hi ? previousRow - 1 : hi);
            }
            for (int r = lo; r <= hi; r++) {
                grid[r][col] = mark;
            }
            int last = row(axis, v[to - 1]);
            previousRow = last >= 0 ? last : -1;
        }
    }

    private int row(Ticks.Axis axis, double v) {
        double f = Double.isFinite(v) ? axis.fraction(v) : Double.NaN;
        if (Double.isNaN(f)) {
            return -1;
        }
        int r = (int) Math.round((1 - f) * (rows - 1));
        return Math.max(0, Math.min(rows - 1, r));
    }

    private static String stripEnd(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.substring(0, end);
    }
}
