package dev.schedtune.trainers.tuning;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A trial's schedule trained again after the search with fresh seeds (never one the search used) and
 * judged on the task's test split, which the search never saw: what the study's answer is worth on new
 * data. Stored with the study as the system attribute {@value #ATTR_PREFIX}{@code <trial number>}, so
 * {@code pareto.json}, the report and later runs read it back. Immutable.
 */
public final class Confirmation {
    /** Study system attribute prefix; the trial number follows. */
    public static final String ATTR_PREFIX = "schedtune.confirmation.";

    private final int trial;
    private final int epochs;
    private final ImmutableList<Long> seeds;
    private final double[] testLoss;
    private final double[] testAccuracy;
    private final double[] seconds;

    private Confirmation(
            int trial, int epochs, List<Long> seeds, double[] testLoss, double[] testAccuracy, double[] seconds) {
        checkArgument(
                seeds.size() == testLoss.length
                        && seeds.size() == testAccuracy.length
                        && seeds.size() == seconds.length,
                "one test loss, accuracy and time per seed");
        this.trial = trial;
        this.epochs = epochs;
        this.seeds = ImmutableList.copyOf(seeds);
        this.testLoss = testLoss.clone();
        this.testAccuracy = testAccuracy.clone();
        this.seconds = seconds.clone();
    }

    /** A confirmation of trial {@code trial}: per seed, the test loss, test accuracy and training seconds. */
    public static Confirmation of(
            int trial, int epochs, List<Long> seeds, double[] testLoss, double[] testAccuracy, double[] seconds) {
        return new Confirmation(trial, epochs, seeds, testLoss, testAccuracy, seconds);
    }

    /** Every confirmation stored in a study's system attributes, by trial number. */
    public static Map<Integer, Confirmation> read(Map<String, @Nullable Object> studySystemAttrs) {
        Map<Integer, Confirmation> out = new TreeMap<>();
        studySystemAttrs.forEach((key, value) -> {
            if (!key.startsWith(ATTR_PREFIX) || !(value instanceof Map<?, ?>)) {
                return;
            }
            try {
                int trial = Integer.parseInt(key.substring(ATTR_PREFIX.length()));
                out.put(trial, fromAttr(trial, (Map<?, ?>) value));
            } catch (RuntimeException e) {
                // written by someone else, or damaged: this confirmation is simply missing
            }
        });
        return out;
    }

    private static Confirmation fromAttr(int trial, Map<?, ?> m) {
        List<Long> seeds = new ArrayList<>();
        for (Object s : (List<?>) Objects.requireNonNull(m.get("seeds"))) {
            seeds.add(((Number) s).longValue());
        }
        return new Confirmation(
                trial,
                ((Number) Objects.requireNonNull(m.get("epochs"))).intValue(),
                seeds,
                doubles(m.get("test_loss")),
                doubles(m.get("test_accuracy")),
                doubles(m.get("seconds")));
    }

    private static double[] doubles(@Nullable Object list) {
        List<?> l = (List<?>) Objects.requireNonNull(list);
        double[] out = new double[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = l.get(i) instanceof Number ? ((Number) l.get(i)).doubleValue() : Double.NaN;
        }
        return out;
    }

    /** The study system attribute key of this confirmation. */
    public String attrKey() {
        return ATTR_PREFIX + trial;
    }

    /** The attribute value: plain JSON data (non-finite numbers as null). */
    public Map<String, Object> toAttr() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epochs", epochs);
        m.put("seeds", seeds);
        m.put("test_loss", list(testLoss));
        m.put("test_accuracy", list(testAccuracy));
        m.put("seconds", list(seconds));
        return m;
    }

    private static List<@Nullable Double> list(double[] values) {
        List<@Nullable Double> out = new ArrayList<>();
        for (double v : values) {
            out.add(Double.isFinite(v) ? v : null);
        }
        return out;
    }

    public int trial() {
        return trial;
    }

    /** Epochs each run trained. */
    public int epochs() {
        return epochs;
    }

    /** The training seeds of the runs, one per run. */
    public List<Long> seeds() {
        return seeds;
    }

    /** Test-split loss of each run (NaN where a run diverged). */
    public double[] testLosses() {
        return testLoss.clone();
    }

    public double[] testAccuracies() {
        return testAccuracy.clone();
    }

    public double[] secondsPerRun() {
        return seconds.clone();
    }

    public Stats testLoss() {
        return Stats.of(testLoss);
    }

    public Stats testAccuracy() {
        return Stats.of(testAccuracy);
    }

    public Stats seconds() {
        return Stats.of(seconds);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (!(o instanceof Confirmation)) {
            return false;
        }
        Confirmation c = (Confirmation) o;
        return trial == c.trial && epochs == c.epochs && seeds.equals(c.seeds) && toAttr().equals(c.toAttr());
    }

    @Override
    public int hashCode() {
        return Objects.hash(trial, epochs, seeds);
    }

    @Override
    public String toString() {
        return "Confirmation{trial " + trial + ", " + epochs + " epochs, seeds " + seeds + ", test accuracy "
                + testAccuracy() + ", test loss " + testLoss() + "}";
    }

    /**
     * Mean, sample standard deviation and count of the finite values of some runs, and the standard error
     * of the mean.
     */
    public static final class Stats {
        private final double mean;
        private final double sd;
        private final int n;

        private Stats(double mean, double sd, int n) {
            this.mean = mean;
            this.sd = sd;
            this.n = n;
        }

        /** The statistics of the finite values in {@code values}. */
        public static Stats of(double[] values) {
            double sum = 0;
            int n = 0;
            for (double v : values) {
                if (Double.isFinite(v)) {
                    sum += v;
                    n++;
                }
            }
            if (n == 0) {
                return new Stats(Double.NaN, Double.NaN, 0);
            }
            double mean = sum / n;
            double sq = 0;
            for (double v : values) {
                if (Double.isFinite(v)) {
                    sq += (v - mean) * (v - mean);
                }
            }
            return new Stats(mean, n > 1 ? Math.sqrt(sq / (n - 1)) : Double.NaN, n);
        }

        public double mean() {
            return mean;
        }

        /** Sample standard deviation (NaN with fewer than two values). */
        public double sd() {
            return sd;
        }

        public int n() {
            return n;
        }

        /** Standard error of the mean, sd / sqrt(n). */
        public double standardError() {
            return n > 0 ? sd / Math.sqrt(n) : Double.NaN;
        }

        /**
         * This mean minus {@code other}'s, with the standard error of the difference of two independent
         * means (Welch): sqrt(se1² + se2²).
         */
        public double[] minus(Stats other) {
            double se1 = standardError();
            double se2 = other.standardError();
            return new double[] {mean - other.mean, Math.sqrt(se1 * se1 + se2 * se2)};
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%.4f ± %.4f (n=%d)", mean, sd, n);
        }
    }
}
