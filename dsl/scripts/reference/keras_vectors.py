"""Reference vectors for the keras.* presets.

Keras 3 is not installable on the build machine (no PyPI).  `__call__(step)` of each schedule is
transcribed line by line from keras-team/keras keras/src/optimizers/schedules/learning_rate_schedule.py
@2534b643145262fc2c9ee638065ee14fdb623984, with backend ops replaced by Python float arithmetic: the
values are what Keras computes with `keras.config.set_floatx("float64")`.  With Keras' default floatx
(float32) every value is rounded to float32 (relative difference up to ~1e-7).

    /usr/bin/python3 dsl/scripts/reference/keras_vectors.py
"""

import math

import refdata

SOURCE = "keras/src/optimizers/schedules/learning_rate_schedule.py @2534b643 transcribed (float64 floatx)"


class ExponentialDecay:
    def __init__(self, initial_learning_rate, decay_steps, decay_rate, staircase=False, name="ExponentialDecay"):
        if decay_steps <= 0:
            raise ValueError("Argument `decay_steps` must be > 0.")
        self.initial_learning_rate, self.decay_steps = initial_learning_rate, decay_steps
        self.decay_rate, self.staircase = decay_rate, staircase

    def __call__(self, step):
        p = float(step) / float(self.decay_steps)
        if self.staircase:
            p = math.floor(p)
        return self.initial_learning_rate * float(self.decay_rate) ** p


class PiecewiseConstantDecay:
    def __init__(self, boundaries, values, name="PiecewiseConstant"):
        if len(boundaries) != len(values) - 1:
            raise ValueError("The length of boundaries should be 1 less than the length of values.")
        self.boundaries, self.values = boundaries, values

    def __call__(self, step):
        boundaries, values = self.boundaries, self.values
        result_value = 0.0
        result_value += float(step <= boundaries[0]) * values[0]
        result_value += float(step > boundaries[-1]) * values[-1]
        for low, high, value in zip(boundaries[:-1], boundaries[1:], values[1:-1]):
            result_value += float((step > low) & (step <= high)) * value
        return result_value


class PolynomialDecay:
    def __init__(self, initial_learning_rate, decay_steps, end_learning_rate=0.0001, power=1.0, cycle=False,
                 name="PolynomialDecay"):
        if decay_steps <= 0:
            raise ValueError("Argument `decay_steps` must be > 0.")
        self.initial_learning_rate, self.decay_steps = initial_learning_rate, decay_steps
        self.end_learning_rate, self.power, self.cycle = end_learning_rate, power, cycle

    def __call__(self, step):
        initial_learning_rate = float(self.initial_learning_rate)
        end_learning_rate = float(self.end_learning_rate)
        power = float(self.power)
        global_step_recomp = float(step)
        decay_steps_recomp = float(self.decay_steps)
        if self.cycle:
            multiplier = 1.0 if global_step_recomp == 0 else math.ceil(global_step_recomp / self.decay_steps)
            decay_steps_recomp = decay_steps_recomp * multiplier
        else:
            global_step_recomp = min(global_step_recomp, decay_steps_recomp)
        p = global_step_recomp / decay_steps_recomp
        return (initial_learning_rate - end_learning_rate) * (1 - p) ** power + end_learning_rate


class InverseTimeDecay:
    def __init__(self, initial_learning_rate, decay_steps, decay_rate, staircase=False, name="InverseTimeDecay"):
        if decay_steps <= 0:
            raise ValueError("Argument `decay_steps` must be > 0.")
        self.initial_learning_rate, self.decay_steps = initial_learning_rate, decay_steps
        self.decay_rate, self.staircase = decay_rate, staircase

    def __call__(self, step):
        p = float(step) / float(self.decay_steps)
        if self.staircase:
            p = math.floor(p)
        denom = 1.0 + float(self.decay_rate) * p
        return float(self.initial_learning_rate) / denom


class CosineDecay:
    def __init__(self, initial_learning_rate, decay_steps, alpha=0.0, name="CosineDecay", warmup_target=None,
                 warmup_steps=0):
        if decay_steps <= 0:
            raise ValueError("Argument `decay_steps` must be > 0.")
        self.initial_learning_rate, self.decay_steps, self.alpha = initial_learning_rate, decay_steps, alpha
        self.warmup_target, self.warmup_steps = warmup_target, warmup_steps

    def _decay_function(self, step, decay_steps, decay_from_lr):
        completed_fraction = step / decay_steps
        cosine_decayed = 0.5 * (1.0 + math.cos(math.pi * completed_fraction))
        decayed = (1 - self.alpha) * cosine_decayed + self.alpha
        return decay_from_lr * decayed

    def _warmup_function(self, step, warmup_steps, warmup_target, initial_learning_rate):
        completed_fraction = step / warmup_steps
        total_step_delta = warmup_target - initial_learning_rate
        return total_step_delta * completed_fraction + initial_learning_rate

    def __call__(self, step):
        initial_learning_rate = float(self.initial_learning_rate)
        decay_steps = float(self.decay_steps)
        global_step_recomp = float(step)
        if self.warmup_target is None:
            global_step_recomp = min(global_step_recomp, decay_steps)
            return self._decay_function(global_step_recomp, decay_steps, initial_learning_rate)
        warmup_target = float(self.warmup_target)
        warmup_steps = float(self.warmup_steps)
        global_step_recomp = min(global_step_recomp, decay_steps + warmup_steps)
        if global_step_recomp < warmup_steps:
            return self._warmup_function(global_step_recomp, warmup_steps, warmup_target, initial_learning_rate)
        return self._decay_function(global_step_recomp - warmup_steps, decay_steps, warmup_target)


class CosineDecayRestarts:
    def __init__(self, initial_learning_rate, first_decay_steps, t_mul=2.0, m_mul=1.0, alpha=0.0, name="SGDRDecay"):
        if first_decay_steps <= 0:
            raise ValueError("Argument `first_decay_steps` must be > 0.")
        self.initial_learning_rate, self.first_decay_steps = initial_learning_rate, first_decay_steps
        self._t_mul, self._m_mul, self.alpha = t_mul, m_mul, alpha

    def __call__(self, step):
        initial_learning_rate = float(self.initial_learning_rate)
        first_decay_steps = float(self.first_decay_steps)
        alpha = float(self.alpha)
        t_mul = float(self._t_mul)
        m_mul = float(self._m_mul)
        global_step_recomp = float(step)
        completed_fraction = global_step_recomp / first_decay_steps

        def compute_step(completed_fraction, geometric=False):
            if geometric:
                i_restart = math.floor(math.log(1.0 - completed_fraction * (1.0 - t_mul)) / math.log(t_mul))
                sum_r = (1.0 - t_mul ** i_restart) / (1.0 - t_mul)
                completed_fraction = (completed_fraction - sum_r) / t_mul ** i_restart
            else:
                i_restart = math.floor(completed_fraction)
                completed_fraction -= i_restart
            return i_restart, completed_fraction

        if t_mul == 1.0:
            i_restart, completed_fraction = compute_step(completed_fraction, geometric=False)
        else:
            i_restart, completed_fraction = compute_step(completed_fraction, geometric=True)
        m_fac = m_mul ** i_restart
        cosine_decayed = 0.5 * m_fac * (1.0 + math.cos(math.pi * completed_fraction))
        decayed = (1 - alpha) * cosine_decayed + alpha
        return initial_learning_rate * decayed


CLASSES = {c.__name__: c for c in (ExponentialDecay, PiecewiseConstantDecay, PolynomialDecay, InverseTimeDecay,
                                   CosineDecay, CosineDecayRestarts)}


def run(cls, case, steps, **args):
    sched = CLASSES[cls](**args)
    lr = [float(sched(t)) for t in range(steps)]
    return refdata.write_case("keras", "keras." + cls, case, SOURCE, "float64", args, {"lr": lr})


def main():
    refdata.clean("keras")
    run("ExponentialDecay", "continuous", 11, initial_learning_rate=1.0, decay_steps=2, decay_rate=0.5)
    run("ExponentialDecay", "staircase", 11, initial_learning_rate=0.1, decay_steps=3, decay_rate=0.96,
        staircase=True)
    run("ExponentialDecay", "named", 6, initial_learning_rate=0.5, decay_steps=1, decay_rate=0.9, name="my_decay")

    run("PiecewiseConstantDecay", "two_boundaries", 8, boundaries=[2, 4], values=[1.0, 0.5, 0.1])
    run("PiecewiseConstantDecay", "one_boundary", 5, boundaries=[0], values=[0.3, 0.2])
    run("PiecewiseConstantDecay", "three_boundaries", 12, boundaries=[1, 5, 8], values=[1.0, 0.8, 0.4, 0.05])

    run("PolynomialDecay", "cycle", 13, initial_learning_rate=1.0, decay_steps=4, end_learning_rate=0.1,
        power=2.0, cycle=True)
    run("PolynomialDecay", "no_cycle", 8, initial_learning_rate=1.0, decay_steps=4, end_learning_rate=0.1,
        power=2.0)
    run("PolynomialDecay", "defaults", 13, initial_learning_rate=0.1, decay_steps=10)
    run("PolynomialDecay", "sqrt_cycle", 20, initial_learning_rate=0.5, decay_steps=3, end_learning_rate=0.05,
        power=0.5, cycle=True)

    run("InverseTimeDecay", "continuous", 10, initial_learning_rate=1.0, decay_steps=2, decay_rate=0.5)
    run("InverseTimeDecay", "staircase", 10, initial_learning_rate=0.1, decay_steps=3, decay_rate=1.0,
        staircase=True)

    run("CosineDecay", "alpha", 8, initial_learning_rate=1.0, decay_steps=4, alpha=0.1)
    run("CosineDecay", "warmup", 14, initial_learning_rate=0.0, decay_steps=7, alpha=0.1, warmup_target=1.0,
        warmup_steps=3)
    run("CosineDecay", "defaults", 13, initial_learning_rate=0.2, decay_steps=10)
    run("CosineDecay", "target_without_warmup", 8, initial_learning_rate=0.5, decay_steps=5, warmup_target=1.0)

    run("CosineDecayRestarts", "t_mul_2_m_mul_half", 31, initial_learning_rate=1.0, first_decay_steps=2,
        t_mul=2.0, m_mul=0.5)
    run("CosineDecayRestarts", "t_mul_1", 21, initial_learning_rate=1.0, first_decay_steps=4, t_mul=1.0,
        m_mul=0.8, alpha=0.1)
    run("CosineDecayRestarts", "t_mul_1_5", 40, initial_learning_rate=0.1, first_decay_steps=4, t_mul=1.5,
        m_mul=0.9, alpha=0.05)
    run("CosineDecayRestarts", "t_mul_3_many", 400, initial_learning_rate=1.0, first_decay_steps=1, t_mul=3.0)
    run("CosineDecayRestarts", "t_mul_1_1_many", 300, initial_learning_rate=1.0, first_decay_steps=5, t_mul=1.1,
        m_mul=0.95, alpha=0.01)
    run("CosineDecayRestarts", "defaults", 31, initial_learning_rate=1.0, first_decay_steps=3)


if __name__ == "__main__":
    main()
