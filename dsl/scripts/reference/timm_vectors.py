"""Reference vectors for the timm.* presets.

timm is not installable on the build machine (no PyPI).  The `_get_lr(t)` bodies below are
transcribed line by line from huggingface/pytorch-image-models timm/scheduler/:
  cosine_lr.py    @7479d451a6dfd8af27f941b8e82a7402461fae80
  tanh_lr.py      @6fc886acaff38167e42d4ffb7404c089496dd67a (constructor: warmup target) and @0d4c04f3
  poly_lr.py      @7479d451a6dfd8af27f941b8e82a7402461fae80
  step_lr.py      @16664ea31ba52dc55c3744e69741fffddb4845da
  multistep_lr.py @b1b024dfed5870cb1238c8c7c326d6ea8ef67300 (bisect_right(decay_t, t + 1): the
                  behaviour of the released timm 1.0.x that schedules.md verified by running timm 1.0.29)
Noise (noise_range_t, ...) is not transcribed: the presets do not offer it.

Our step t is the `t` timm's scheduler is stepped with (step(t) / step_update(t)); the value is
_get_lr(t) for a single parameter group whose initial lr is base_lr.

    /usr/bin/python3 dsl/scripts/reference/timm_vectors.py
"""

import bisect
import math

import refdata

SOURCE = ("timm/scheduler/*.py (huggingface/pytorch-image-models, commits listed in timm_vectors.py) "
          "transcribed: _get_lr(t)")


class _Cycles:
    """The cycle arithmetic shared verbatim by CosineLRScheduler, TanhLRScheduler and PolyLRScheduler."""

    def cycle(self, t):
        if self.cycle_mul != 1:
            i = math.floor(math.log(1 - t / self.t_initial * (1 - self.cycle_mul), self.cycle_mul))
            t_i = self.cycle_mul ** i * self.t_initial
            t_curr = t - (1 - self.cycle_mul ** i) / (1 - self.cycle_mul) * self.t_initial
        else:
            i = t // self.t_initial
            t_i = self.t_initial
            t_curr = t - (self.t_initial * i)
        return i, t_i, t_curr


class CosineLRScheduler(_Cycles):
    def __init__(self, base_lr, t_initial, lr_min=0., cycle_mul=1., cycle_decay=1., cycle_limit=1, warmup_t=0,
                 warmup_lr_init=0, warmup_prefix=False, k_decay=1.0):
        assert t_initial > 0
        assert lr_min >= 0
        self.base_values = [base_lr]
        self.t_initial = t_initial
        self.lr_min = lr_min
        self.cycle_mul = cycle_mul
        self.cycle_decay = cycle_decay
        self.cycle_limit = cycle_limit
        self.warmup_t = warmup_t
        self.warmup_lr_init = warmup_lr_init
        self.warmup_prefix = warmup_prefix
        self.k_decay = k_decay
        if self.warmup_t:
            self.warmup_steps = [(v - warmup_lr_init) / self.warmup_t for v in self.base_values]
        else:
            self.warmup_steps = [1 for _ in self.base_values]

    def _get_lr(self, t):
        if t < self.warmup_t:
            lrs = [self.warmup_lr_init + t * s for s in self.warmup_steps]
        else:
            if self.warmup_prefix:
                t = t - self.warmup_t
            i, t_i, t_curr = self.cycle(t)
            gamma = self.cycle_decay ** i
            lr_max_values = [v * gamma for v in self.base_values]
            k = self.k_decay
            if i < self.cycle_limit:
                lrs = [self.lr_min + 0.5 * (lr_max - self.lr_min) * (1 + math.cos(math.pi * t_curr ** k / t_i ** k))
                       for lr_max in lr_max_values]
            else:
                lrs = [self.lr_min for _ in self.base_values]
        return lrs


class TanhLRScheduler(_Cycles):
    def __init__(self, base_lr, t_initial, lb=-7., ub=3., lr_min=0., cycle_mul=1., cycle_decay=1., cycle_limit=1,
                 warmup_t=0, warmup_lr_init=0, warmup_prefix=False):
        assert t_initial > 0
        assert lr_min >= 0
        assert lb < ub
        assert cycle_limit >= 0
        assert warmup_t >= 0
        assert warmup_lr_init >= 0
        self.base_values = [base_lr]
        self.lb = lb
        self.ub = ub
        self.t_initial = t_initial
        self.lr_min = lr_min
        self.cycle_mul = cycle_mul
        self.cycle_decay = cycle_decay
        self.cycle_limit = cycle_limit
        self.warmup_t = warmup_t
        self.warmup_lr_init = warmup_lr_init
        self.warmup_prefix = warmup_prefix
        if self.warmup_t:
            t_v = self.base_values if self.warmup_prefix else self._get_lr(self.warmup_t)
            self.warmup_steps = [(v - warmup_lr_init) / self.warmup_t for v in t_v]
        else:
            self.warmup_steps = [1 for _ in self.base_values]

    def _get_lr(self, t):
        if t < self.warmup_t:
            lrs = [self.warmup_lr_init + t * s for s in self.warmup_steps]
        else:
            if self.warmup_prefix:
                t = t - self.warmup_t
            i, t_i, t_curr = self.cycle(t)
            if i < self.cycle_limit:
                gamma = self.cycle_decay ** i
                lr_max_values = [v * gamma for v in self.base_values]
                tr = t_curr / t_i
                lrs = [self.lr_min + 0.5 * (lr_max - self.lr_min) * (1 - math.tanh(self.lb * (1. - tr) + self.ub * tr))
                       for lr_max in lr_max_values]
            else:
                lrs = [self.lr_min for _ in self.base_values]
        return lrs


class PolyLRScheduler(_Cycles):
    def __init__(self, base_lr, t_initial, power=0.5, lr_min=0., cycle_mul=1., cycle_decay=1., cycle_limit=1,
                 warmup_t=0, warmup_lr_init=0, warmup_prefix=False, k_decay=1.0):
        assert t_initial > 0
        assert lr_min >= 0
        self.base_values = [base_lr]
        self.t_initial = t_initial
        self.power = power
        self.lr_min = lr_min
        self.cycle_mul = cycle_mul
        self.cycle_decay = cycle_decay
        self.cycle_limit = cycle_limit
        self.warmup_t = warmup_t
        self.warmup_lr_init = warmup_lr_init
        self.warmup_prefix = warmup_prefix
        self.k_decay = k_decay
        if self.warmup_t:
            self.warmup_steps = [(v - warmup_lr_init) / self.warmup_t for v in self.base_values]
        else:
            self.warmup_steps = [1 for _ in self.base_values]

    def _get_lr(self, t):
        if t < self.warmup_t:
            lrs = [self.warmup_lr_init + t * s for s in self.warmup_steps]
        else:
            if self.warmup_prefix:
                t = t - self.warmup_t
            i, t_i, t_curr = self.cycle(t)
            gamma = self.cycle_decay ** i
            lr_max_values = [v * gamma for v in self.base_values]
            k = self.k_decay
            if i < self.cycle_limit:
                lrs = [self.lr_min + (lr_max - self.lr_min) * (1 - t_curr ** k / t_i ** k) ** self.power
                       for lr_max in lr_max_values]
            else:
                lrs = [self.lr_min for _ in self.base_values]
        return lrs


class StepLRScheduler:
    def __init__(self, base_lr, decay_t, decay_rate=1., warmup_t=0, warmup_lr_init=0, warmup_prefix=True):
        self.base_values = [base_lr]
        self.decay_t = decay_t
        self.decay_rate = decay_rate
        self.warmup_t = warmup_t
        self.warmup_lr_init = warmup_lr_init
        self.warmup_prefix = warmup_prefix
        if self.warmup_t:
            self.warmup_steps = [(v - warmup_lr_init) / self.warmup_t for v in self.base_values]
        else:
            self.warmup_steps = [1 for _ in self.base_values]

    def _get_lr(self, t):
        if t < self.warmup_t:
            lrs = [self.warmup_lr_init + t * s for s in self.warmup_steps]
        else:
            if self.warmup_prefix:
                t = t - self.warmup_t
            lrs = [v * (self.decay_rate ** (t // self.decay_t)) for v in self.base_values]
        return lrs


class MultiStepLRScheduler:
    def __init__(self, base_lr, decay_t, decay_rate=1., warmup_t=0, warmup_lr_init=0, warmup_prefix=True):
        self.base_values = [base_lr]
        self.decay_t = decay_t
        self.decay_rate = decay_rate
        self.warmup_t = warmup_t
        self.warmup_lr_init = warmup_lr_init
        self.warmup_prefix = warmup_prefix
        if self.warmup_t:
            self.warmup_steps = [(v - warmup_lr_init) / self.warmup_t for v in self.base_values]
        else:
            self.warmup_steps = [1 for _ in self.base_values]

    def get_curr_decay_steps(self, t):
        return bisect.bisect_right(self.decay_t, t + 1)

    def _get_lr(self, t):
        if t < self.warmup_t:
            lrs = [self.warmup_lr_init + t * s for s in self.warmup_steps]
        else:
            if self.warmup_prefix:
                t = t - self.warmup_t
            lrs = [v * (self.decay_rate ** self.get_curr_decay_steps(t)) for v in self.base_values]
        return lrs


CLASSES = {c.__name__: c for c in
           (CosineLRScheduler, TanhLRScheduler, PolyLRScheduler, StepLRScheduler, MultiStepLRScheduler)}


def run(name, case, steps, **args):
    sched = CLASSES[name](**args)
    lr = [float(sched._get_lr(t)[0]) for t in range(steps)]
    return refdata.write_case("timm", "timm." + name, case, SOURCE, "float64", args, {"lr": lr})


def main():
    refdata.clean("timm")
    run("CosineLRScheduler", "default", 15, base_lr=1.0, t_initial=10)
    run("CosineLRScheduler", "warmup_no_prefix", 11, base_lr=1.0, t_initial=4, lr_min=0.1, warmup_t=2,
        warmup_lr_init=0.01)
    run("CosineLRScheduler", "warmup_prefix", 11, base_lr=1.0, t_initial=4, lr_min=0.1, warmup_t=2,
        warmup_lr_init=0.01, warmup_prefix=True)
    run("CosineLRScheduler", "cycle_mul_2_decay_limit_3", 21, base_lr=1.0, t_initial=2, cycle_mul=2.0,
        cycle_decay=0.5, cycle_limit=3)
    run("CosineLRScheduler", "k_decay_2", 9, base_lr=1.0, t_initial=4, k_decay=2.0)
    run("CosineLRScheduler", "equal_cycles_decay", 16, base_lr=0.5, t_initial=5, lr_min=0.01, cycle_decay=0.7,
        cycle_limit=2)
    run("CosineLRScheduler", "cycle_mul_1_5", 40, base_lr=1.0, t_initial=4, cycle_mul=1.5, cycle_decay=0.8,
        cycle_limit=4, lr_min=0.05)
    run("CosineLRScheduler", "everything", 60, base_lr=0.2, t_initial=6, lr_min=0.002, cycle_mul=2.0,
        cycle_decay=0.6, cycle_limit=3, warmup_t=5, warmup_lr_init=0.0001, warmup_prefix=True, k_decay=0.5)

    # many cycle boundaries, where timm's floating-point log could slip
    run("CosineLRScheduler", "cycle_mul_3_many", 400, base_lr=1.0, t_initial=1, cycle_mul=3.0, cycle_limit=6)
    run("CosineLRScheduler", "cycle_mul_1_1_many", 300, base_lr=1.0, t_initial=5, cycle_mul=1.1, cycle_limit=25,
        cycle_decay=0.95, lr_min=0.01)
    run("PolyLRScheduler", "cycle_mul_2_5", 200, base_lr=1.0, t_initial=2, power=1.0, cycle_mul=2.5, cycle_limit=5)

    run("TanhLRScheduler", "default", 9, base_lr=1.0, t_initial=4)
    run("TanhLRScheduler", "warmup_no_prefix", 13, base_lr=1.0, t_initial=8, lb=-5.0, ub=4.0, lr_min=0.05,
        warmup_t=3, warmup_lr_init=0.1)
    run("TanhLRScheduler", "warmup_prefix", 13, base_lr=1.0, t_initial=8, lr_min=0.05, warmup_t=3,
        warmup_lr_init=0.1, warmup_prefix=True)
    run("TanhLRScheduler", "cycles", 30, base_lr=1.0, t_initial=3, cycle_mul=2.0, cycle_decay=0.5, cycle_limit=3)

    run("PolyLRScheduler", "default", 9, base_lr=1.0, t_initial=4)
    run("PolyLRScheduler", "power_2_cycles", 13, base_lr=1.0, t_initial=4, power=2.0, lr_min=0.1, cycle_limit=2)
    run("PolyLRScheduler", "k_decay", 12, base_lr=0.1, t_initial=10, power=1.0, k_decay=1.5)
    run("PolyLRScheduler", "warmup", 12, base_lr=1.0, t_initial=6, warmup_t=3, warmup_lr_init=0.2)
    run("PolyLRScheduler", "cycle_mul", 30, base_lr=1.0, t_initial=3, power=1.0, cycle_mul=2.0, cycle_decay=0.5,
        cycle_limit=3, warmup_t=2, warmup_prefix=True)

    run("StepLRScheduler", "decay_3", 13, base_lr=1.0, decay_t=3, decay_rate=0.5)
    run("StepLRScheduler", "warmup_prefix_default", 13, base_lr=1.0, decay_t=3, decay_rate=0.5, warmup_t=2,
        warmup_lr_init=0.01)
    run("StepLRScheduler", "warmup_no_prefix", 13, base_lr=1.0, decay_t=3, decay_rate=0.5, warmup_t=2,
        warmup_lr_init=0.01, warmup_prefix=False)
    run("StepLRScheduler", "fractional_decay_t", 13, base_lr=1.0, decay_t=2.5, decay_rate=0.1)
    run("StepLRScheduler", "default_rate", 6, base_lr=0.3, decay_t=2)

    run("MultiStepLRScheduler", "milestones_2_4", 9, base_lr=1.0, decay_t=[2, 4], decay_rate=0.1)
    run("MultiStepLRScheduler", "warmup", 12, base_lr=1.0, decay_t=[3, 6], decay_rate=0.5, warmup_t=2,
        warmup_lr_init=0.1)
    run("MultiStepLRScheduler", "first_milestone_1", 6, base_lr=1.0, decay_t=[1, 3], decay_rate=0.5)


if __name__ == "__main__":
    main()
