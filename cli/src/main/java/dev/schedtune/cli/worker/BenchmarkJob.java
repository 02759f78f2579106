package dev.schedtune.cli.worker;

import dev.schedtune.cli.tune.config.SamplerSpec;
import dev.schedtune.search.MultiObjective;
import dev.schedtune.search.problem.BenchmarkProblem;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * Studies of a {@link BenchmarkProblem}, for trying workers, deployments and crash recovery without
 * training anything. The study stores, in system attribute {@value #KEY}, {@code {"problem": "zdt1",
 * "sampler": "nsga2", "population": 20, "trials": 200, "work_ms": 50}}: the problem, the sampler (one of
 * {@link SamplerSpec#types()}, with its default settings; the population for those that keep one), the
 * study's trial budget, and how long a trial sleeps to stand in for training.
 */
public final class BenchmarkJob implements WorkerJob {
    static final String KEY = "schedtune:benchmark";

    public BenchmarkJob() {}

    /** What a benchmark study stores. */
    record Spec(BenchmarkProblem problem, String sampler, int population, int trials, long workMillis) {
        Spec {
            if (!SamplerSpec.types().contains(sampler)) {
                throw new IllegalArgumentException(
                        "sampler '" + sampler + "' is unknown; use " + String.join(", ", SamplerSpec.types()));
            }
            if (population < 2) {
                throw new IllegalArgumentException("population (" + population + ") must be >= 2");
            }
            if (trials < 1) {
                throw new IllegalArgumentException("trials (" + trials + ") must be >= 1");
            }
            if (workMillis < 0) {
                throw new IllegalArgumentException("work_ms (" + workMillis + ") must be >= 0");
            }
        }

        Map<String, Object> toAttr() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("problem", problem.id());
            m.put("sampler", sampler);
            m.put("population", (long) population);
            m.put("trials", (long) trials);
            m.put("work_ms", workMillis);
            return m;
        }

        static Spec fromAttr(String study, Object attr) {
            if (!(attr instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException("study '" + study + "' has a malformed " + KEY + ": " + attr);
            }
            try {
                return new Spec(
                        BenchmarkProblem.parse(String.valueOf(m.get("problem"))),
                        String.valueOf(m.get("sampler")).toLowerCase(Locale.ROOT),
                        (int) number(m, "population"),
                        (int) number(m, "trials"),
                        number(m, "work_ms"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "study '" + study + "' has a malformed " + KEY + " " + m + ": " + e.getMessage(), e);
            }
        }

        private static long number(Map<?, ?> m, String key) {
            Object v = m.get(key);
            if (!(v instanceof Long n)) {
                throw new IllegalArgumentException(key + " (" + v + ") must be an integer");
            }
            return n;
        }

        SamplerSpec samplerSpec() {
            return SamplerSpec.of(sampler).withPopulation(population);
        }

        MultiObjective objective() {
            BenchmarkProblem p = problem;
            long work = workMillis;
            return trial -> {
                double[] x = new double[p.variables()];
                for (int i = 0; i < x.length; i++) {
                    x[i] = trial.suggestFloat("x" + i, p.low(), p.high());
                }
                if (work > 0) {
                    Thread.sleep(work); // stands in for training
                }
                return p.evaluate(x);
            };
        }
    }

    @Override
    public Optional<Plan> plan(
            String study,
            Map<String, @Nullable Object> userAttrs,
            Map<String, @Nullable Object> systemAttrs,
            int jobs) {
        Object attr = systemAttrs.get(KEY);
        if (attr == null) {
            return Optional.empty();
        }
        Spec spec = Spec.fromAttr(study, attr);
        SamplerSpec sampler = spec.samplerSpec();
        String described =
                sampler.type() + (sampler.keepsPopulation() ? " (population " + spec.population() + ")" : "");
        return Optional.of(new Plan(
                "benchmark " + spec.problem().id() + ", sampler " + described + ", " + spec.trials() + " trials"
                        + (spec.workMillis() > 0 ? ", " + spec.workMillis() + " ms of work each" : ""),
                sampler.create(),
                null,
                spec.objective(),
                OptionalInt.of(spec.trials()),
                () -> {}));
    }
}
