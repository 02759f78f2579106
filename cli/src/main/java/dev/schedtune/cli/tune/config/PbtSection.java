package dev.schedtune.cli.tune.config;

import dev.schedtune.cli.Durations;
import dev.schedtune.search.distribution.FloatDistribution;
import dev.schedtune.search.pbt.PopulationBasedTraining;
import dev.schedtune.trainers.tuning.IntSetting;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code pbt:} section of a study config (population-based training, run by {@code schedtune pbt}):
 *
 * <pre>
 * pbt:
 *   population: 8              # members trained side by side
 *   epochs: 12                 # default: training.epochs
 *   interval: 2                # epochs per generation (between exploits)
 *   quantile: 0.25             # the bottom quarter copies the top quarter
 *   resample_probability: 0.25
 *   perturbation_factors: [0.8, 1.2]
 *   claim_grace: 2m            # a step whose process died is retried after this
 *   hyperparameters:           # explored; lr is required
 *     lr: {low: 0.005, high: 0.3, log: true}
 *     momentum: {low: 0.8, high: 0.99}
 * </pre>
 */
public final class PbtSection {
    private PbtSection() {}

    static PopulationBasedTraining read(Fields top, IntSetting epochs) {
        Fields p = top.map("pbt", "population-based training settings (population, interval, hyperparameters, ...)");
        p.only(
                "population",
                "epochs",
                "interval",
                "quantile",
                "resample_probability",
                "perturbation_factors",
                "claim_grace",
                "hyperparameters");
        PopulationBasedTraining.Builder b = PopulationBasedTraining.builder();
        b.population((int) p.integer("population", 8, 2, 10_000));
        if (p.has("epochs")) {
            b.epochs((int) p.integer("epochs", 1, 1, 100_000));
        } else if (epochs.isTuned()) {
            throw p.error("epochs", "PBT trains a fixed number of epochs: give pbt.epochs (training.epochs is tuned)");
        } else {
            b.epochs((int) epochs.low());
        }
        b.interval((int) p.integer("interval", 1, 1, 100_000));
        double quantile = p.number("quantile", 0.25, 0, 0.5);
        if (quantile == 0) {
            throw p.error("quantile", "quantile (0.0) must be in (0, 0.5]");
        }
        b.quantile(quantile);
        b.resampleProbability(p.number("resample_probability", 0.25, 0, 1));
        if (p.has("perturbation_factors")) {
            List<Object> factors = p.list("perturbation_factors");
            if (factors.size() != 2
                    || !(factors.get(0) instanceof Number)
                    || !(factors.get(1) instanceof Number)
                    || ((Number) factors.get(0)).doubleValue() <= 0
                    || ((Number) factors.get(1)).doubleValue() <= 0) {
                throw p.error(
                        "perturbation_factors",
                        "got " + factors + "; perturbation_factors must be two numbers > 0, such as [0.8, 1.2]");
            }
            b.perturbationFactors(((Number) factors.get(0)).doubleValue(), ((Number) factors.get(1)).doubleValue());
        }
        Duration grace = StudyConfigReader.duration(p, "claim_grace");
        if (grace != null) {
            b.claimGrace(grace);
        }
        if (!p.has("hyperparameters")) {
            throw p.error(
                    "hyperparameters",
                    "missing: the hyperparameters to explore, e.g. {lr: {low: 0.005, high:" + " 0.3, log: true}}");
        }
        Fields hps = p.map("hyperparameters", "a map of hyperparameter ranges, e.g. {lr: {low: 0.005, high: 0.3}}");
        for (String name : hps.asMap().keySet()) {
            Fields range = hps.map(name, "a range such as {low: 0.005, high: 0.3, log: true}");
            range.only("low", "high", "log");
            if (!range.has("low") || !range.has("high")) {
                throw hps.error(name, "a hyperparameter range needs 'low' and 'high'");
            }
            double low = range.number("low", 0, -Double.MAX_VALUE, Double.MAX_VALUE);
            double high = range.number("high", 0, -Double.MAX_VALUE, Double.MAX_VALUE);
            boolean log = range.bool("log", false);
            try {
                b.hyperparameter(name, log ? FloatDistribution.log(low, high) : FloatDistribution.of(low, high));
            } catch (IllegalArgumentException e) {
                throw hps.error(name, e.getMessage());
            }
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw top.error("pbt", e.getMessage());
        }
    }

    /** The section as plain data, as {@link #read} reads it. */
    public static Map<String, Object> write(PopulationBasedTraining pbt) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("population", pbt.population());
        m.put("epochs", pbt.epochs());
        m.put("interval", pbt.interval());
        m.put("quantile", pbt.quantile());
        m.put("resample_probability", pbt.resampleProbability());
        m.put("perturbation_factors", List.of(pbt.lowFactor(), pbt.highFactor()));
        m.put("claim_grace", Durations.format(pbt.claimGrace()));
        Map<String, Object> hps = new LinkedHashMap<>();
        pbt.hyperparameters().forEach((name, d) -> {
            Map<String, Object> range = new LinkedHashMap<>();
            range.put("low", d.low());
            range.put("high", d.high());
            if (d.isLog()) {
                range.put("log", true);
            }
            hps.put(name, range);
        });
        m.put("hyperparameters", hps);
        return m;
    }
}
