"""Reference vectors for the torch.* presets, produced by EXECUTING PyTorch's own schedulers.

Run with Debian's python3-torch (1.13), which is /usr/bin/python3 on the build machine:

    /usr/bin/python3 dsl/scripts/reference/torch_vectors.py

Each case builds an SGD optimizer (lr = the preset's base_lr, momentum 0.9 so that CyclicLR and
OneCycleLR can cycle momentum), constructs the scheduler exactly as a user would, and records
scheduler.get_last_lr()[0] (and the group's momentum) after construction (our step 0) and after
every optimizer.step(); scheduler.step() pair (steps 1, 2, ...).  The values are what the
optimizer really uses, i.e. PyTorch's recursive ("chainable") forms, not its closed forms.
"""

import math
import warnings

import torch

import refdata

warnings.filterwarnings("ignore")
S = torch.optim.lr_scheduler
SOURCE = "torch %s (Debian python3-torch), executed: torch.optim.lr_scheduler" % torch.__version__

# Scale functions for CyclicLR cases: the nested schedule spec a config writes, and the Python
# callable PyTorch runs.  Each pair is the same function of x.
SCALE_FNS = {
    "half_per_cycle": (
        {"type": "optax.exponential_decay", "init_value": 1.0, "transition_steps": 1, "decay_rate": 0.5},
        lambda x: 0.5 ** x,
    ),
    "inverse_time": (
        {"type": "keras.InverseTimeDecay", "initial_learning_rate": 1.0, "decay_steps": 1, "decay_rate": 0.01},
        lambda x: 1.0 / (1.0 + 0.01 * x),
    ),
}


def optimizer(base_lr):
    p = torch.nn.Parameter(torch.zeros(1))
    return torch.optim.SGD([p], lr=base_lr, momentum=0.9)


def kwargs_of(args, drop=("base_lr",)):
    return {k: v for k, v in args.items() if k not in drop}


def make(kind, args, opt):
    """Constructs the PyTorch scheduler a config of `kind` with `args` stands for."""
    name = kind.split(".", 1)[1]
    if name == "CyclicLR":
        kw = dict(args)
        if "scale_fn" in kw:
            kw["scale_fn"] = kw.pop("scale_fn_python")
        kw.pop("scale_fn_spec", None)
        return S.CyclicLR(opt, **kw)
    if name == "SequentialLR":
        children = [make(c["type"], kwargs_of({k: v for k, v in c.items() if k != "type"}), opt)
                    for c in args["schedulers"]]
        return S.SequentialLR(opt, children, milestones=args["milestones"])
    return getattr(S, name)(opt, **kwargs_of(args))


def run(kind, case, args, steps, torch_args=None, with_momentum=False):
    """Records `steps` values (steps 0..steps-1), or stops at the first step PyTorch refuses."""
    base_lr = args.get("base_lr", 1.0)
    if kind == "torch.SequentialLR":
        lrs = {c["base_lr"] for c in args["schedulers"]}
        assert len(lrs) == 1, "SequentialLR children share one optimizer, so one base_lr"
        base_lr = lrs.pop()
    opt = optimizer(base_lr)
    lr, mom, raises = [], [], None
    try:
        sched = make(kind, torch_args if torch_args is not None else args, opt)
    except Exception as e:  # the constructor already runs step 0
        raise RuntimeError(f"{kind}/{case}: constructor failed: {e!r}")
    for t in range(steps):
        if t > 0:
            opt.step()
            try:
                sched.step()
            except Exception as e:
                raises = {"step": t, "error": f"{type(e).__name__}: {e}"}
                break
        lr.append(float(sched.get_last_lr()[0]))
        mom.append(float(opt.param_groups[0]["momentum"]))
    values = {"lr": lr}
    if with_momentum:
        values["momentum"] = mom
    return refdata.write_case("torch", kind, case, SOURCE, "float64", args, values, raises)


def one_cycle(case, steps, **args):
    momentum = args.get("cycle_momentum", True)
    return run("torch.OneCycleLR", case, args, steps, with_momentum=momentum)


def cyclic(case, steps, scale=None, **args):
    torch_args = None
    if scale is not None:
        spec, fn = SCALE_FNS[scale]
        args["scale_fn"] = spec
        torch_args = dict(args)
        torch_args["scale_fn_python"] = fn
    return run("torch.CyclicLR", case, args, steps, torch_args=torch_args,
               with_momentum=args.get("cycle_momentum", True))


def main():
    refdata.clean("torch")
    # OneCycleLR: the peak is at step pct_start*T - 1, the minimum at T - 1; T itself extrapolates
    # and step T + 1 raises.
    one_cycle("default", 12, max_lr=1.0, total_steps=10)
    one_cycle("three_phase", 12, max_lr=1.0, total_steps=10, three_phase=True)
    one_cycle("linear", 12, max_lr=1.0, total_steps=10, anneal_strategy="linear")
    one_cycle("fractional_peak", 99, max_lr=0.3, total_steps=97)
    one_cycle("epochs_times_steps", 102, max_lr=0.5, epochs=4, steps_per_epoch=25, pct_start=0.25,
              div_factor=10.0, final_div_factor=100.0, base_momentum=0.8, max_momentum=0.9)
    one_cycle("three_phase_linear", 102, max_lr=2.0, total_steps=100, pct_start=0.4,
              anneal_strategy="linear", three_phase=True)
    one_cycle("no_momentum", 22, max_lr=0.1, total_steps=20, cycle_momentum=False)
    one_cycle("pct_start_zero", 12, max_lr=1.0, total_steps=10, pct_start=0.0)
    one_cycle("pct_start_one", 12, max_lr=1.0, total_steps=10, pct_start=1.0)
    one_cycle("one_step", 3, max_lr=1.0, total_steps=1, pct_start=0.5)
    one_cycle("three_phase_skips_two_phases", 12, max_lr=1.0, total_steps=10, pct_start=0.05, three_phase=True)
    one_cycle("three_phase_fractional", 99, max_lr=0.3, total_steps=97, three_phase=True, anneal_strategy="linear")

    # CyclicLR: lr and the inverse momentum cycle.
    cyclic("triangular", 25, base_lr=0.1, max_lr=1.0, step_size_up=3)
    cyclic("triangular2", 21, base_lr=0.1, max_lr=1.0, step_size_up=2, mode="triangular2")
    cyclic("exp_range", 21, base_lr=0.1, max_lr=1.0, step_size_up=2, mode="exp_range", gamma=0.9)
    cyclic("up2_down4", 25, base_lr=0.1, max_lr=1.0, step_size_up=2, step_size_down=4)
    cyclic("triangular2_no_momentum", 21, base_lr=0.01, max_lr=0.05, step_size_up=3, step_size_down=1,
           mode="triangular2", cycle_momentum=False)
    cyclic("scale_fn_cycle", 25, scale="half_per_cycle", base_lr=0.1, max_lr=1.0, step_size_up=3,
           scale_mode="cycle")
    cyclic("scale_fn_iterations", 25, scale="inverse_time", base_lr=0.1, max_lr=1.0, step_size_up=2,
           step_size_down=3, scale_mode="iterations")
    cyclic("exp_range_momentum", 41, base_lr=0.001, max_lr=0.01, step_size_up=5, step_size_down=5,
           mode="exp_range", gamma=0.97, base_momentum=0.85, max_momentum=0.95)
    cyclic("defaults", 4401, base_lr=0.001, max_lr=0.006)
    cyclic("sawtooth_down_0", 13, base_lr=0.1, max_lr=1.0, step_size_up=4, step_size_down=0)
    cyclic("fractional_steps", 30, base_lr=0.2, max_lr=0.8, step_size_up=2.5, step_size_down=3.5,
           mode="triangular2")

    run("torch.CosineAnnealingLR", "periodic_past_T_max", dict(base_lr=1.0, T_max=4, eta_min=0.1), 17)
    run("torch.CosineAnnealingLR", "default_eta_min", dict(base_lr=1.0, T_max=10), 41)
    run("torch.CosineAnnealingLR", "long", dict(base_lr=0.1, T_max=100, eta_min=1e-4), 251)

    run("torch.CosineAnnealingWarmRestarts", "T_mult_2", dict(base_lr=1.0, T_0=2, T_mult=2, eta_min=0.1), 41)
    run("torch.CosineAnnealingWarmRestarts", "T_mult_1", dict(base_lr=1.0, T_0=5), 31)
    run("torch.CosineAnnealingWarmRestarts", "T_mult_3", dict(base_lr=0.5, T_0=3, T_mult=3, eta_min=0.001), 61)

    run("torch.ExponentialLR", "gamma_0_9", dict(base_lr=1.0, gamma=0.9), 31)
    run("torch.ExponentialLR", "gamma_0_5", dict(base_lr=0.1, gamma=0.5), 21)

    run("torch.StepLR", "step_3_gamma_0_5", dict(base_lr=1.0, step_size=3, gamma=0.5), 13)
    run("torch.StepLR", "default_gamma", dict(base_lr=0.1, step_size=2), 11)

    run("torch.MultiStepLR", "milestones_2_5", dict(base_lr=1.0, milestones=[2, 5], gamma=0.1), 11)
    run("torch.MultiStepLR", "repeated_milestone", dict(base_lr=1.0, milestones=[3, 3, 6], gamma=0.5), 11)
    run("torch.MultiStepLR", "unsorted", dict(base_lr=1.0, milestones=[5, 2]), 11)

    run("torch.PolynomialLR", "power_2", dict(base_lr=1.0, total_iters=4, power=2.0), 9)
    run("torch.PolynomialLR", "defaults", dict(base_lr=0.5), 9)
    run("torch.PolynomialLR", "sqrt", dict(base_lr=1.0, total_iters=10, power=0.5), 15)

    run("torch.LinearLR", "defaults", dict(base_lr=1.0), 9)
    run("torch.LinearLR", "warmup", dict(base_lr=1.0, start_factor=0.1, total_iters=3), 9)
    run("torch.LinearLR", "decay", dict(base_lr=0.5, start_factor=1.0, end_factor=0.1, total_iters=10), 16)

    run("torch.ConstantLR", "defaults", dict(base_lr=1.0), 9)
    run("torch.ConstantLR", "half_for_4", dict(base_lr=0.2, factor=0.5, total_iters=4), 9)
    run("torch.ConstantLR", "factor_zero", dict(base_lr=1.0, factor=0.0, total_iters=3), 9)
    # total_iters=0: the recursive form applies the factor at step 0 and never undoes it.
    run("torch.ConstantLR", "total_iters_zero", dict(base_lr=1.0, factor=0.5, total_iters=0), 6)
    run("torch.LinearLR", "total_iters_zero", dict(base_lr=1.0, start_factor=0.5, total_iters=0), 6)

    run("torch.SequentialLR", "linear_then_exponential", dict(
        schedulers=[
            {"type": "torch.LinearLR", "base_lr": 1.0, "start_factor": 0.1, "total_iters": 3},
            {"type": "torch.ExponentialLR", "base_lr": 1.0, "gamma": 0.5},
        ],
        milestones=[3]), 11)
    run("torch.SequentialLR", "constant_then_exponential", dict(
        schedulers=[
            {"type": "torch.ConstantLR", "base_lr": 1.0, "factor": 0.1, "total_iters": 2},
            {"type": "torch.ExponentialLR", "base_lr": 1.0, "gamma": 0.9},
        ],
        milestones=[2]), 9)
    run("torch.SequentialLR", "warmup_cosine_constant", dict(
        schedulers=[
            {"type": "torch.LinearLR", "base_lr": 0.4, "start_factor": 0.25, "total_iters": 4},
            {"type": "torch.CosineAnnealingLR", "base_lr": 0.4, "T_max": 6, "eta_min": 0.01},
            {"type": "torch.ConstantLR", "base_lr": 0.4, "factor": 0.5, "total_iters": 100},
        ],
        milestones=[4, 10]), 21)
    run("torch.SequentialLR", "equal_milestones_skip_a_child", dict(
        schedulers=[
            {"type": "torch.LinearLR", "base_lr": 1.0, "start_factor": 0.1, "total_iters": 3},
            {"type": "torch.ExponentialLR", "base_lr": 1.0, "gamma": 0.5},
            {"type": "torch.ExponentialLR", "base_lr": 1.0, "gamma": 0.9},
        ],
        milestones=[2, 2]), 8)
    run("torch.SequentialLR", "warmup_then_restarts", dict(
        schedulers=[
            {"type": "torch.LinearLR", "base_lr": 1.0, "start_factor": 0.2, "total_iters": 2},
            {"type": "torch.CosineAnnealingWarmRestarts", "base_lr": 1.0, "T_0": 3, "T_mult": 2, "eta_min": 0.05},
        ],
        milestones=[5]), 31)


if __name__ == "__main__":
    main()
