package dev.schedtune.cli.worker;

import dev.schedtune.search.MultiObjective;
import dev.schedtune.search.problem.BenchmarkProblem;
import dev.schedtune.search.sampler.HaltonSampler;
import dev.schedtune.search.sampler.RandomSampler;
import dev.schedtune.search.sampler.Sampler;
import dev.schedtune.search.sampler.jmetal.Nsga2Sampler;
import dev.schedtune.search.sampler.jmetal.SmsEmoaSampler;
import dev.schedtune.search.sampler.tpe.TpeSampler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * Studies of a {@link BenchmarkProblem}, for trying workers, deployments and crash recovery without
 * training anything. The study stores, in system attribute {@value #KEY}, {@code {"problem": "zdt1",
 * "sampler": "nsga2", "population": 20, "trials": 200, "work_ms": 50}}: the problem, the sampler (random,
 * halton, tpe, nsga2, smsemoa; the population for the last two), the study's trial budget, and how long a
 * trial sleeps to stand in for training.
 */
final class BenchmarkJob implements WorkerJob {
    static final String KEY = "schedtune:benchmark";
    static final List<String> SAMPLERS = List.of("random", "halton", "tpe", "nsga2", "smsemoa");

    /** What a benchmark study stores. */
    record Spec(BenchmarkProblem problem, String sampler, int population, int trials, long workMillis) {
        Spec {
            if (!SAMPLERS.contains(sampler)) {
                throw new IllegalArgumentException(
                        "sampler '" + sampler + "' is unknown; use " + String.join(", ", SAMPLERS));
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
            if (!(attr instanceof Map<?, ?>)) {
                throw new IllegalArgumentException("study '" + study + "' has a malformed " + KEY + ": " + attr);
            }
            Map<?, ?> m = (Map<?, ?>) attr;
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
            if (!(v instanceof Long)) {
                throw new IllegalArgumentException(key + " (" + v + ") must be an integer");
            }
            return (Long) v;
        }

        Sampler newSampler() {
            switch (sampler) {
                case "halton":
                    return HaltonSampler.create();
                case "tpe":
                    return TpeSampler.create();
                case "nsga2":
                    return Nsga2Sampler.builder().populationSize(population).build();
                case "smsemoa":
                    return SmsEmoaSampler.builder().populationSize(population).build();
                default:
                    return RandomSampler.create();
            }
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
        String sampler = spec.sampler()
                + (spec.sampler().equals("nsga2") || spec.sampler().equals("smsemoa")
                        ? " (population " + spec.population() + ")"
                        : "");
        return Optional.of(new Plan(
                "benchmark " + spec.problem().id() + ", sampler " + sampler + ", " + spec.trials() + " trials"
                        + (spec.workMillis() > 0 ? ", " + spec.workMillis() + " ms of work each" : ""),
                spec.newSampler(),
                null,
                spec.objective(),
                OptionalInt.of(spec.trials()),
                () -> {}));
    }
}
