package dev.schedtune.dsl.export;

import com.google.common.collect.ImmutableMap;

/**
 * The Python counterpart of each built-in primitive and combinator: a function named {@code _k_<kind>}
 * that takes the kind's parameters as keyword arguments (nested schedules arrive as Python callables)
 * and returns {@code f(step) -> float} computing exactly what the Java kind computes, in the same order
 * of floating-point operations where that matters. Presets need none: they are exported through their
 * {@link dev.schedtune.dsl.spec.Expandable expansion}.
 */
final class PythonRuntimes {
    private PythonRuntimes() {}

    /** Helpers every generated file starts with. */
    static final String PRELUDE = """
            import math


            def _check_step(step):
                if step < 0:
                    raise ValueError("step (%r) must be >= 0" % (step,))
                return step
            """;

    /** Kind name → Python source of its {@code _k_} function. */
    static ImmutableMap<String, String> builtIn() {
        return ImmutableMap.of();
    }
}
