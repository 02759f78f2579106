package dev.schedtune.search.sampler.tpe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class GaussianTest {

    private static void assertClose(double actual, double expected, double relative, String what) {
        if (expected == 0) {
            // scipy's Cephes erfc flushes results below e^-709 to 0; msun's returns the subnormal.
            assertThat(Math.abs(actual)).as(what).isLessThan(1e-300);
        } else if (Double.isInfinite(expected)) {
            assertThat(actual).as(what).isEqualTo(expected);
        } else {
            assertThat(actual).as(what).isCloseTo(expected, within(relative * Math.abs(expected)));
        }
    }

    @Test
    void matchesScipyOnAGridIncludingTheTails() {
        int checked = 0;
        for (OptunaReference.Record r : OptunaReference.read()) {
            if (r.header[0].equals("gauss")) {
                double[] v = OptunaReference.numbers(r.header, 1);
                double x = v[0];
                assertClose(Gaussian.erf(x), v[1], 1e-14, "erf(" + x + ")");
                assertClose(Gaussian.erfc(x), v[2], 1e-13, "erfc(" + x + ")");
                assertClose(Gaussian.cdf(x), v[3], 1e-13, "ndtr(" + x + ")");
                assertThat(Gaussian.logCdf(x))
                        .as("log_ndtr(" + x + ")")
                        .isCloseTo(v[4], within(1e-16 + 1e-13 * Math.abs(v[4])));
                checked++;
            } else if (r.header[0].equals("ndtri")) {
                double[] v = OptunaReference.numbers(r.header, 1);
                assertClose(Gaussian.inverseCdf(v[0]), v[1], 1e-13, "ndtri(" + v[0] + ")");
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(300);
    }

    @Property(tries = 300)
    void inverseCdfInvertsTheCdf(@ForAll @DoubleRange(min = -37, max = 3) double x) {
        // Right of 3 the CDF rounds towards 1 and loses the digits to invert; TPE inverts from the left.
        assertThat(Gaussian.inverseCdf(Gaussian.cdf(x))).isCloseTo(x, within(1e-9 * Math.max(1, Math.abs(x))));
    }

    @Test
    void truncatedSamplesStayInsideAndFollowTheMass() {
        SplittableRandom rng = new SplittableRandom(3);
        double a = -0.3;
        double b = 2.5;
        int inLowerHalf = 0;
        int n = 20_000;
        double mid = Gaussian.inverseCdf((Gaussian.cdf(a) + Gaussian.cdf(b)) / 2);
        for (int i = 0; i < n; i++) {
            double z = Gaussian.truncatedQuantile(rng.nextDouble(), a, b);
            assertThat(z).isBetween(a, b);
            if (z < mid) {
                inLowerHalf++;
            }
        }
        // The median of the truncated law splits the draws evenly (binomial sd ~ 0.0035).
        assertThat(inLowerHalf / (double) n).isCloseTo(0.5, within(0.015));
        // The other branch (interval right of 0).
        assertThat(Gaussian.truncatedQuantile(0.0, 1, 3)).isCloseTo(1.0, within(1e-12));
        assertThat(Gaussian.truncatedQuantile(Math.nextDown(1.0), 1, 3)).isCloseTo(3.0, within(1e-6));
    }

    @Test
    void logMassOfFarTailIntervalsStaysFinite() {
        // exp(-800) underflows, the log does not.
        double lm = Gaussian.logMass(40, 41);
        assertThat(lm).isFinite().isLessThan(-800);
        assertThat(Gaussian.logMass(-41, -40)).isCloseTo(lm, within(1e-9 * Math.abs(lm)));
        assertThat(Math.exp(Gaussian.logMass(-1, 1))).isCloseTo(0.6826894921370859, within(1e-15));
    }
}
