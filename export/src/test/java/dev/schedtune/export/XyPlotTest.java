package dev.schedtune.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XyPlotTest {
    /** A range-test-like curve: lr 1e-6..10 (log), loss falling then blowing up. */
    private static XyPlot lossAgainstLr() {
        double[] lr = new double[50];
        double[] loss = new double[50];
        for (int i = 0; i < 50; i++) {
            lr[i] = 1e-6 * Math.pow(1e7, i / 49.0);
            loss[i] = 2.3 - 2 * Math.exp(-Math.pow(Math.log10(lr[i]) + 1, 2)) + (i > 45 ? 3 : 0);
        }
        return XyPlot.builder()
                .title("Range test")
                .x("learning rate", true)
                .y("loss", false)
                .add("loss", lr, loss)
                .markX(0.01, "suggested 0.01")
                .build();
    }

    @Test
    void svgHasTheTitleTheAxesTheLineAndTheMark() {
        String svg = lossAgainstLr().svg();
        assertThat(svg).contains("Range test", "learning rate (log)", "loss", "suggested 0.01");
        // decade ticks on the log axis
        assertThat(svg).contains(">1e-6<", ">0.01<", ">10<");
        List<double[]> points = polylinePoints(svg);
        assertThat(points).anyMatch(p -> p.length == 100);
        assertThat(svg).contains("stroke-dasharray");
    }

    @Test
    void xGrowsWithTheValueOnTheLogAxis() {
        double[] xs = {1e-3, 1e-2, 1e-1, 1};
        double[] ys = {1, 2, 3, 4};
        String svg = XyPlot.builder().x("lr", true).add("", xs, ys).build().svg();
        double[] p = polylinePoints(svg).get(0);
        // equal decades are equal distances; y rises as the value rises (pixel y falls)
        double d1 = p[2] - p[0];
        double d2 = p[4] - p[2];
        double d3 = p[6] - p[4];
        assertThat(d1).isPositive().isCloseTo(d2, org.assertj.core.api.Assertions.within(0.2));
        assertThat(d3).isCloseTo(d2, org.assertj.core.api.Assertions.within(0.2));
        assertThat(p[7]).isLessThan(p[1]);
    }

    @Test
    void pointsThatCannotBeDrawnBreakTheLine() {
        double[] xs = {-1, 0.1, 0.2, 0.3, Double.NaN, 0.5, 0.6};
        double[] ys = {1, 1, 2, 3, 4, 5, Double.POSITIVE_INFINITY};
        String svg = XyPlot.builder().x("lr", true).add("a", xs, ys).build().svg();
        List<double[]> lines = polylinePoints(svg);
        // the data line: 0.1..0.3, then 0.5 alone (drawn as a dot-length line), nothing for -1, NaN, inf
        assertThat(lines).anyMatch(p -> p.length == 6);
        assertThat(lines.stream().mapToInt(p -> p.length).sum()).isLessThanOrEqualTo(6 + 4 + 4);
    }

    @Test
    void asciiShowsTheLineTheMarkAndTheAxisEnds() {
        String text = lossAgainstLr().ascii(70, 12);
        assertThat(text).startsWith("Range test\n").contains("* loss", ": suggested 0.01", "learning rate (log scale)");
        assertThat(text).contains("1e-6").contains("10");
        long stars = text.chars().filter(c -> c == '*').count();
        assertThat(stars).isGreaterThan(30);
        assertThat(text.lines().filter(l -> l.contains(":")).count()).isGreaterThanOrEqualTo(12);
    }

    @Test
    void writesSvgAndPng(@TempDir Path dir) throws Exception {
        XyPlot plot = lossAgainstLr();
        plot.write(dir.resolve("a.svg"));
        plot.write(dir.resolve("a.png"));
        assertThat(Files.readString(dir.resolve("a.svg"))).contains("<svg");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(dir.resolve("a.png"))));
        assertThat(image.getWidth()).isEqualTo(1800);
        assertThatThrownBy(() -> plot.write(dir.resolve("a.txt")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must end in .svg or .png");
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> XyPlot.builder().add("loss", new double[3], new double[2]))
                .hasMessage("xs and ys of line 'loss' must have the same length; got 3 and 2");
        assertThatThrownBy(() -> XyPlot.builder().add("loss", new double[0], new double[0]))
                .hasMessage("line 'loss' has no points");
        assertThatThrownBy(() -> XyPlot.builder().markX(Double.NaN, "m")).hasMessage("mark x (NaN) must be finite");
        assertThatThrownBy(() -> XyPlot.builder().build()).hasMessage("a plot needs at least one line");
        assertThatThrownBy(() -> XyPlot.builder().width(100)).hasMessage("width (100) must be in [320, 8000]");
        assertThatThrownBy(() -> lossAgainstLr().ascii(10, 10)).hasMessage("columns (10) must be >= 30");
    }

    private static List<double[]> polylinePoints(String svg) {
        List<double[]> out = new ArrayList<>();
        Matcher m = Pattern.compile("<polyline[^>]*points=\"([^\"]*)\"").matcher(svg);
        while (m.find()) {
            String[] pairs = m.group(1).trim().split("\\s+");
            double[] p = new double[pairs.length * 2];
            for (int i = 0; i < pairs.length; i++) {
                String[] xy = pairs[i].split(",");
                p[2 * i] = Double.parseDouble(xy[0]);
                p[2 * i + 1] = Double.parseDouble(xy[1]);
            }
            out.add(p);
        }
        return out;
    }
}
