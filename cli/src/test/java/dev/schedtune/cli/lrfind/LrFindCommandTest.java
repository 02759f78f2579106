package dev.schedtune.cli.lrfind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.schedtune.cli.Cli;
import dev.schedtune.cli.tune.TinyStudy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code schedtune lr-find} on a real (tiny) DJL model: its plot, its CSV and its suggestion agree. */
class LrFindCommandTest {
    private static final Pattern SUGGESTION = Pattern.compile("suggested max_lr: ([0-9.eE+-]+) \\(minimum / 10");

    @TempDir
    Path dir;

    @Test
    void sweepsWritesThePlotAndTheCurveAndSuggestsTheMinimumOverTen() throws Exception {
        Path study = TinyStudy.write(dir, "tiny", 4, 1);
        Path svg = dir.resolve("lr-find.svg");
        Path csv = dir.resolve("lr-find.csv");
        Cli.Result r = Cli.run(
                "lr-find",
                "--config",
                study.toString(),
                "--min-lr",
                "1e-5",
                "--max-lr",
                "100",
                "--steps",
                "60",
                "--out",
                svg.toString(),
                "--csv",
                csv.toString(),
                "--ascii");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("lr-find: ", "learning rate (log scale)", "wrote " + svg, "wrote " + csv);

        List<String> rows = Files.readAllLines(csv);
        assertThat(rows.get(0)).isEqualTo("step,lr,loss,smoothed_loss");
        assertThat(rows.size() - 1).isBetween(5, 60);
        double[] lr = column(rows, 1);
        double[] smoothed = column(rows, 3);
        assertThat(lr[0]).isCloseTo(1e-5, within(1e-12));
        // lr_t = 1e-5 · (100/1e-5)^(t/59)
        double ratio = Math.pow(100 / 1e-5, 1.0 / 59);
        for (int i = 1; i < lr.length; i++) {
            assertThat(lr[i] / lr[i - 1]).isCloseTo(ratio, within(1e-9));
        }
        int best = 0;
        for (int i = 1; i < smoothed.length; i++) {
            if (smoothed[i] < smoothed[best]) {
                best = i;
            }
        }
        Matcher m = SUGGESTION.matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isCloseTo(lr[best] / 10, within(lr[best] / 10 * 1e-3));

        String figure = Files.readString(svg);
        assertThat(figure).contains("<svg", "learning rate (log)", "smoothed loss", "suggested max_lr");
        // two lines (loss and smoothed loss) of at least 5 points each
        Matcher lines = Pattern.compile("<polyline[^>]*points=\"([^\"]*)\"").matcher(figure);
        int drawn = 0;
        while (lines.find()) {
            if (lines.group(1).trim().split("\\s+").length >= 5) {
                drawn++;
            }
        }
        assertThat(drawn).isGreaterThanOrEqualTo(2);
    }

    @Test
    void badOptionsNameTheOptionTheValueAndWhatIsAllowed() {
        assertError(Cli.run("lr-find", "--rule", "fastest"), "--rule (fastest) must be min10 or steepest");
        assertError(Cli.run("lr-find", "--min-lr", "0"), "--min-lr (0.0) must be > 0");
        assertError(Cli.run("lr-find", "--min-lr", "1", "--max-lr", "0.5"), "--max-lr (0.5) must be > --min-lr (1.0)");
        assertError(Cli.run("lr-find", "--steps", "3"), "--steps (3) must be in [5, 100000]");
        assertError(Cli.run("lr-find", "--out", "plot.txt"), "--out (plot.txt) must end in .svg or .png");
        assertError(Cli.run("lr-find", "--config", dir.resolve("none.yaml").toString()), "none.yaml");
    }

    private static void assertError(Cli.Result r, String message) {
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).contains("error: ").contains(message).doesNotContain("\tat ");
    }

    private static double[] column(List<String> rows, int index) {
        return rows.stream()
                .skip(1)
                .mapToDouble(l -> Double.parseDouble(l.split(",")[index]))
                .toArray();
    }
}
