package dev.schedtune.export;

import com.google.common.collect.ImmutableMap;
import dev.schedtune.dsl.spec.Kind;
import dev.schedtune.dsl.spec.KindRegistry;

/**
 * The helpers every exported Python file starts with, and the Python runtimes of the built-in kinds,
 * each declared with its kind ({@link Kind#python()}): a function {@code _k_<kind>} computing what the
 * Java class computes, with the same floating-point operations in the same order. Presets need none:
 * they are exported through their {@link dev.schedtune.dsl.spec.Expandable expansion}. {@code
 * PythonExportParityTest} runs every kind with generated parameters through the machine's python3 and
 * compares with Java to 1e-12.
 */
final class PythonRuntimes {
    private PythonRuntimes() {}

    /** Helpers every generated file starts with. */
    static final String PRELUDE = """
            import math


            def _check_step(step):
                if step < 0:
                    raise ValueError("step (%r) must be >= 0" % (step,))
                return float(step)


            def _pow(a, b):
                # Java's Math.pow gives infinity where Python's raises
                try:
                    return math.pow(a, b)
                except OverflowError:
                    return -math.inf if a < 0 and float(b).is_integer() and b % 2 == 1 else math.inf


            def _exp(x):
                try:
                    return math.exp(x)
                except OverflowError:
                    return math.inf


            def _count_at_or_below(ordered, x):
                k = 0
                for v in ordered:
                    if v <= x:
                        k += 1
                    else:
                        break
                return k


            def _interpolate(kind, start, end, pct):
                if kind == "linear":
                    return (end - start) * pct + start
                if kind == "cosine":
                    return end + (start - end) / 2.0 * (math.cos(math.pi * pct) + 1)
                return start * _pow(end / start, pct)


            def _knots_at(k, values, interpolation, extrapolate, x):
                n = len(k)
                if x < k[0]:
                    return values[0]
                j = _count_at_or_below(k, x) - 1
                if x == k[j]:
                    return values[j]
                if j == n - 1:
                    if not extrapolate or n == 1:
                        return values[n - 1]
                    s = n - 2
                    while s > 0 and k[s] == k[n - 1]:
                        s -= 1
                    if k[s] == k[n - 1]:
                        return values[n - 1]
                    return _interpolate(interpolation, values[s], values[n - 1], (x - k[s]) / (k[n - 1] - k[s]))
                return _interpolate(interpolation, values[j], values[j + 1], (x - k[j]) / (k[j + 1] - k[j]))
            """;

    /** Kind name → Python source of its {@code _k_} function, for every built-in kind that has one. */
    static ImmutableMap<String, String> builtIn() {
        ImmutableMap.Builder<String, String> all = ImmutableMap.builder();
        for (Kind kind : KindRegistry.builtIn().kinds()) {
            kind.python().ifPresent(source -> all.put(kind.name(), source));
        }
        return all.buildOrThrow();
    }
}
