package dev.schedtune.export;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import dev.schedtune.dsl.Schedule;
import dev.schedtune.dsl.ScheduleSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A figure of one or more schedule sets over steps {@code 0 .. steps}: one panel per hyperparameter
 * (lr, momentum, ...) sharing the step axis, one coloured curve per set (to compare schedules), dashed
 * markers where pieces meet (for schedules that are {@link dev.schedtune.dsl.spec.Piecewise}), and an
 * optional log scale. Renders to SVG, PNG (headless Java2D) or text for a terminal.
 *
 * <pre>{@code
 * Plot plot = Plot.builder().steps(1000).add("one-cycle", set).title("torch.OneCycleLR").build();
 * Files.writeString(Path.of("curve.svg"), plot.svg());
 * }</pre>
 */
public final class Plot {
    private final ImmutableList<Series> series;
    private final long steps;
    private final boolean log;
    private final String title;
    private final int width;
    private final boolean markers;

    private Plot(Builder b) {
        this.series = ImmutableList.copyOf(b.series);
        this.steps = b.steps;
        this.log = b.log;
        this.title = b.title;
        this.width = b.width;
        this.markers = b.markers;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The figure as an SVG document. */
    public String svg() {
        PlotRenderer r = renderer();
        SvgCanvas canvas = new SvgCanvas(r.width(), r.height(), title.isEmpty() ? "schedule" : title);
        r.draw(canvas);
        return canvas.finish();
    }

    /** The figure as PNG bytes, at twice the nominal size for sharp text on high-density screens. */
    public byte[] png() {
        return png(2.0);
    }

    /** The figure as PNG bytes, {@code scale} image pixels per nominal pixel. */
    public byte[] png(double scale) {
        checkArgument(scale > 0 && scale <= 8, "scale (%s) must be in (0, 8]", scale);
        PlotRenderer r = renderer();
        PngCanvas canvas = new PngCanvas(r.width(), r.height(), scale);
        r.draw(canvas);
        return canvas.finish();
    }

    /** The figure as text, {@code columns} wide, {@code rows} tall per hyperparameter. */
    public String ascii(int columns, int rows) {
        List<Samples> samples = new ArrayList<>();
        for (Series s : series) {
            samples.add(Samples.of(s.set(), steps + 1));
        }
        return new AsciiPlot(series, samples, steps, log, title, columns, rows).render();
    }

    /** Writes SVG or PNG according to the file extension ({@code .svg}, {@code .png}). */
    public void write(Path file) throws IOException {
        write(file, this::svg, this::png);
    }

    /** Writes {@code svg} or {@code png} according to the file extension (shared with {@link XyPlot}). */
    static void write(Path file, Supplier<String> svg, Supplier<byte[]> png) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".svg")) {
            Files.write(file, svg.get().getBytes(StandardCharsets.UTF_8));
        } else if (name.endsWith(".png")) {
            Files.write(file, png.get());
        } else {
            throw new IllegalArgumentException(
                    "plot file (" + file + ") must end in .svg or .png; got '" + file.getFileName() + "'");
        }
    }

    private PlotRenderer renderer() {
        List<Samples> samples = new ArrayList<>();
        for (Series s : series) {
            samples.add(Samples.of(s.set(), steps + 1));
        }
        return new PlotRenderer(series, samples, steps, log, title, width, markers);
    }

    /** Collects the sets to draw and the figure's options. */
    public static final class Builder {
        private final List<Series> series = new ArrayList<>();
        private long steps = -1;
        private boolean log;
        private String title = "";
        private int width = 900;
        private boolean markers = true;

        private Builder() {}

        /** Draws steps {@code 0 .. steps} (required). */
        public Builder steps(long steps) {
            checkArgument(
                    steps >= 1 && steps <= CurveExport.MAX_STEPS,
                    "steps (%s) must be in [1, %s]",
                    steps,
                    CurveExport.MAX_STEPS);
            this.steps = steps;
            return this;
        }

        /** Adds a set; its curves get the next colour and {@code label} in the legend. */
        public Builder add(String label, ScheduleSet set) {
            series.add(new Series(label, set));
            return this;
        }

        /** Adds a learning-rate schedule. */
        public Builder add(String label, Schedule lr) {
            return add(label, ScheduleSet.of(lr));
        }

        /** Log-scaled value axes (non-positive values are left out). */
        public Builder logScale(boolean log) {
            this.log = log;
            return this;
        }

        /** The heading printed above the panels. */
        public Builder title(String title) {
            this.title = title;
            return this;
        }

        /** Width in pixels (the height follows from the number of panels). */
        public Builder width(int width) {
            checkArgument(width >= 320 && width <= 8000, "width (%s) must be in [320, 8000]", width);
            this.width = width;
            return this;
        }

        /** Whether to mark piece boundaries (default true). */
        public Builder boundaryMarkers(boolean markers) {
            this.markers = markers;
            return this;
        }

        public Plot build() {
            checkArgument(steps >= 1, "steps must be set (>= 1)");
            checkArgument(!series.isEmpty(), "a plot needs at least one schedule");
            checkArgument(series.size() <= 10, "at most 10 schedules fit one plot; got %s", series.size());
            return new Plot(this);
        }
    }
}
