package dev.schedtune.search.sampler.gp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.schedtune.search.analysis.Hypervolume;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Gaussian process, its likelihood, the acquisition functions' special functions and EHVI against
 * gp-reference.txt, made by search/scripts/gp_reference.py (scikit-learn, NumPy, mpmath, Monte Carlo).
 */
class GpReferenceTest {
    private static final Map<String, double[]> REF = new HashMap<>();

    @BeforeAll
    static void read() throws IOException {
        try (InputStream in = Objects.requireNonNull(GpReferenceTest.class.getResourceAsStream("gp-reference.txt"));
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.trim().split("\\s+");
                double[] v = new double[f.length - 1];
                for (int i = 1; i < f.length; i++) {
                    v[i - 1] = f[i].equals("nan") ? Double.NaN : Double.parseDouble(f[i]);
                }
                REF.put(f[0], v);
            }
        }
    }

    private static double[][] matrix(String name, int columns) {
        double[] flat = REF.get(name);
        double[][] out = new double[flat.length / columns][];
        for (int i = 0; i < out.length; i++) {
            out[i] = Arrays.copyOfRange(flat, i * columns, (i + 1) * columns);
        }
        return out;
    }

    private static KernelParams params(String prefix, int d) {
        double[] p = REF.get(prefix + ".params");
        return new KernelParams(Arrays.copyOf(p, d), p[d], p[d + 1]);
    }

    private static double[] raw(KernelParams p) {
        int d = p.inverseSquaredLengthScales().length;
        double[] raw = new double[d + 2];
        for (int k = 0; k < d; k++) {
            raw[k] = Math.log(p.inverseSquaredLengthScales()[k]);
        }
        raw[d] = Math.log(p.scale());
        raw[d + 1] = Math.log(p.noise() - KernelFit.MINIMUM_NOISE);
        return raw;
    }

    /** Optuna's default_log_prior, written out again. */
    private static double logPrior(KernelParams p) {
        double s = 0;
        for (double l : p.inverseSquaredLengthScales()) {
            s -= 0.1 / l + 0.1 * l;
        }
        return s + Math.log(p.scale()) - p.scale() + 0.1 * Math.log(p.noise()) - 30 * p.noise();
    }

    private static void checkPosterior(String prefix, boolean[] categorical) {
        int d = categorical.length;
        double[][] x = matrix(prefix + ".x", d);
        double[] y = REF.get(prefix + ".y");
        KernelParams p = params(prefix, d);
        GaussianProcess gp = GaussianProcess.condition(p, categorical, x, y);
        double[][] test = matrix(prefix + ".test", d);
        double[] out = new double[2];
        for (int i = 0; i < test.length; i++) {
            gp.posterior(test[i], new double[x.length], out);
            assertThat(out[0]).as(prefix + " mean %d", i).isCloseTo(REF.get(prefix + ".mean")[i], within(1e-9));
            assertThat(out[1]).as(prefix + " var %d", i).isCloseTo(REF.get(prefix + ".var")[i], within(1e-9));
        }
        double mll = -KernelFit.loss(x, y, categorical, false, raw(p)) - logPrior(p);
        assertThat(mll).as(prefix + " log marginal likelihood").isCloseTo(REF.get(prefix + ".mll")[0], within(1e-8));
    }

    @Test
    void posteriorAndLikelihoodMatchScikitLearn() {
        checkPosterior("posterior", new boolean[3]);
    }

    @Test
    void categoricalAndAbsentParametersMatchTheNumpyKernel() {
        checkPosterior("mixed", new boolean[] {false, true, false});
    }

    @Test
    void likelihoodGradientMatchesFiniteDifferences() {
        boolean[] categorical = {false, true, false};
        double[][] x = matrix("mixed.x", 3);
        double[] y = REF.get("mixed.y");
        double[] raw = raw(params("mixed", 3));
        double[] g = KernelFit.gradient(x, y, categorical, false, raw);
        for (int k = 0; k < raw.length; k++) {
            double h = 1e-5;
            double[] up = raw.clone();
            double[] down = raw.clone();
            up[k] += h;
            down[k] -= h;
            double fd = (KernelFit.loss(x, y, categorical, false, up) - KernelFit.loss(x, y, categorical, false, down))
                    / (2 * h);
            assertThat(g[k]).as("d loss / d raw[%d]", k).isCloseTo(fd, within(1e-6 * Math.max(1, Math.abs(fd))));
        }
    }

    @Test
    void fitImprovesOnTheStartingPoint() {
        boolean[] categorical = {false, true, false};
        double[][] x = matrix("mixed.x", 3);
        double[] y = REF.get("mixed.y");
        KernelParams fitted = KernelFit.fit(x, y, categorical, false);
        double[] start = raw(KernelParams.defaults(3));
        start[4] = Math.log(1 - 0.99 * KernelFit.MINIMUM_NOISE);
        assertThat(KernelFit.loss(x, y, categorical, false, raw(fitted)))
                .isLessThan(KernelFit.loss(x, y, categorical, false, start) - 0.5);
        assertThat(fitted.noise()).isGreaterThanOrEqualTo(KernelFit.MINIMUM_NOISE);
    }

    @Test
    void tailFunctionsMatchMpmath() {
        double[] z = REF.get("logh.z");
        for (int i = 0; i < z.length; i++) {
            double h = REF.get("logh.value")[i];
            double c = REF.get("logcdf.value")[i];
            assertThat(Gaussians.logH(z[i]))
                    .as("log h(%s)", z[i])
                    .isCloseTo(h, within(1e-11 * Math.max(1, Math.abs(h))));
            assertThat(Gaussians.logCdf(z[i]))
                    .as("log Φ(%s)", z[i])
                    .isCloseTo(c, within(1e-11 * Math.max(1, Math.abs(c))));
        }
    }

    @Test
    void exactEhviMatchesMonteCarlo() {
        for (int m : new int[] {2, 3}) {
            String p = "ehvi" + m;
            double[][] front = matrix(p + ".front", m);
            NonDominatedBoxes boxes = NonDominatedBoxes.of(front, REF.get(p + ".ref"));
            double[] mean = REF.get(p + ".mean").clone();
            double[] sd = REF.get(p + ".sd");
            // the acquisition works on maximised values: negate the (minimised) means
            for (int j = 0; j < m; j++) {
                mean[j] = -mean[j];
            }
            double ehvi = Math.exp(Acquisition.logEhvi(mean, sd, boxes));
            double[] mc = REF.get(p + ".value");
            assertThat(ehvi).as("EHVI, %d objectives", m).isCloseTo(mc[0], within(4 * mc[1]));
        }
    }

    @Test
    void logEhviStaysFiniteFarFromTheFront() {
        NonDominatedBoxes boxes = NonDominatedBoxes.of(new double[][] {{0, 1}, {1, 0}}, new double[] {2, 2});
        double near = Acquisition.logEhvi(new double[] {-1, -1}, new double[] {0.1, 0.1}, boxes);
        double far = Acquisition.logEhvi(new double[] {-30, -30}, new double[] {0.1, 0.1}, boxes);
        assertThat(far).isFinite().isLessThan(near - 1000);
    }

    @Test
    void boxesGiveTheExactHypervolumeImprovement() {
        SplittableRandom r = new SplittableRandom(7);
        for (int m = 2; m <= 3; m++) {
            for (int rep = 0; rep < 50; rep++) {
                double[][] front = new double[1 + r.nextInt(8)][m];
                for (double[] p : front) {
                    for (int j = 0; j < m; j++) {
                        p[j] = r.nextDouble();
                    }
                }
                double[] ref = new double[m];
                Arrays.fill(ref, 1.1);
                double[] y = new double[m];
                for (int j = 0; j < m; j++) {
                    y[j] = r.nextDouble() * 1.2 - 0.1;
                }
                double[][] with = Arrays.copyOf(front, front.length + 1);
                with[front.length] = y;
                double exact = Hypervolume.compute(with, ref) - Hypervolume.compute(front, ref);
                assertThat(NonDominatedBoxes.of(front, ref).improvement(y)).isCloseTo(exact, within(1e-12));
            }
        }
    }
}
