"""Reference vectors for the transformers.* presets.

Hugging Face transformers is not installable on the build machine (no PyPI), so its lr lambdas are
transcribed line by line from huggingface/transformers src/transformers/optimization.py at commit
005edacb6b5dabbf0843e92c6623de9e07ca6241 (the version schedules.md cites; transformers 5.x).  Every
HF schedule is a torch LambdaLR, so each lambda below is run through the REAL torch LambdaLR of
Debian's python3-torch (lr = initial_lr * lambda(step)), exactly as HF does:

    /usr/bin/python3 dsl/scripts/reference/transformers_vectors.py
"""

import math
import warnings
from functools import partial

import torch

import refdata

warnings.filterwarnings("ignore")
SOURCE = ("transformers optimization.py @005edacb transcribed (lr lambdas), run through torch %s "
          "LambdaLR (executed)" % torch.__version__)


# ---- transcribed from src/transformers/optimization.py @005edacb -------------------------------

def _get_constant_lambda(_=None):
    return 1


def _get_constant_schedule_with_warmup_lr_lambda(current_step, *, num_warmup_steps):
    if current_step < num_warmup_steps:
        return float(current_step) / float(max(1.0, num_warmup_steps))
    return 1.0


def _get_linear_schedule_with_warmup_lr_lambda(current_step, *, num_warmup_steps, num_training_steps):
    if current_step < num_warmup_steps:
        return float(current_step) / float(max(1, num_warmup_steps))
    return max(0.0, float(num_training_steps - current_step) / float(max(1, num_training_steps - num_warmup_steps)))


def _get_cosine_schedule_with_warmup_lr_lambda(current_step, *, num_warmup_steps, num_training_steps, num_cycles,
                                               min_lr_rate=0.0):
    # (the file defines this name twice; the second definition, with min_lr_rate, is the live one)
    if current_step < num_warmup_steps:
        return float(current_step) / float(max(1, num_warmup_steps))
    progress = float(current_step - num_warmup_steps) / float(max(1, num_training_steps - num_warmup_steps))
    factor = 0.5 * (1.0 + math.cos(math.pi * float(num_cycles) * 2.0 * progress))
    factor = factor * (1 - min_lr_rate) + min_lr_rate
    return max(0, factor)


def _get_cosine_with_hard_restarts_schedule_with_warmup_lr_lambda(current_step, *, num_warmup_steps,
                                                                  num_training_steps, num_cycles):
    if current_step < num_warmup_steps:
        return float(current_step) / float(max(1, num_warmup_steps))
    progress = float(current_step - num_warmup_steps) / float(max(1, num_training_steps - num_warmup_steps))
    if progress >= 1.0:
        return 0.0
    return max(0.0, 0.5 * (1.0 + math.cos(math.pi * ((float(num_cycles) * progress) % 1.0))))


def _get_polynomial_decay_schedule_with_warmup_lr_lambda(current_step, *, num_warmup_steps, num_training_steps,
                                                         lr_end, power, lr_init):
    if current_step < num_warmup_steps:
        return float(current_step) / float(max(1, num_warmup_steps))
    elif current_step > num_training_steps:
        return lr_end / lr_init
    else:
        lr_range = lr_init - lr_end
        decay_steps = num_training_steps - num_warmup_steps
        pct_remaining = 1 - (current_step - num_warmup_steps) / decay_steps
        decay = lr_range * pct_remaining ** power + lr_end
        return decay / lr_init


def _get_inverse_sqrt_schedule_lr_lambda(current_step, *, num_warmup_steps, timescale=None):
    if current_step < num_warmup_steps:
        return float(current_step) / float(max(1, num_warmup_steps))
    shift = timescale - num_warmup_steps
    decay = 1.0 / math.sqrt((current_step + shift) / timescale)
    return decay


def _get_cosine_with_min_lr_schedule_with_warmup_lr_rate_lambda(current_step, *, num_warmup_steps,
                                                               num_training_steps, num_cycles, min_lr_rate=0.0,
                                                               warmup_lr_rate=None):
    current_step = float(current_step)
    num_warmup_steps = float(num_warmup_steps)
    num_training_steps = float(num_training_steps)
    if current_step < num_warmup_steps:
        if warmup_lr_rate is None:
            return (current_step + 1.) / max(1., num_warmup_steps)
        else:
            warmup_lr_rate = float(warmup_lr_rate)
            return warmup_lr_rate + (1.0 - warmup_lr_rate) * (current_step) / (max(1, num_warmup_steps - 1))
    progress = (current_step - num_warmup_steps + 1.) / (max(1., num_training_steps - num_warmup_steps))
    factor = 0.5 * (1.0 + math.cos(math.pi * num_cycles * 2.0 * progress))
    factor = factor * (1 - min_lr_rate) + min_lr_rate
    return max(0, factor)


def _get_wsd_scheduler_lambda(current_step, *, num_warmup_steps, num_stable_steps, num_decay_steps, warmup_type,
                              decay_type, min_lr_ratio, num_cycles):
    if current_step < num_warmup_steps:
        progress = float(current_step) / float(max(1, num_warmup_steps))
        if warmup_type == "linear":
            factor = progress
        elif warmup_type == "cosine":
            factor = 0.5 * (1.0 - math.cos(math.pi * progress))
        elif warmup_type == "1-sqrt":
            factor = 1.0 - math.sqrt(1.0 - progress)
        factor = factor * (1.0 - min_lr_ratio) + min_lr_ratio
        return max(0.0, factor)
    if current_step < num_warmup_steps + num_stable_steps:
        return 1.0
    if current_step < num_warmup_steps + num_stable_steps + num_decay_steps:
        progress = float(current_step - num_warmup_steps - num_stable_steps) / float(max(1, num_decay_steps))
        if decay_type == "linear":
            factor = 1.0 - progress
        elif decay_type == "cosine":
            factor = 0.5 * (1.0 + math.cos(math.pi * float(num_cycles) * 2.0 * progress))
        elif decay_type == "1-sqrt":
            factor = 1.0 - math.sqrt(progress)
        factor = factor * (1.0 - min_lr_ratio) + min_lr_ratio
        return max(0.0, factor)
    return min_lr_ratio


# The public factories, with the optimizer replaced by base_lr (= optimizer.defaults["lr"]).

def get_constant_schedule(base_lr):
    return _get_constant_lambda


def get_constant_schedule_with_warmup(base_lr, num_warmup_steps):
    return partial(_get_constant_schedule_with_warmup_lr_lambda, num_warmup_steps=num_warmup_steps)


def get_linear_schedule_with_warmup(base_lr, num_warmup_steps, num_training_steps):
    return partial(_get_linear_schedule_with_warmup_lr_lambda, num_warmup_steps=num_warmup_steps,
                   num_training_steps=num_training_steps)


def get_cosine_schedule_with_warmup(base_lr, num_warmup_steps, num_training_steps, num_cycles=0.5):
    return partial(_get_cosine_schedule_with_warmup_lr_lambda, num_warmup_steps=num_warmup_steps,
                   num_training_steps=num_training_steps, num_cycles=num_cycles)


def get_cosine_with_hard_restarts_schedule_with_warmup(base_lr, num_warmup_steps, num_training_steps, num_cycles=1):
    return partial(_get_cosine_with_hard_restarts_schedule_with_warmup_lr_lambda, num_warmup_steps=num_warmup_steps,
                   num_training_steps=num_training_steps, num_cycles=num_cycles)


def get_polynomial_decay_schedule_with_warmup(base_lr, num_warmup_steps, num_training_steps, lr_end=1e-7,
                                              power=1.0):
    lr_init = base_lr
    if not (lr_init > lr_end):
        raise ValueError(f"lr_end ({lr_end}) must be smaller than initial lr ({lr_init})")
    return partial(_get_polynomial_decay_schedule_with_warmup_lr_lambda, num_warmup_steps=num_warmup_steps,
                   num_training_steps=num_training_steps, lr_end=lr_end, power=power, lr_init=lr_init)


def get_inverse_sqrt_schedule(base_lr, num_warmup_steps, timescale=None):
    if timescale is None:
        timescale = num_warmup_steps or 10_000
    return partial(_get_inverse_sqrt_schedule_lr_lambda, num_warmup_steps=num_warmup_steps, timescale=timescale)


def _min_lr_rate(base_lr, min_lr, min_lr_rate):
    if min_lr is not None and min_lr_rate is not None:
        raise ValueError("Only one of min_lr or min_lr_rate should be set")
    elif min_lr is not None:
        min_lr_rate = min_lr / base_lr
    elif min_lr_rate is None:
        raise ValueError("One of min_lr or min_lr_rate should be set through the `lr_scheduler_kwargs`")
    return min_lr_rate


def get_cosine_with_min_lr_schedule_with_warmup(base_lr, num_warmup_steps, num_training_steps, num_cycles=0.5,
                                                min_lr=None, min_lr_rate=None):
    return partial(_get_cosine_schedule_with_warmup_lr_lambda, num_warmup_steps=num_warmup_steps,
                   num_training_steps=num_training_steps, num_cycles=num_cycles,
                   min_lr_rate=_min_lr_rate(base_lr, min_lr, min_lr_rate))


def get_cosine_with_min_lr_schedule_with_warmup_lr_rate(base_lr, num_warmup_steps, num_training_steps,
                                                        num_cycles=0.5, min_lr=None, min_lr_rate=None,
                                                        warmup_lr_rate=None):
    return partial(_get_cosine_with_min_lr_schedule_with_warmup_lr_rate_lambda, num_warmup_steps=num_warmup_steps,
                   num_training_steps=num_training_steps, num_cycles=num_cycles,
                   min_lr_rate=_min_lr_rate(base_lr, min_lr, min_lr_rate), warmup_lr_rate=warmup_lr_rate)


def get_wsd_schedule(base_lr, num_warmup_steps, num_decay_steps, num_training_steps=None, num_stable_steps=None,
                     warmup_type="linear", decay_type="cosine", min_lr_ratio=0, num_cycles=0.5):
    if num_training_steps is None and num_stable_steps is None:
        raise ValueError("Either num_training_steps or num_stable_steps must be specified.")
    if num_stable_steps is None:
        num_stable_steps = num_training_steps - num_warmup_steps - num_decay_steps
    return partial(_get_wsd_scheduler_lambda, num_warmup_steps=num_warmup_steps, num_stable_steps=num_stable_steps,
                   num_decay_steps=num_decay_steps, warmup_type=warmup_type, decay_type=decay_type,
                   min_lr_ratio=min_lr_ratio, num_cycles=num_cycles)


TYPE_TO_SCHEDULER_FUNCTION = {
    "linear": get_linear_schedule_with_warmup,
    "cosine": get_cosine_schedule_with_warmup,
    "cosine_with_restarts": get_cosine_with_hard_restarts_schedule_with_warmup,
    "polynomial": get_polynomial_decay_schedule_with_warmup,
    "constant": get_constant_schedule,
    "constant_with_warmup": get_constant_schedule_with_warmup,
    "inverse_sqrt": get_inverse_sqrt_schedule,
    "cosine_with_min_lr": get_cosine_with_min_lr_schedule_with_warmup,
    "cosine_warmup_with_min_lr": get_cosine_with_min_lr_schedule_with_warmup_lr_rate,
    "warmup_stable_decay": get_wsd_schedule,
}


def get_scheduler(base_lr, name, num_warmup_steps=None, num_training_steps=None, scheduler_specific_kwargs=None):
    schedule_func = TYPE_TO_SCHEDULER_FUNCTION[name]
    if name == "constant":
        return schedule_func(base_lr)
    if scheduler_specific_kwargs is None:
        scheduler_specific_kwargs = {}
    if num_warmup_steps is None:
        raise ValueError(f"{name} requires `num_warmup_steps`, please provide that argument.")
    if name == "constant_with_warmup":
        return schedule_func(base_lr, num_warmup_steps=num_warmup_steps)
    if name == "inverse_sqrt":
        return schedule_func(base_lr, num_warmup_steps=num_warmup_steps)
    if name == "warmup_stable_decay":
        return schedule_func(base_lr, num_warmup_steps=num_warmup_steps, num_training_steps=num_training_steps,
                             **scheduler_specific_kwargs)
    if num_training_steps is None:
        raise ValueError(f"{name} requires `num_training_steps`, please provide that argument.")
    return schedule_func(base_lr, num_warmup_steps=num_warmup_steps, num_training_steps=num_training_steps,
                         **scheduler_specific_kwargs)


# ---- running through torch LambdaLR ----------------------------------------------------------------

FUNCTIONS = {
    "get_constant_schedule": get_constant_schedule,
    "get_constant_schedule_with_warmup": get_constant_schedule_with_warmup,
    "get_linear_schedule_with_warmup": get_linear_schedule_with_warmup,
    "get_cosine_schedule_with_warmup": get_cosine_schedule_with_warmup,
    "get_cosine_with_hard_restarts_schedule_with_warmup": get_cosine_with_hard_restarts_schedule_with_warmup,
    "get_polynomial_decay_schedule_with_warmup": get_polynomial_decay_schedule_with_warmup,
    "get_inverse_sqrt_schedule": get_inverse_sqrt_schedule,
    "get_cosine_with_min_lr_schedule_with_warmup": get_cosine_with_min_lr_schedule_with_warmup,
    "get_cosine_with_min_lr_schedule_with_warmup_lr_rate": get_cosine_with_min_lr_schedule_with_warmup_lr_rate,
    "get_wsd_schedule": get_wsd_schedule,
    "get_scheduler": get_scheduler,
}


def run(function, case, steps, **args):
    lam = FUNCTIONS[function](**args)
    p = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([p], lr=args["base_lr"])
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lam)
    lr, raises = [], None
    for t in range(steps):
        if t > 0:
            opt.step()
            try:
                sched.step()
            except Exception as e:
                raises = {"step": t, "error": f"{type(e).__name__}: {e}"}
                break
        lr.append(float(sched.get_last_lr()[0]))
    return refdata.write_case("transformers", "transformers." + function, case, SOURCE, "float64", args,
                              {"lr": lr}, raises)


def main():
    refdata.clean("transformers")
    run("get_constant_schedule", "base", 6, base_lr=0.3)
    run("get_constant_schedule_with_warmup", "w4", 10, base_lr=1.0, num_warmup_steps=4)
    run("get_constant_schedule_with_warmup", "w0", 5, base_lr=0.5, num_warmup_steps=0)

    run("get_linear_schedule_with_warmup", "w3_n10", 16, base_lr=1.0, num_warmup_steps=3, num_training_steps=10)
    run("get_linear_schedule_with_warmup", "w0_n10", 14, base_lr=0.1, num_warmup_steps=0, num_training_steps=10)
    run("get_linear_schedule_with_warmup", "w5_n5", 9, base_lr=1.0, num_warmup_steps=5, num_training_steps=5)

    run("get_cosine_schedule_with_warmup", "w3_n10", 16, base_lr=1.0, num_warmup_steps=3, num_training_steps=10)
    run("get_cosine_schedule_with_warmup", "cycles_1_5", 25, base_lr=1.0, num_warmup_steps=2,
        num_training_steps=20, num_cycles=1.5)
    run("get_cosine_schedule_with_warmup", "w0_n20", 30, base_lr=0.01, num_warmup_steps=0, num_training_steps=20)

    run("get_cosine_with_hard_restarts_schedule_with_warmup", "cycles_2", 16, base_lr=1.0, num_warmup_steps=3,
        num_training_steps=10, num_cycles=2)
    run("get_cosine_with_hard_restarts_schedule_with_warmup", "cycles_3_w0", 16, base_lr=1.0, num_warmup_steps=0,
        num_training_steps=12, num_cycles=3)
    # cycle boundaries on whole steps (nc * progress hits 1.0, 2.0 in floating point or just below)
    run("get_cosine_with_hard_restarts_schedule_with_warmup", "cycles_3_n15", 20, base_lr=1.0, num_warmup_steps=0,
        num_training_steps=15, num_cycles=3)
    run("get_cosine_with_hard_restarts_schedule_with_warmup", "cycles_7_n21", 25, base_lr=1.0, num_warmup_steps=2,
        num_training_steps=23, num_cycles=7)
    run("get_cosine_with_hard_restarts_schedule_with_warmup", "cycles_5_n35", 40, base_lr=1.0, num_warmup_steps=0,
        num_training_steps=35, num_cycles=5)
    # boundaries where num_cycles * progress and progress / cycle-length round differently
    run("get_cosine_with_hard_restarts_schedule_with_warmup", "cycles_14_n18", 22, base_lr=1.0, num_warmup_steps=0,
        num_training_steps=18, num_cycles=14)
    run("get_cosine_with_hard_restarts_schedule_with_warmup", "cycles_22_n22", 26, base_lr=1.0, num_warmup_steps=0,
        num_training_steps=22, num_cycles=22)
    run("get_cosine_with_hard_restarts_schedule_with_warmup", "cycles_21_n27_w3", 34, base_lr=1.0,
        num_warmup_steps=3, num_training_steps=30, num_cycles=21)
    run("get_cosine_with_hard_restarts_schedule_with_warmup", "default_cycles", 14, base_lr=0.2,
        num_warmup_steps=2, num_training_steps=10)

    run("get_polynomial_decay_schedule_with_warmup", "power_2", 16, base_lr=1.0, num_warmup_steps=3,
        num_training_steps=10, lr_end=0.1, power=2.0)
    run("get_polynomial_decay_schedule_with_warmup", "defaults", 14, base_lr=0.01, num_warmup_steps=2,
        num_training_steps=10)
    run("get_polynomial_decay_schedule_with_warmup", "sqrt_w0", 12, base_lr=1.0, num_warmup_steps=0,
        num_training_steps=8, lr_end=0.2, power=0.5)

    run("get_inverse_sqrt_schedule", "w3", 16, base_lr=1.0, num_warmup_steps=3)
    run("get_inverse_sqrt_schedule", "w0_default_timescale", 12, base_lr=1.0, num_warmup_steps=0)
    run("get_inverse_sqrt_schedule", "timescale_5", 16, base_lr=0.5, num_warmup_steps=3, timescale=5)

    run("get_cosine_with_min_lr_schedule_with_warmup", "rate_0_1", 16, base_lr=1.0, num_warmup_steps=3,
        num_training_steps=10, min_lr_rate=0.1)
    run("get_cosine_with_min_lr_schedule_with_warmup", "min_lr", 16, base_lr=0.1, num_warmup_steps=3,
        num_training_steps=10, min_lr=0.01)
    run("get_cosine_with_min_lr_schedule_with_warmup", "one_cycle", 25, base_lr=1.0, num_warmup_steps=0,
        num_training_steps=20, num_cycles=1.0, min_lr_rate=0.2)

    run("get_cosine_with_min_lr_schedule_with_warmup_lr_rate", "rate_0_1", 16, base_lr=1.0, num_warmup_steps=3,
        num_training_steps=10, min_lr_rate=0.1)
    run("get_cosine_with_min_lr_schedule_with_warmup_lr_rate", "warmup_rate", 16, base_lr=1.0,
        num_warmup_steps=4, num_training_steps=12, min_lr=0.05, warmup_lr_rate=0.2)

    run("get_wsd_schedule", "n10_d3", 14, base_lr=1.0, num_warmup_steps=3, num_decay_steps=3,
        num_training_steps=10)
    run("get_wsd_schedule", "linear_1sqrt", 16, base_lr=1.0, num_warmup_steps=4, num_decay_steps=4,
        num_stable_steps=3, decay_type="1-sqrt")
    run("get_wsd_schedule", "cosine_warmup_min", 18, base_lr=0.5, num_warmup_steps=4, num_decay_steps=5,
        num_training_steps=14, warmup_type="cosine", decay_type="linear", min_lr_ratio=0.1)
    run("get_wsd_schedule", "1sqrt_warmup_cycles", 18, base_lr=1.0, num_warmup_steps=3, num_decay_steps=6,
        num_training_steps=12, warmup_type="1-sqrt", num_cycles=1.0, min_lr_ratio=0.05)

    run("get_wsd_schedule", "no_decay_steps", 9, base_lr=1.0, num_warmup_steps=2, num_decay_steps=0,
        num_stable_steps=3, min_lr_ratio=0.1)
    run("get_wsd_schedule", "warmup_only", 5, base_lr=0.5, num_warmup_steps=1, num_decay_steps=0,
        num_training_steps=1, warmup_type="cosine")

    run("get_scheduler", "linear", 16, base_lr=1.0, name="linear", num_warmup_steps=3, num_training_steps=10)
    run("get_scheduler", "cosine_with_restarts", 16, base_lr=1.0, name="cosine_with_restarts",
        num_warmup_steps=3, num_training_steps=10, scheduler_specific_kwargs={"num_cycles": 2})
    run("get_scheduler", "constant", 5, base_lr=0.2, name="constant", num_warmup_steps=3)
    run("get_scheduler", "warmup_stable_decay", 14, base_lr=1.0, name="warmup_stable_decay", num_warmup_steps=3,
        num_training_steps=10, scheduler_specific_kwargs={"num_decay_steps": 3})
    run("get_scheduler", "cosine_with_min_lr", 16, base_lr=1.0, name="cosine_with_min_lr", num_warmup_steps=3,
        num_training_steps=10, scheduler_specific_kwargs={"min_lr_rate": 0.1})


if __name__ == "__main__":
    main()
