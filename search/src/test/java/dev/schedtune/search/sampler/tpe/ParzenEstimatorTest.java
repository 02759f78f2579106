package dev.schedtune.search.sampler.tpe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.schedtune.search.distribution.Distribution;
import dev.schedtune.search.distribution.FloatDistribution;
import dev.schedtune.search.distribution.IntDistribution;
import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Our Parzen estimators against Optuna 3.1's {@code _ParzenEstimator} (search/bench/reference/tpe_reference.py). */
class ParzenEstimatorTest {
    private static final TpeParameters DEFAULTS = new TpeParameters(true, 1.0, true, false, false);

    static Distribution distribution(String name) {
        return switch (name) {
            case "float" -> FloatDistribution.of(0, 10);
            case "floatlog" -> FloatDistribution.log(1e-3, 1e2);
            case "floatstep" -> FloatDistribution.stepped(0, 1, 0.1);
            case "int" -> IntDistribution.of(1, 20);
            case "intlog" -> IntDistribution.log(1, 1000);
            default -> throw new IllegalArgumentException(name);
        };
    }

    static NumericMixture mixture(Distribution d, double[] obs, boolean multivariate, boolean endpoints) {
        ModelDomain domain = ModelDomain.of(d);
        int n = obs.length;
        double[] weights = TpeSampler.defaultWeights(n);
        TpeParameters p = new TpeParameters(true, 1.0, true, endpoints, multivariate);
        double[] model = Arrays.stream(obs).map(domain::toModel).toArray();
        if (multivariate) {
            double sigma0 = 0.2 * Math.pow(Math.max(n, 1), -1.0 / 5);
            return NumericMixture.withSharedBandwidth(domain, model, weights, sigma0, p);
        }
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> model[i]));
        double[] sorted = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = model[order[i]];
            w[i] = weights[order[i]];
        }
        return NumericMixture.univariate(domain, sorted, w, p);
    }

    private static double[] sorted(double[] a) {
        double[] c = a.clone();
        Arrays.sort(c);
        return c;
    }

    @Test
    void kernelsAndDensitiesMatchOptuna() {
        int checked = 0;
        for (OptunaReference.Record r : OptunaReference.read()) {
            if (!r.header[0].equals("parzen")) {
                continue;
            }
            Distribution d = distribution(r.header[2]);
            boolean multivariate = r.header[3].equals("1");
            boolean endpoints = r.header[4].equals("1");
            double[] obs = r.rows.containsKey("obs") ? r.row("obs") : new double[0];
            NumericMixture m = mixture(d, obs, multivariate, endpoints);
            String what = String.join(" ", r.header);
            assertThat(sorted(m.mus)).as(what + " mus").containsExactly(sorted(r.row("mu")), within(1e-12));
            assertThat(sorted(m.weights)).as(what + " weights").containsExactly(sorted(r.row("weight")), within(1e-12));
            ModelDomain domain = ModelDomain.of(d);
            double priorMu = 0.5 * (domain.low + domain.high);
            if (Arrays.stream(obs).map(domain::toModel).anyMatch(v -> v == priorMu)) {
                // An observation equal to the prior's centre: Optuna orders the two by an unstable
                // quicksort, which decides which of them takes which neighbour gap. Either is right.
                continue;
            }
            assertThat(sorted(m.sigmas)).as(what + " sigmas").containsExactly(sorted(r.row("sigma")), within(1e-12));
            if (obs.length > 25 && Arrays.stream(obs).distinct().count() < obs.length) {
                // Equal observations of unequal (age) weights: which one takes which neighbour gap
                // again depends on the order of Optuna's unstable sort; kernels agree as multisets.
                continue;
            }
            double[] at = Arrays.stream(r.row("at")).map(domain::toModel).toArray();
            double[] expected = r.row("logpdf");
            double[] actual = m.logDensities(at);
            for (int i = 0; i < at.length; i++) {
                assertThat(actual[i]).as(what + " logpdf at " + r.row("at")[i]).isCloseTo(expected[i], within(1e-9));
                assertThat(m.exactLogDensity(at[i])).as(what + " exact").isCloseTo(expected[i], within(1e-9));
            }
            checked++;
        }
        assertThat(checked).isGreaterThan(80);
    }

    @Test
    void categoricalProbabilitiesMatchOptuna() {
        int checked = 0;
        for (OptunaReference.Record r : OptunaReference.read()) {
            if (!r.header[0].equals("cat")) {
                continue;
            }
            int k = Integer.parseInt(r.header[2]);
            double[] obs = r.rows.containsKey("obs") ? r.row("obs") : new double[0];
            int[] idx = Arrays.stream(obs).mapToInt(v -> (int) v).toArray();
            CategoricalMixture c = new CategoricalMixture(k, idx, TpeSampler.defaultWeights(idx.length), DEFAULTS);
            double[] expected = r.row("logp");
            for (int j = 0; j < k; j++) {
                assertThat(c.logProbability(j))
                        .as("choice %d of %s", j, Arrays.toString(obs))
                        .isCloseTo(expected[j], within(1e-12));
            }
            checked++;
        }
        assertThat(checked).isEqualTo(12);
    }

    @Test
    void defaultWeightsMatchOptuna() {
        for (OptunaReference.Record r : OptunaReference.read()) {
            if (r.header[0].equals("weights")) {
                int n = Integer.parseInt(r.header[1]);
                assertThat(TpeSampler.defaultWeights(n))
                        .containsExactly(OptunaReference.numbers(r.header, 2), within(1e-15));
            }
        }
    }

    @Test
    void windowedDensitiesEqualTheFullSumOnLargeMixtures() {
        SplittableRandom rng = new SplittableRandom(11);
        ModelDomain domain = ModelDomain.of(FloatDistribution.of(0, 1));
        for (int trial = 0; trial < 20; trial++) {
            int n = 50 + rng.nextInt(2000);
            double[] obs = new double[n];
            double centre = rng.nextDouble();
            for (int i = 0; i < n; i++) {
                // Clustered observations, as TPE produces late in a study.
                obs[i] = Math.min(1, Math.max(0, centre + 0.05 * (rng.nextDouble() - 0.5) * (i % 3 == 0 ? 10 : 1)));
            }
            Arrays.sort(obs);
            double[] w = TpeSampler.defaultWeights(n);
            NumericMixture m = NumericMixture.univariate(domain, obs, w, DEFAULTS);
            double[] xs = new double[24];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = rng.nextDouble();
            }
            double[] windowed = m.logDensities(xs);
            for (int i = 0; i < xs.length; i++) {
                double exact = m.exactLogDensity(xs[i]);
                assertThat(windowed[i]).isCloseTo(exact, within(1e-12 * Math.max(1, Math.abs(exact))));
            }
        }
    }

    @Test
    void densitiesIntegrateToOneAndCellMassesSumToOne() {
        double[] obs = {0.3, 0.31, 0.5, 0.9};
        NumericMixture m = mixture(FloatDistribution.of(0, 1), obs, false, false);
        int steps = 200_000;
        double[] xs = new double[steps];
        for (int i = 0; i < steps; i++) {
            xs[i] = (i + 0.5) / steps;
        }
        double integral = 0;
        for (int from = 0; from < steps; from += 1000) {
            double[] chunk = Arrays.copyOfRange(xs, from, from + 1000);
            for (double lp : m.logDensities(chunk)) {
                integral += Math.exp(lp) / steps;
            }
        }
        assertThat(integral).isCloseTo(1.0, within(1e-6));

        NumericMixture grid = mixture(IntDistribution.of(1, 20), new double[] {3, 3, 7, 20}, false, false);
        ModelDomain domain = ModelDomain.of(IntDistribution.of(1, 20));
        double[] values = IntStream.rangeClosed(1, 20)
                .asDoubleStream()
                .map(domain::toModel)
                .toArray();
        double total = Arrays.stream(grid.logDensities(values)).map(Math::exp).sum();
        assertThat(total).isCloseTo(1.0, within(1e-12));
    }
}
