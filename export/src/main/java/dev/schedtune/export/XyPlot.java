package dev.schedtune.export;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import dev.schedtune.dsl.Checks;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A figure of measured points, y against x, in the style of {@link Plot}: for curves that are not
 * schedules, such as the loss against the learning rate of a range test (log x axis). Points whose
 * coordinates are not finite (or not positive on a log axis) break the line.
 *
 * <pre>{@code
 * XyPlot.builder().title("Learning-rate range test").x("learning rate", true).y("loss", false)
 *     .add("smoothed loss", lrs, losses).markX(0.12, "suggested max_lr 0.12").build().write(path);
 * }</pre>
 */
public final class XyPlot {
    /** One line of points. */
    record Line(String label, double[] xs, double[] ys) {}

    /** A vertical dashed line at {@code x} with its label. */
    record Mark(double x, String label) {}

    private final ImmutableList<Line> lines;
    private final ImmutableList<Mark> marks;
    private final String title;
    private final String xName;
    private final String yName;
    private final boolean logX;
    private final boolean logY;
    private final int width;

    private XyPlot(Builder b) {
        this.lines = ImmutableList.copyOf(b.lines);
        this.marks = ImmutableList.copyOf(b.marks);
        this.title = b.title;
        this.xName = b.xName;
        this.yName = b.yName;
        this.logX = b.logX;
        this.logY = b.logY;
        this.width = b.width;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The figure as an SVG document. */
    public String svg() {
        XyRenderer r = renderer();
        SvgCanvas canvas = new SvgCanvas(r.width(), r.height(), title.isEmpty() ? yName + " against " + xName : title);
        r.draw(canvas);
        return canvas.finish();
    }

    /** The figure as PNG bytes, at twice the nominal size. */
    public byte[] png() {
        XyRenderer r = renderer();
        PngCanvas canvas = new PngCanvas(r.width(), r.height(), 2.0);
        r.draw(canvas);
        return canvas.finish();
    }

    /** The figure as text, {@code columns} wide and {@code rows} tall. */
    public String ascii(int columns, int rows) {
        return renderer().ascii(Checks.atLeast("columns", columns, 30), Checks.atLeast("rows", rows, 5));
    }

    /** Writes SVG or PNG according to the file extension ({@code .svg}, {@code .png}). */
    public void write(Path file) throws IOException {
        Plot.write(file, this::svg, this::png);
    }

    private XyRenderer renderer() {
        return new XyRenderer(lines, marks, title, xName, yName, logX, logY, width);
    }

    /** Collects the lines and the figure's options. */
    public static final class Builder {
        private final List<Line> lines = new ArrayList<>();
        private final List<Mark> marks = new ArrayList<>();
        private String title = "";
        private String xName = "x";
        private String yName = "y";
        private boolean logX;
        private boolean logY;
        private int width = 900;

        private Builder() {}

        /** The heading above the figure. */
        public Builder title(String title) {
            this.title = title;
            return this;
        }

        /** The x axis: its name and whether it is log-scaled. */
        public Builder x(String name, boolean log) {
            this.xName = name;
            this.logX = log;
            return this;
        }

        /** The y axis: its name and whether it is log-scaled. */
        public Builder y(String name, boolean log) {
            this.yName = name;
            this.logY = log;
            return this;
        }

        /** Adds a line through the points {@code (xs[i], ys[i])}, in order; the arrays are copied. */
        public Builder add(String label, double[] xs, double[] ys) {
            checkArgument(
                    xs.length == ys.length,
                    "xs and ys of line '%s' must have the same length; got %s and %s",
                    label,
                    xs.length,
                    ys.length);
            checkArgument(xs.length >= 1, "line '%s' has no points", label);
            lines.add(new Line(label, xs.clone(), ys.clone()));
            return this;
        }

        /** Marks {@code x} with a vertical dashed line and {@code label}. */
        public Builder markX(double x, String label) {
            checkArgument(Double.isFinite(x), "mark x (%s) must be finite", x);
            marks.add(new Mark(x, label));
            return this;
        }

        /** Width in pixels. */
        public Builder width(int width) {
            checkArgument(width >= 320 && width <= 8000, "width (%s) must be in [320, 8000]", width);
            this.width = width;
            return this;
        }

        public XyPlot build() {
            checkArgument(!lines.isEmpty(), "a plot needs at least one line");
            checkArgument(lines.size() <= 10, "at most 10 lines fit one plot; got %s", lines.size());
            return new XyPlot(this);
        }
    }
}
