package dev.schedtune.dsl.export;

import com.google.common.collect.ImmutableMap;

/**
 * The Python counterpart of each built-in primitive and combinator: a function named {@code _k_<kind>}
 * that takes the kind's parameters as keyword arguments (nested schedules arrive as Python callables of
 * a real position) and returns {@code f(x) -> float} computing what the Java class computes, with the
 * same floating-point operations in the same order. Presets need none: they are exported through their
 * {@link dev.schedtune.dsl.spec.Expandable expansion}. {@code PythonExportParityTest} runs every kind
 * with generated parameters through the machine's python3 and compares with Java to 1e-12.
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

    private static final String CONSTANT = """
            def _k_constant(value):
                return lambda x: value
            """;

    private static final String LINEAR = """
            def _k_linear(**a):
                start, end, steps = a["from"], a["to"], a["steps"]
                begin, extrapolate = a.get("begin", 0), a.get("extrapolate", False)

                def f(x):
                    d = x - begin
                    if d <= 0:
                        return start
                    if d >= steps and (not extrapolate or d == steps):
                        return end
                    return start + (end - start) * (d / steps)
                return f
            """;

    private static final String COSINE = """
            def _k_cosine(**a):
                start, end, steps = a["from"], a["to"], a["steps"]
                exponent, k_decay = a.get("exponent", 1.0), a.get("k_decay", 1.0)
                extrapolate = a.get("extrapolate", False)
                pi_over_steps = math.pi / steps
                steps_to_k = _pow(steps, k_decay)

                def f(x):
                    if x <= 0:
                        return start
                    if x >= steps and not extrapolate:
                        return end
                    if k_decay == 1:
                        angle = x * pi_over_steps
                    else:
                        angle = math.pi * (_pow(x, k_decay) / steps_to_k)
                    c = 0.5 * (1 + math.cos(angle))
                    if exponent != 1:
                        c = _pow(c, exponent)
                    return end + (start - end) * c
                return f
            """;

    private static final String EXPONENTIAL_DECAY = """
            def _k_exponential_decay(init, decay_rate=None, decay_constant=None, transition_steps=1,
                                     transition_begin=0, staircase=False, end_value=None):
                by_constant = decay_rate is None
                decays = decay_constant > 0 if by_constant else decay_rate < 1

                def f(x):
                    d = x - transition_begin
                    if d <= 0:
                        v = init
                    else:
                        p = d / transition_steps
                        if staircase:
                            p = float(math.floor(p))
                        v = init * _exp(-decay_constant * p) if by_constant else init * _pow(decay_rate, p)
                    if end_value is not None:
                        v = max(v, end_value) if decays else min(v, end_value)
                    return v
                return f
            """;

    private static final String PIECEWISE_CONSTANT = """
            def _k_piecewise_constant(boundaries, values):
                return lambda x: values[_count_at_or_below(boundaries, x)]
            """;

    private static final String PIECEWISE_INTERPOLATE = """
            def _k_piecewise_interpolate(knots, values, interpolation="linear", extrapolate=False):
                return lambda x: _knots_at(knots, values, interpolation, extrapolate, x)
            """;

    private static final String POLYNOMIAL = """
            def _k_polynomial(**a):
                start, end, steps = a["from"], a["to"], a["steps"]
                power, begin = a.get("power", 1.0), a.get("begin", 0)
                k_decay, cycle = a.get("k_decay", 1.0), a.get("cycle", False)

                def f(x):
                    d = max(0.0, x - begin)
                    horizon = steps
                    if cycle:
                        horizon = steps * max(1.0, float(math.ceil(d / steps)))
                    elif d >= steps:
                        return end
                    if k_decay == 1:
                        q = d / horizon
                    else:
                        q = _pow(d, k_decay) / _pow(horizon, k_decay)
                    return (start - end) * _pow(1 - q, power) + end
                return f
            """;

    private static final String INVERSE_SQRT = """
            def _k_inverse_sqrt(init, timescale):
                return lambda x: init / math.sqrt((max(0.0, x) + timescale) / timescale)
            """;

    private static final String INVERSE_TIME = """
            def _k_inverse_time(init, decay_steps, decay_rate, staircase=False):
                def f(x):
                    p = max(0.0, x) / decay_steps
                    if staircase:
                        p = float(math.floor(p))
                    return init / (1 + decay_rate * p)
                return f
            """;

    private static final String TANH = """
            def _k_tanh(**a):
                start, end, steps = a["from"], a["to"], a["steps"]
                lower, upper = a.get("lower", -7.0), a.get("upper", 3.0)

                def f(x):
                    r = max(0.0, x) / steps
                    if r >= 1:
                        return end
                    return end + 0.5 * (start - end) * (1 - math.tanh(lower * (1. - r) + upper * r))
                return f
            """;

    private static final String CYCLIC = """
            def _k_cyclic(low, high, step_size_up, step_size_down=None, amplitude=None, amplitude_by="cycle"):
                if step_size_down is None:
                    step_size_down = step_size_up
                total = step_size_up + step_size_down
                ratio = step_size_up / total

                def f(x):
                    cycle = float(math.floor(1 + x / total))
                    u = 1. + x / total - cycle
                    sf = u / ratio if u <= ratio else (u - 1) / (ratio - 1)
                    height = (high - low) * sf
                    if amplitude is None:
                        return low + height
                    return low + height * amplitude(cycle if amplitude_by == "cycle" else x)
                return f
            """;

    private static final String CYCLIC_EXPONENTIAL_DECAY = """
            def _k_cyclic_exponential_decay(low, high, period, shape="triangle", up_fraction=0.5, step_decay=1.0,
                                            cycle_decay=1.0):
                def amplitude(t, cycle):
                    a = 1
                    if step_decay != 1:
                        a = _pow(step_decay, t)
                    if cycle_decay != 1:
                        a *= _pow(cycle_decay, cycle)
                    return a

                def f(x):
                    t = max(0.0, x)
                    i = float(math.floor(t / period))
                    u = t / period - i
                    if shape == "triangle":
                        w = u / up_fraction if u <= up_fraction else (1 - u) / (1 - up_fraction)
                        return low + (high - low) * amplitude(t, i) * w
                    if shape == "cosine":
                        return low + (high - low) * amplitude(t, i) * (0.5 * (1 + math.cos(math.pi * u)))
                    peak = low + (high - low) * amplitude(i * period, i)
                    return peak if u == 0 else peak * _pow(low / peak, u)
                return f
            """;

    private static final String ONE_CYCLE = """
            def _k_one_cycle(max_lr, total_steps, pct_start=0.3, div_factor=25.0, final_div_factor=1e4,
                             three_phase=False, anneal="cosine", base_momentum=0.85, max_momentum=0.95,
                             phase_offset=0, extrapolate=False, output="lr"):
                initial = max_lr / div_factor
                low = initial / final_div_factor
                peak_at = pct_start * total_steps + phase_offset
                end_at = total_steps + phase_offset
                if three_phase:
                    down_at = 2 * pct_start * total_steps + 2 * phase_offset
                    positions = [0.0, peak_at, down_at, end_at]
                    lr = [initial, max_lr, initial, low]
                    momentum = [max_momentum, base_momentum, max_momentum, max_momentum]
                else:
                    positions = [0.0, peak_at, end_at]
                    lr = [initial, max_lr, low]
                    momentum = [max_momentum, base_momentum, max_momentum]
                values = lr if output == "lr" else momentum
                return lambda x: _knots_at(positions, values, anneal, extrapolate, x)
            """;

    private static final String WARMUP_STABLE_DECAY = """
            def _k_warmup_stable_decay(peak, warmup_steps, stable_steps, decay_steps, init=0.0, end=0.0,
                                       warmup_shape="linear", decay_shape="linear", decay_cycles=0.5):
                def warm(p):
                    if warmup_shape == "linear":
                        return p
                    if warmup_shape == "cosine":
                        return 0.5 * (1.0 - math.cos(math.pi * p))
                    return 1.0 - math.sqrt(1.0 - p)

                def cool(p):
                    if decay_shape == "linear":
                        return 1.0 - p
                    if decay_shape == "cosine":
                        return 0.5 * (1.0 + math.cos(math.pi * decay_cycles * 2.0 * p))
                    return 1.0 - math.sqrt(p)

                def f(x):
                    t = max(0.0, x)
                    if t < warmup_steps:
                        return init + (peak - init) * warm(t / warmup_steps)
                    d = t - warmup_steps - stable_steps
                    if d < 0:
                        return peak
                    if d < decay_steps:
                        return end + (peak - end) * cool(d / decay_steps)
                    return end
                return f
            """;

    private static final String WARMUP = """
            def _k_warmup(schedule, steps, start=0.0, target=None, shape="linear", prefix=True):
                if target is None:
                    target = schedule(0.0)

                def f(x):
                    if x < steps:
                        p = max(0.0, x) / steps
                        if shape == "linear":
                            return start + (target - start) * p
                        if shape == "cosine":
                            return start + (target - start) * (0.5 * (1 - math.cos(math.pi * p)))
                        if shape == "exponential":
                            return start * _pow(target / start, p)
                        return start
                    return schedule(x - steps if prefix else x)
                return f
            """;

    private static final String JOIN = """
            def _k_join(schedules, boundaries):
                offsets = [0.0] + list(boundaries)

                def f(x):
                    i = _count_at_or_below(boundaries, x)
                    return schedules[i](x - offsets[i])
                return f
            """;

    private static final String REPEAT = """
            def _k_repeat(schedule, period, period_mul=1.0, decay=1.0, decay_base=0.0, cycle_limit=0,
                          after_limit=None):
                log_mul = math.log(period_mul)
                after = decay_base if after_limit is None else after_limit

                def cycle_start(i):
                    if period_mul == 1:
                        return i * period
                    return period * (_pow(period_mul, i) - 1) / (period_mul - 1)

                def cycle_at(t):
                    if t <= 0:
                        return 0
                    i = int(math.floor(math.log1p(t / period * (period_mul - 1)) / log_mul))
                    while cycle_start(i + 1) <= t:
                        i += 1
                    while i > 0 and cycle_start(i) > t:
                        i -= 1
                    return i

                def f(x):
                    t = max(0.0, x)
                    if period_mul == 1:
                        c = float(math.floor(t / period))
                        i = int(c)
                        local = t - c * period
                    else:
                        i = cycle_at(t)
                        local = (t - cycle_start(i)) / _pow(period_mul, i)
                    if cycle_limit > 0 and i >= cycle_limit:
                        return after
                    v = schedule(local)
                    return v if decay == 1 else decay_base + (v - decay_base) * _pow(decay, i)
                return f
            """;

    private static final String SCALE = """
            def _k_scale(schedule, factor):
                return lambda x: factor * schedule(x)
            """;

    private static final String OFFSET = """
            def _k_offset(schedule, value):
                return lambda x: schedule(x) + value
            """;

    private static final String SHIFT = """
            def _k_shift(schedule, steps):
                return lambda x: schedule(max(0.0, x - steps))
            """;

    private static final String CLAMP = """
            def _k_clamp(schedule, min=None, max=None):
                low = -math.inf if min is None else min
                high = math.inf if max is None else max

                def f(x):
                    v = schedule(x)
                    return low if v < low else (high if v > high else v)
                return f
            """;

    private static final String HOLD_AFTER = """
            def _k_hold_after(schedule, step):
                return lambda x: schedule(min(x, step))
            """;

    private static String combine(String kind, String expression) {
        return """
                def _k_%s(schedules):
                    def f(x):
                        v = schedules[0](x)
                        for part in schedules[1:]:
                            w = part(x)
                            v = %s
                        return v
                    return f
                """.formatted(kind, expression);
    }

    private static final String EPOCHS = """
            def _k_epochs(schedule, steps_per_epoch, fractional=True):
                def f(x):
                    epoch = x / steps_per_epoch
                    return schedule(epoch if fractional else float(math.floor(epoch)))
                return f
            """;

    /** Kind name → Python source of its {@code _k_} function. */
    static ImmutableMap<String, String> builtIn() {
        return ImmutableMap.<String, String>builder()
                .put("constant", CONSTANT)
                .put("linear", LINEAR)
                .put("cosine", COSINE)
                .put("exponential_decay", EXPONENTIAL_DECAY)
                .put("piecewise_constant", PIECEWISE_CONSTANT)
                .put("piecewise_interpolate", PIECEWISE_INTERPOLATE)
                .put("polynomial", POLYNOMIAL)
                .put("inverse_sqrt", INVERSE_SQRT)
                .put("inverse_time", INVERSE_TIME)
                .put("tanh", TANH)
                .put("cyclic", CYCLIC)
                .put("cyclic_exponential_decay", CYCLIC_EXPONENTIAL_DECAY)
                .put("one_cycle", ONE_CYCLE)
                .put("warmup_stable_decay", WARMUP_STABLE_DECAY)
                .put("warmup", WARMUP)
                .put("join", JOIN)
                .put("repeat", REPEAT)
                .put("scale", SCALE)
                .put("offset", OFFSET)
                .put("shift", SHIFT)
                .put("clamp", CLAMP)
                .put("hold_after", HOLD_AFTER)
                .put("min", combine("min", "v if math.isnan(v) else (w if math.isnan(w) else (v if v <= w else w))"))
                .put("max", combine("max", "v if math.isnan(v) else (w if math.isnan(w) else (v if v >= w else w))"))
                .put("sum", combine("sum", "v + w"))
                .put("product", combine("product", "v * w"))
                .put("epochs", EPOCHS)
                .buildOrThrow();
    }
}
