package dev.schedtune.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.dsl.config.ConfigFormat;
import dev.schedtune.dsl.config.Configs;
import dev.schedtune.dsl.config.ExportFixtures;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

class PlotTest {
    static final ScheduleSet ONE_CYCLE = ExportFixtures.oneCycle();
    static final ScheduleSet WARMUP_COSINE = ExportFixtures.warmupCosine();

    static Document xml(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    }

    @Test
    void svgHasAPanelPerHyperparameterWithLabelledAxesAndBoundaryMarkers() throws Exception {
        String svg = Plot.builder()
                .steps(1000)
                .add("one-cycle", ONE_CYCLE)
                .title("test & <title>")
                .build()
                .svg();
        Document doc = xml(svg);
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(svg)
                .contains(">learning rate</text>")
                .contains(">momentum</text>")
                .contains(">optimizer step</text>")
                .contains("test &amp; &lt;title&gt;")
                .contains("dashed lines: where pieces meet")
                .contains("stroke-dasharray");
        // one curve per panel, one marker dot per boundary per panel
        assertThat(doc.getElementsByTagName("polyline").getLength()).isEqualTo(2);
        assertThat(doc.getElementsByTagName("circle").getLength()).isEqualTo(2);
        write("onecycle.svg", svg);
    }

    @Test
    void overlaysGetOneColourEachAndALegend() throws Exception {
        String svg = Plot.builder()
                .steps(1000)
                .add("one-cycle", ONE_CYCLE)
                .add("warmup-cosine", WARMUP_COSINE)
                .build()
                .svg();
        assertThat(svg).contains(">one-cycle</text>").contains(">warmup-cosine</text>");
        assertThat(svg).contains(PlotRenderer.PALETTE[0]).contains(PlotRenderer.PALETTE[1]);
        write("overlay.svg", svg);
    }

    @Test
    void logScaleUsesDecadesAndSkipsZeros() throws Exception {
        String svg = Plot.builder()
                .steps(1000)
                .add("", WARMUP_COSINE)
                .logScale(true)
                .build()
                .svg();
        assertThat(svg).contains("learning rate (log)").contains("log scale").contains(">0.1</text>");
        xml(svg);
        write("log.svg", svg);
    }

    @Test
    void pngIsAnImageWithTheCurvesColour() throws Exception {
        byte[] png =
                Plot.builder().steps(500).add("one-cycle", ONE_CYCLE).build().png(1.0);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(900);
        int blue = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                if (rgb == 0x4e79a7) {
                    blue++;
                }
            }
        }
        assertThat(blue).as("pixels in the first series' colour").isGreaterThan(300);
        Files.createDirectories(Path.of("target/plots"));
        Files.write(
                Path.of("target/plots/onecycle.png"),
                Plot.builder().steps(500).add("one-cycle", ONE_CYCLE).build().png());
    }

    @Test
    void longCurvesAreDrawnWithBoundedSize() {
        String svg =
                Plot.builder().steps(3_000_000).add("", WARMUP_COSINE).build().svg();
        assertThat(svg.length()).isLessThan(200_000);
    }

    @Test
    void asciiPlotShowsTheShapeWithAxes() {
        String text = Plot.builder()
                .steps(1000)
                .add("one-cycle", ONE_CYCLE)
                .title("t")
                .build()
                .ascii(60, 10);
        assertThat(text)
                .startsWith("t\n")
                .contains("lr\n")
                .contains("momentum\n")
                .contains("step");
        String[] lines = text.split("\n");
        // the lr peak (0.3) is on the top row in the middle, the start on the bottom row
        String topRow = java.util.Arrays.stream(lines)
                .filter(l -> l.startsWith(" 0.3 +"))
                .findFirst()
                .orElseThrow();
        assertThat(topRow.indexOf('*')).isBetween(25, 40);
        assertThat(text).contains(":");
    }

    @Test
    void badOptionsAreNamed() {
        assertThatThrownBy(() -> Plot.builder().steps(0)).hasMessageContaining("steps (0) must be in [1, 10000000]");
        assertThatThrownBy(() -> Plot.builder().steps(5).build()).hasMessageContaining("at least one schedule");
        assertThatThrownBy(
                        () -> Plot.builder().steps(5).add("", ONE_CYCLE).build().write(Path.of("x.pdf")))
                .hasMessageContaining("must end in .svg or .png");
    }

    @Test
    void yamlConfigRoundTripKeepsTheCurve() {
        String yaml = Configs.write(ONE_CYCLE, ConfigFormat.YAML);
        assertThat(yaml).contains("type: test.OneCycle");
    }

    private static void write(String name, String text) throws Exception {
        Files.createDirectories(Path.of("target/plots"));
        Files.writeString(Path.of("target/plots", name), text);
    }
}
