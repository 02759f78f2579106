package dev.schedtune.cli.tune;

import dev.schedtune.dsl.template.Suggester;
import dev.schedtune.search.Trial;
import dev.schedtune.search.distribution.FloatDistribution;
import dev.schedtune.search.distribution.IntDistribution;
import java.util.List;
import java.util.Objects;

/** A template's parameters asked of a study's trial, define-by-run. */
final class TrialSuggester implements Suggester {
    private final Trial trial;

    TrialSuggester(Trial trial) {
        this.trial = trial;
    }

    @Override
    public double suggestFloat(String name, double low, double high, double step, boolean log) {
        FloatDistribution d = log
                ? FloatDistribution.log(low, high)
                : step > 0 ? FloatDistribution.stepped(low, high, step) : FloatDistribution.of(low, high);
        return ((Number) Objects.requireNonNull(trial.suggest(name, d))).doubleValue();
    }

    @Override
    public long suggestInt(String name, long low, long high, long step, boolean log) {
        IntDistribution d = log
                ? IntDistribution.log(low, high)
                : step > 1 ? IntDistribution.stepped(low, high, step) : IntDistribution.of(low, high);
        return ((Number) Objects.requireNonNull(trial.suggest(name, d))).longValue();
    }

    @Override
    public String suggestCategorical(String name, List<String> labels) {
        return trial.suggestCategorical(name, labels);
    }
}
