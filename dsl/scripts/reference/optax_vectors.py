"""Reference vectors for the optax.* presets.

Optax/JAX are not installable on the build machine (no PyPI).  The schedules below are transcribed
line by line from google-deepmind/optax optax/schedules/_schedule.py @006cebd2adddd064757543329c83eaed0890ed82
(re-checked against HEAD 2edbcbe) and optax/schedules/_join.py @58f8353e, with jnp replaced by Python
floats: the values are what Optax computes with `jax.config.update("jax_enable_x64", True)`.  With JAX's
default float32 Optax rounds every value to float32 (relative difference up to ~1e-7).

    /usr/bin/python3 dsl/scripts/reference/optax_vectors.py
"""

import math

import refdata

SOURCE = "optax/schedules/_schedule.py @006cebd + _join.py @58f8353e transcribed (float64, i.e. jax_enable_x64)"


def _clip(x, lo, hi):
    return min(max(x, lo), hi)


def constant_schedule(value):
    return lambda count: value


def polynomial_schedule(init_value, end_value, power, transition_steps, transition_begin=0):
    if transition_steps <= 0:
        return lambda count: init_value
    if transition_begin < 0:
        transition_begin = 0

    def schedule(count):
        count = _clip(count - transition_begin, 0, transition_steps)
        frac = 1 - count / transition_steps
        return (init_value - end_value) * (frac ** power) + end_value

    return schedule


def linear_schedule(init_value, end_value, transition_steps, transition_begin=0):
    return polynomial_schedule(init_value=init_value, end_value=end_value, power=1,
                               transition_steps=transition_steps, transition_begin=transition_begin)


def _sign(x):
    return (x > 0) - (x < 0)


def piecewise_constant_schedule(init_value, boundaries_and_scales=None):
    if boundaries_and_scales is not None:
        if not all(scale >= 0.0 for scale in boundaries_and_scales.values()):
            raise ValueError("`piecewise_constant_schedule` expects non-negative scale factors")

    def schedule(count):
        v = init_value
        if boundaries_and_scales is not None:
            for threshold, scale in sorted(boundaries_and_scales.items()):
                indicator = max(0.0, _sign(threshold - count))
                v = v * indicator + (1 - indicator) * scale * v
        return v

    return schedule


def exponential_decay(init_value, transition_steps, decay_rate, transition_begin=0, staircase=False,
                      end_value=None):
    if transition_steps <= 0:
        return lambda count: init_value
    if decay_rate == 0:
        return lambda count: init_value
    if transition_begin < 0:
        transition_begin = 0
    if end_value is not None:
        clip_fn = max if decay_rate < 1.0 else min

    def schedule(count):
        decreased_count = count - transition_begin
        p = decreased_count / transition_steps
        if staircase:
            p = math.floor(p)
        decayed_value = init_value if decreased_count <= 0 else init_value * (decay_rate ** p)
        if end_value is not None:
            decayed_value = clip_fn(decayed_value, end_value)
        return decayed_value

    return schedule


def cosine_decay_schedule(init_value, decay_steps, alpha=0.0, exponent=1.0):
    if not decay_steps > 0:
        raise ValueError("The cosine_decay_schedule requires positive decay_steps")

    def schedule(count):
        count = min(float(count), float(decay_steps))
        cosine_decay = 0.5 * (1 + math.cos(math.pi * count / decay_steps))
        decayed = (1 - alpha) * cosine_decay ** exponent + alpha
        return init_value * decayed

    return schedule


def _linear_interpolate(start, end, pct):
    return (end - start) * pct + start


def _cosine_interpolate(start, end, pct):
    return end + (start - end) / 2.0 * (math.cos(math.pi * pct) + 1)


def piecewise_interpolate_schedule(interpolate_type, init_value, boundaries_and_scales=None):
    if interpolate_type == "linear":
        interpolate_fn = _linear_interpolate
    elif interpolate_type == "cosine":
        interpolate_fn = _cosine_interpolate
    else:
        raise ValueError("`interpolate_type` must be either 'cosine' or 'linear'")
    if boundaries_and_scales:
        boundaries, scales = zip(*sorted(boundaries_and_scales.items()))
        if not all(scale >= 0.0 for scale in scales):
            raise ValueError("`piecewise_interpolate_schedule` expects non-negative scale factors")
    else:
        boundaries, scales = (), ()

    def schedule(count):
        bounds = (0,) + tuple(boundaries)
        values = []
        acc = None
        for v in (init_value,) + tuple(scales):  # jnp.cumprod
            acc = v if acc is None else acc * v
            values.append(acc)
        total = 0.0
        for j in range(len(bounds) - 1):  # indicator.dot(interp_vals)
            size = max(bounds[j + 1] - bounds[j], 1)
            indicator = 1.0 if (bounds[j] <= count < bounds[j + 1]) else 0.0
            pct = (count - bounds[j]) / size
            total += indicator * interpolate_fn(values[j], values[j + 1], pct)
        return total + (1.0 if bounds[-1] <= count else 0.0) * values[-1]

    return schedule


def linear_onecycle_schedule(transition_steps, peak_value, pct_start=0.3, pct_final=0.85, div_factor=25.0,
                             final_div_factor=1e4):
    if transition_steps <= 0:
        raise ValueError("A linear onecycle schedule was set with a non-positive `transition_steps`")
    return piecewise_interpolate_schedule("linear", peak_value / div_factor, {
        int(pct_start * transition_steps): div_factor,
        int(pct_final * transition_steps): 1.0 / div_factor,
        transition_steps: 1.0 / final_div_factor,
    })


def cosine_onecycle_schedule(transition_steps, peak_value, pct_start=0.3, div_factor=25.0, final_div_factor=1e4):
    if transition_steps <= 0:
        raise ValueError("A cosine onecycle schedule was set with a non-positive `transition_steps`")
    return piecewise_interpolate_schedule("cosine", peak_value / div_factor, {
        int(pct_start * transition_steps): div_factor,
        int(transition_steps): 1.0 / (div_factor * final_div_factor),
    })


def join_schedules(schedules, boundaries):
    def schedule(step):
        output = schedules[0](step)
        for boundary, sched in zip(boundaries, schedules[1:]):
            output = output if step < boundary else sched(step - boundary)
        return output

    return schedule


def warmup_cosine_decay_schedule(init_value, peak_value, warmup_steps, decay_steps, end_value=0.0, exponent=1.0):
    alpha = 0.0 if peak_value == 0.0 else end_value / peak_value
    schedules = [
        linear_schedule(init_value=init_value, end_value=peak_value, transition_steps=warmup_steps),
        cosine_decay_schedule(init_value=peak_value, decay_steps=decay_steps - warmup_steps, alpha=alpha,
                              exponent=exponent),
    ]
    return join_schedules(schedules, [warmup_steps])


def warmup_constant_schedule(init_value, peak_value, warmup_steps):
    return linear_schedule(init_value=init_value, end_value=peak_value, transition_steps=warmup_steps)


def warmup_exponential_decay_schedule(init_value, peak_value, warmup_steps, transition_steps, decay_rate,
                                      transition_begin=0, staircase=False, end_value=None):
    schedules = [
        linear_schedule(init_value=init_value, end_value=peak_value, transition_steps=warmup_steps),
        exponential_decay(init_value=peak_value, transition_steps=transition_steps, decay_rate=decay_rate,
                          transition_begin=transition_begin, staircase=staircase, end_value=end_value),
    ]
    return join_schedules(schedules, [warmup_steps])


def sgdr_schedule(cosine_kwargs):
    boundaries = []
    schedules = []
    step = 0
    for kwargs in cosine_kwargs:
        schedules += [warmup_cosine_decay_schedule(**kwargs)]
        boundaries += [step + kwargs["decay_steps"]]
        step += kwargs["decay_steps"]
    return join_schedules(schedules, boundaries[:-1])


FUNCTIONS = {f.__name__: f for f in (
    constant_schedule, polynomial_schedule, linear_schedule, piecewise_constant_schedule, exponential_decay,
    cosine_decay_schedule, piecewise_interpolate_schedule, linear_onecycle_schedule, cosine_onecycle_schedule,
    join_schedules, warmup_cosine_decay_schedule, sgdr_schedule, warmup_constant_schedule,
    warmup_exponential_decay_schedule)}


def build(spec):
    """A nested schedule document (as configs write it) -> the transcribed Optax schedule."""
    kind = spec["type"]
    assert kind.startswith("optax."), kind
    return from_args(kind[len("optax."):], {k: v for k, v in spec.items() if k != "type"})


def from_args(name, args):
    args = dict(args)
    if name == "join_schedules":
        args["schedules"] = [build(s) for s in args["schedules"]]
    if "boundaries_and_scales" in args and args["boundaries_and_scales"] is not None:
        args["boundaries_and_scales"] = {int(k): v for k, v in args["boundaries_and_scales"].items()}
    return FUNCTIONS[name](**args)


def run(name, case, steps, **args):
    fn = from_args(name, args)
    lr = [float(fn(t)) for t in range(steps)]
    return refdata.write_case("optax", "optax." + name, case, SOURCE, "float64", args, {"lr": lr})


def main():
    refdata.clean("optax")
    run("constant_schedule", "half", 5, value=0.5)

    run("linear_schedule", "begin_2", 11, init_value=1.0, end_value=0.1, transition_steps=4, transition_begin=2)
    run("linear_schedule", "warmup", 8, init_value=0.0, end_value=0.3, transition_steps=5)
    run("linear_schedule", "zero_steps_is_constant", 4, init_value=0.7, end_value=0.1, transition_steps=0)
    run("linear_schedule", "negative_begin_is_zero", 7, init_value=1.0, end_value=0.0, transition_steps=4,
        transition_begin=-3)

    run("polynomial_schedule", "power_2_begin_1", 8, init_value=1.0, end_value=0.1, power=2.0, transition_steps=4,
        transition_begin=1)
    run("polynomial_schedule", "sqrt", 12, init_value=0.5, end_value=0.0, power=0.5, transition_steps=10)

    run("warmup_cosine_decay_schedule", "w3_d10", 15, init_value=0.0, peak_value=1.0, warmup_steps=3,
        decay_steps=10, end_value=0.1)
    run("warmup_cosine_decay_schedule", "exponent_2", 25, init_value=0.01, peak_value=0.5, warmup_steps=5,
        decay_steps=20, end_value=0.001, exponent=2.0)
    run("warmup_cosine_decay_schedule", "defaults_no_warmup", 14, init_value=0.2, peak_value=0.2, warmup_steps=0,
        decay_steps=10)
    run("warmup_cosine_decay_schedule", "peak_zero", 8, init_value=0.1, peak_value=0.0, warmup_steps=2,
        decay_steps=5, end_value=0.3)

    run("warmup_constant_schedule", "w4", 8, init_value=0.0, peak_value=0.5, warmup_steps=4)
    run("warmup_exponential_decay_schedule", "w3", 16, init_value=0.0, peak_value=1.0, warmup_steps=3,
        transition_steps=2, decay_rate=0.5, transition_begin=2, end_value=0.1)
    run("warmup_exponential_decay_schedule", "staircase_no_warmup", 12, init_value=0.3, peak_value=1.0,
        warmup_steps=0, transition_steps=3, decay_rate=0.8, staircase=True)

    run("exponential_decay", "staircase_begin_end", 9, init_value=1.0, transition_steps=2, decay_rate=0.5,
        transition_begin=1, staircase=True, end_value=0.2)
    run("exponential_decay", "continuous_begin", 9, init_value=1.0, transition_steps=2, decay_rate=0.5,
        transition_begin=1)
    run("exponential_decay", "growth_with_cap", 12, init_value=1.0, transition_steps=3, decay_rate=2.0,
        end_value=4.0)
    run("exponential_decay", "zero_steps_is_constant", 4, init_value=0.3, transition_steps=0, decay_rate=0.5)
    run("exponential_decay", "zero_rate_is_constant", 4, init_value=0.3, transition_steps=5, decay_rate=0.0)
    run("exponential_decay", "per_step", 30, init_value=0.1, transition_steps=1, decay_rate=0.9)

    run("cosine_decay_schedule", "alpha_exponent", 7, init_value=1.0, decay_steps=4, alpha=0.1, exponent=2.0)
    run("cosine_decay_schedule", "defaults", 14, init_value=0.5, decay_steps=10)

    run("piecewise_constant_schedule", "two_boundaries", 7, init_value=1.0,
        boundaries_and_scales={"2": 0.5, "4": 0.1})
    run("piecewise_constant_schedule", "none", 3, init_value=0.4)
    run("piecewise_constant_schedule", "boundary_zero_and_growth", 6, init_value=1.0,
        boundaries_and_scales={"0": 0.5, "3": 2.0})

    run("piecewise_interpolate_schedule", "cosine", 7, interpolate_type="cosine", init_value=1.0,
        boundaries_and_scales={"2": 0.5, "4": 0.1})
    run("piecewise_interpolate_schedule", "linear", 11, interpolate_type="linear", init_value=1.0,
        boundaries_and_scales={"4": 0.1, "8": 0.01})
    run("piecewise_interpolate_schedule", "empty", 3, interpolate_type="linear", init_value=0.25)
    run("piecewise_interpolate_schedule", "boundary_zero", 6, interpolate_type="linear", init_value=1.0,
        boundaries_and_scales={"0": 0.5, "3": 2.0})

    run("linear_onecycle_schedule", "T10", 12, transition_steps=10, peak_value=1.0)
    run("linear_onecycle_schedule", "custom", 105, transition_steps=100, peak_value=0.5, pct_start=0.25,
        pct_final=0.8, div_factor=10.0, final_div_factor=100.0)
    run("cosine_onecycle_schedule", "T10", 12, transition_steps=10, peak_value=1.0)
    run("cosine_onecycle_schedule", "T97", 99, transition_steps=97, peak_value=0.3)

    run("join_schedules", "constant_then_linear", 9,
        schedules=[{"type": "optax.constant_schedule", "value": 0.5},
                   {"type": "optax.linear_schedule", "init_value": 1.0, "end_value": 0.0, "transition_steps": 4}],
        boundaries=[3])
    run("join_schedules", "three_pieces", 16,
        schedules=[{"type": "optax.linear_schedule", "init_value": 0.0, "end_value": 1.0, "transition_steps": 4},
                   {"type": "optax.cosine_decay_schedule", "init_value": 1.0, "decay_steps": 6, "alpha": 0.1},
                   {"type": "optax.exponential_decay", "init_value": 0.1, "transition_steps": 1,
                    "decay_rate": 0.5}],
        boundaries=[4, 10])

    run("sgdr_schedule", "two_equal", 12, cosine_kwargs=[
        {"init_value": 0.0, "peak_value": 1.0, "warmup_steps": 1, "decay_steps": 4, "end_value": 0.1},
        {"init_value": 0.0, "peak_value": 1.0, "warmup_steps": 1, "decay_steps": 4, "end_value": 0.1}])
    run("sgdr_schedule", "growing_decaying", 40, cosine_kwargs=[
        {"init_value": 0.0, "peak_value": 1.0, "warmup_steps": 2, "decay_steps": 6},
        {"init_value": 0.1, "peak_value": 0.5, "warmup_steps": 2, "decay_steps": 12, "end_value": 0.01},
        {"init_value": 0.05, "peak_value": 0.25, "warmup_steps": 0, "decay_steps": 18, "end_value": 0.01,
         "exponent": 2.0}])


if __name__ == "__main__":
    main()
