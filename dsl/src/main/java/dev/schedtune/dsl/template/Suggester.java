package dev.schedtune.dsl.template;

import java.util.List;

/**
 * Where a template gets the values of its parameters when sampled define-by-run: a study's trial, a
 * random generator, a grid. Only the parameters that are active for the choices already made are
 * asked for (a nested parameter of an unchosen sub-schedule never is).
 */
public interface Suggester {
    /**
     * A float in {@code [low, high]}; {@code step > 0} restricts it to {@code low + k * step}; {@code log}
     * samples on a log scale (then {@code low > 0} and {@code step == 0}).
     */
    double suggestFloat(String name, double low, double high, double step, boolean log);

    /** An integer in {@code [low, high]} on the grid {@code low + k * step}; {@code log} for a log scale. */
    long suggestInt(String name, long low, long high, long step, boolean log);

    /** One of {@code labels}. */
    String suggestCategorical(String name, List<String> labels);
}
