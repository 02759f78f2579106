package dev.schedtune.search.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class HypervolumeTest {

    @Test
    void singlePointIsItsBox() {
        assertThat(Hypervolume.compute(new double[][] {{0.5, 0.5}}, new double[] {2, 2}))
                .isEqualTo(2.25);
        assertThat(Hypervolume.compute(new double[][] {{1, 2, 3}}, new double[] {2, 4, 7}))
                .isEqualTo(1 * 2 * 4);
        assertThat(Hypervolume.compute(new double[][] {{1, 2, 3, 4}}, new double[] {2, 4, 7, 5}))
                .isEqualTo(1 * 2 * 4 * 1);
        assertThat(Hypervolume.compute(new double[][] {{0.25}}, new double[] {1}))
                .isEqualTo(0.75);
    }

    @Test
    void referencePointIsHonouredUnlikeJmetal() {
        // jMetal 6.6's PISA/WFG give 0.25 and 0 here: they ignore the reference point.
        assertThat(Hypervolume.compute(new double[][] {{0.5, 0.5}}, new double[] {2, 2}))
                .isEqualTo(2.25);
        assertThat(Hypervolume.compute(new double[][] {{1.5, 0.5}}, new double[] {2, 2}))
                .isEqualTo(0.75);
    }

    @Test
    void pointsOutsideTheReferenceBoxSpanNothing() {
        double[] ref = {1, 1};
        assertThat(Hypervolume.compute(new double[][] {{1, 0}, {0, 1}, {2, -1}}, ref))
                .isZero();
        assertThat(Hypervolume.compute(new double[][] {{1, 0}, {0.5, 0.5}}, ref))
                .isEqualTo(0.25);
        assertThat(Hypervolume.compute(new double[0][], ref)).isZero();
    }

    @Test
    void twoObjectiveStaircase() {
        double[][] front = {{0, 3}, {1, 2}, {2, 1}, {3, 0}};
        // 4x4 box minus the upper-left triangle of 1x1 steps: 4 + 3 + 2 + 1.
        assertThat(Hypervolume.compute(front, new double[] {4, 4})).isEqualTo(10.0);
        double[] c = Hypervolume.contributions(front, new double[] {4, 4});
        assertThat(c).containsExactly(1, 1, 1, 1);
    }

    @Test
    void threeObjectiveOverlappingBoxes() {
        double[][] pts = {{0, 0, 1}, {0, 1, 0}, {1, 0, 0}};
        // Union of three 2x2x1-type slabs in a 2x2x2 cube: 8 - 1 (the corner [1,2]^3 uncovered).
        assertThat(Hypervolume.compute(pts, new double[] {2, 2, 2})).isEqualTo(7.0);
        assertThat(Hypervolume.contributions(pts, new double[] {2, 2, 2})).containsExactly(1, 1, 1);
    }

    @Test
    void zdt1FrontApproachesTheAnalyticValue() {
        int n = 20_001;
        double[][] front = new double[n][];
        for (int i = 0; i < n; i++) {
            double f1 = i / (n - 1.0);
            front[i] = new double[] {f1, 1 - Math.sqrt(f1)};
        }
        // Integral of sqrt(x) over [0, 1] = 2/3 with reference (1, 1); 0.1 + 2/3 + 0.11 with 1.1.
        assertThat(Hypervolume.compute(front, new double[] {1, 1})).isCloseTo(2.0 / 3, within(1e-4));
        assertThat(Hypervolume.compute(front, new double[] {1.1, 1.1})).isCloseTo(0.1 + 2.0 / 3 + 0.11, within(1e-4));
    }

    @Test
    void dtlz2SphereOctantInThreeObjectives() {
        // Sphere octant front: dominated volume within the unit cube is 1 - pi/6; a finite sample of
        // the front dominates a little less.
        SplittableRandom rng = new SplittableRandom(7);
        int n = 4000;
        double[][] front = new double[n][];
        for (int i = 0; i < n; i++) {
            double a = Math.abs(gauss(rng));
            double b = Math.abs(gauss(rng));
            double c = Math.abs(gauss(rng));
            double norm = Math.sqrt(a * a + b * b + c * c);
            front[i] = new double[] {a / norm, b / norm, c / norm};
        }
        assertThat(Hypervolume.compute(front, new double[] {1, 1, 1}))
                .isBetween(1 - Math.PI / 6 - 0.02, 1 - Math.PI / 6);
    }

    @Test
    void matchesOptunasWfgOnRandomFronts() throws IOException {
        List<ReferenceCase> cases = readReferenceCases();
        assertThat(cases).hasSizeGreaterThan(50);
        for (ReferenceCase c : cases) {
            double hv = Hypervolume.compute(c.points, c.reference);
            assertThat(hv)
                    .as("case %d (m=%d, n=%d)", c.id, c.reference.length, c.points.length)
                    .isCloseTo(c.expected, within(1e-12 * Math.max(1, c.expected)));
        }
    }

    @Test
    void contributionsMatchRemovingEachPoint() throws IOException {
        for (ReferenceCase c : readReferenceCases()) {
            if (c.points.length > 30) {
                continue;
            }
            double[] contributions = Hypervolume.contributions(c.points, c.reference);
            double total = Hypervolume.compute(c.points, c.reference);
            for (int i = 0; i < c.points.length; i++) {
                double[][] without = new double[c.points.length - 1][];
                for (int j = 0, w = 0; j < c.points.length; j++) {
                    if (j != i) {
                        without[w++] = c.points[j];
                    }
                }
                assertThat(contributions[i])
                        .as("case %d point %d", c.id, i)
                        .isCloseTo(total - Hypervolume.compute(without, c.reference), within(1e-12));
            }
        }
    }

    @Test
    void normalisationMapsEachObjectiveToTheUnitInterval() {
        double[][] pts = {{10, 300}, {20, 100}};
        double[][] unit = Hypervolume.normalize(pts, new double[] {10, 100}, new double[] {20, 300});
        assertThat(unit[0]).containsExactly(0, 1);
        assertThat(unit[1]).containsExactly(1, 0);
        assertThat(Hypervolume.computeNormalized(
                        pts, new double[] {10, 100}, new double[] {20, 300}, new double[] {1.1, 1.1}))
                .isCloseTo(1.1 * 0.1 + 0.1 * 1.0, within(1e-15));
    }

    @Test
    void badInputIsRejectedWithTheFieldNamed() {
        assertThatThrownBy(() -> Hypervolume.compute(new double[][] {{0, Double.NaN}}, new double[] {1, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("points[0][1] (NaN)");
        assertThatThrownBy(() -> Hypervolume.compute(new double[][] {{0, 0, 0}}, new double[] {1, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("points[0] has 3 objectives");
        assertThatThrownBy(() -> Hypervolume.compute(new double[0][], new double[] {1, Double.POSITIVE_INFINITY}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("referencePoint[1] (Infinity) must be finite");
        assertThatThrownBy(() -> Hypervolume.normalize(new double[0][], new double[] {1}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lower[0] (1.0) must be < upper[0] (1.0)");
    }

    @Property(tries = 200)
    void higherDimensionsAgreeWithTheSweepsWhenAnObjectiveIsConstant(
            @ForAll @IntRange(min = 1, max = 120) int n, @ForAll long seed, @ForAll @IntRange(min = 2, max = 3) int m) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] pts = new double[n][m];
        double[][] lifted = new double[n][m + 1];
        double[][] liftedTwice = new double[n][m + 2];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < m; k++) {
                pts[i][k] = rng.nextInt(8) / 8.0;
                lifted[i][k] = pts[i][k];
                liftedTwice[i][k] = pts[i][k];
            }
            lifted[i][m] = 0.5;
            liftedTwice[i][m] = 0.5;
            liftedTwice[i][m + 1] = 0.0;
        }
        double[] ref = new double[m + 2];
        Arrays.fill(ref, 1.0);
        double low = Hypervolume.compute(pts, Arrays.copyOf(ref, m));
        assertThat(Hypervolume.compute(lifted, Arrays.copyOf(ref, m + 1))).isCloseTo(low * 0.5, within(1e-12));
        assertThat(Hypervolume.compute(liftedTwice, ref)).isCloseTo(low * 0.5, within(1e-12));
    }

    @Property(tries = 200)
    void dominatedPointsAndOrderDoNotMatter(
            @ForAll @IntRange(min = 1, max = 30) int n, @ForAll long seed, @ForAll @IntRange(min = 2, max = 4) int m) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] pts = new double[n][m];
        for (double[] p : pts) {
            for (int k = 0; k < m; k++) {
                p[k] = rng.nextDouble();
            }
        }
        double[] ref = new double[m];
        Arrays.fill(ref, 1.0);
        double hv = Hypervolume.compute(pts, ref);
        double[][] more = Arrays.copyOf(pts, n + 1);
        more[n] = pts[rng.nextInt(n)].clone();
        for (int k = 0; k < m; k++) {
            more[n][k] += (1 - more[n][k]) / 2; // worse in every objective: dominated
        }
        List<double[]> shuffled = new ArrayList<>(Arrays.asList(more));
        java.util.Collections.shuffle(shuffled, new java.util.Random(seed));
        assertThat(Hypervolume.compute(shuffled.toArray(new double[0][]), ref)).isCloseTo(hv, within(1e-12));
        assertThat(hv).isBetween(0.0, 1.0);
    }

    private static double gauss(SplittableRandom rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    private record ReferenceCase(int id, double expected, double[] reference, double[][] points) {}

    private static List<ReferenceCase> readReferenceCases() throws IOException {
        List<ReferenceCase> cases = new ArrayList<>();
        try (InputStream in =
                        Objects.requireNonNull(HypervolumeTest.class.getResourceAsStream("hypervolume-optuna.txt"));
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int id = -1;
            double expected = 0;
            double[] ref = new double[0];
            List<double[]> pts = new ArrayList<>();
            while ((line = reader.readLine()) != null) {
                String[] f = line.split(" ");
                switch (f[0]) {
                    case "case" -> {
                        if (id >= 0) {
                            cases.add(new ReferenceCase(id, expected, ref, pts.toArray(new double[0][])));
                        }
                        id = Integer.parseInt(f[1]);
                        expected = Double.parseDouble(f[4]);
                        pts = new ArrayList<>();
                    }
                    case "ref" -> ref = parse(f);
                    case "p" -> pts.add(parse(f));
                    default -> {}
                }
            }
            cases.add(new ReferenceCase(id, expected, ref, pts.toArray(new double[0][])));
        }
        return cases;
    }

    private static double[] parse(String[] fields) {
        double[] out = new double[fields.length - 1];
        for (int i = 1; i < fields.length; i++) {
            out[i - 1] = Double.parseDouble(fields[i]);
        }
        return out;
    }
}
