package dev.schedtune.trainers.tuning;

import dev.schedtune.dsl.template.Suggester;
import dev.schedtune.dsl.template.Tunable;
import dev.schedtune.search.Trial;
import dev.schedtune.search.distribution.FloatDistribution;
import dev.schedtune.search.distribution.IntDistribution;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A template's search space asked of a search trial, parameter by parameter. A choice between plain
 * numbers (no labels of their own) is asked with the numbers themselves, so the stored distribution is
 * Optuna's {@code CategoricalDistribution([1, 2])}, which Optuna's {@code suggest_categorical(name, [1, 2])}
 * accepts; other choices are asked with their labels.
 */
final class TrialSuggester implements Suggester {
    private final Trial trial;
    private final Map<String, List<Object>> numericChoices;

    TrialSuggester(Trial trial, List<Tunable> space) {
        this.trial = trial;
        this.numericChoices = numericChoices(space);
    }

    /**
     * {@code params} (template values, categorical labels included) as the trial stores them: the label of
     * a numeric choice becomes its number, so that an enqueued trial asks the same distribution.
     */
    static Map<String, Object> stored(List<Tunable> space, Map<String, Object> params) {
        Map<String, List<Object>> numeric = numericChoices(space);
        Map<String, Object> out = new LinkedHashMap<>();
        params.forEach((name, value) -> {
            List<Object> numbers = numeric.get(name);
            int i = numbers == null ? -1 : labelsOf(numbers).indexOf(String.valueOf(value));
            out.put(name, i < 0 ? value : numbers.get(i));
        });
        return out;
    }

    private static Map<String, List<Object>> numericChoices(List<Tunable> space) {
        Map<String, List<Object>> out = new HashMap<>();
        for (Tunable t : space) {
            if (t.type() == Tunable.Type.CHOICE) {
                List<Object> numbers = numbers(t);
                if (numbers != null) {
                    out.put(t.name(), numbers);
                }
            }
        }
        return out;
    }

    /** The options as Long or Double if they are all numbers shown as themselves, else null. */
    private static @Nullable List<Object> numbers(Tunable t) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < t.options().size(); i++) {
            Object o = t.options().get(i);
            if (!(o instanceof Number) || !t.labels().get(i).equals(String.valueOf(o))) {
                return null;
            }
            out.add(
                    o instanceof Double || o instanceof Float
                            ? (Object) ((Number) o).doubleValue()
                            : (Object) ((Number) o).longValue());
        }
        return out;
    }

    private static List<String> labelsOf(List<Object> numbers) {
        return numbers.stream().map(String::valueOf).toList();
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
        List<Object> numbers = numericChoices.get(name);
        if (numbers == null || numbers.size() != labels.size()) {
            return trial.suggestCategorical(name, labels);
        }
        Object chosen = trial.suggestCategorical(name, numbers);
        return labels.get(numbers.indexOf(chosen));
    }
}
