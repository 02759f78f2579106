"""Reference trajectories from PyTorch for schedtune's trainers tests.

Run with Debian's python3-torch (torch 1.13):  /usr/bin/python3 make_reference.py
Writes ../resources/dev/schedtune/trainers/reference/{optimizer_trajectories,session_fullbatch,session_cnn}.json.

1. optimizer_trajectories.json: for each scenario, torch.optim.SGD / Adam / AdamW updates two
   parameters (a 3x4 weight and a 3-vector) for 12 steps with given gradients, and every
   hyperparameter (lr, momentum or betas, weight decay) set in the param group before every step --
   exactly how torch.optim.lr_scheduler.OneCycleLR drives momentum and beta1. The hyperparameter
   formulas are written out so the Java test can use the same closed forms.
2. session_fullbatch.json: a 4-5-3 ReLU MLP trained full-batch (24 rows) on cross-entropy for 8 steps
   with scheduled lr and momentum; the initial weights, data, per-step losses, final weights and the
   final loss.
3. session_cnn.json: a small CNN of the reference CNN's form (conv 1->4, ReLU, maxpool 2, conv 4->8,
   ReLU, maxpool 2, dense 72->16, ReLU, dense 16->3) on 24 random 1x12x12 images, built after
   torch.manual_seed(11) with PyTorch's default initialisation, then trained full-batch for 8 steps
   as in 2; the initial weights, data, per-step losses, final weights and the final loss.
"""
import json
import math
import os

import torch

torch.set_default_dtype(torch.float32)
STEPS = 12


def lr_warmup_cosine(t, total=STEPS):
    # 0 at step 0 (exercises the zero-lr path), linear warmup over 3 steps, then cosine to 0.01
    if t < 3:
        return 0.3 * t / 3
    return 0.01 + 0.5 * (0.3 - 0.01) * (1 + math.cos(math.pi * (t - 3) / (total - 3)))


def momentum_inverse(t, total=STEPS):
    # one-cycle's inverse momentum cycle: 0.95 -> 0.85 -> 0.95
    half = total / 2
    frac = t / half if t < half else (total - t) / half
    return 0.95 - 0.10 * frac


def momentum_late(t, total=STEPS):
    # 0 for the first two steps (no buffer in PyTorch), then 0.9
    return 0.0 if t < 2 else 0.9


def lr_steps(t, total=STEPS):
    return 0.05 * (0.5 ** (t // 4))


SCENARIOS = {
    "sgd_momentum_wd": dict(kind="sgd", lr="warmup_cosine", momentum="inverse", weight_decay=0.01,
                            dampening=0.0, nesterov=False),
    "sgd_nesterov": dict(kind="sgd", lr="steps", momentum="inverse", weight_decay=0.0,
                         dampening=0.0, nesterov=True),
    "sgd_dampening_late_momentum": dict(kind="sgd", lr="steps", momentum="late", weight_decay=0.001,
                                        dampening=0.3, nesterov=False),
    "adam_beta1_cycle": dict(kind="adam", lr="warmup_cosine", beta1="inverse", beta2=0.99, eps=1e-8,
                             weight_decay=0.01),
    "adamw": dict(kind="adamw", lr="steps", beta1="constant", beta2=0.999, eps=1e-6, weight_decay=0.05),
}

FORMULAS = {"warmup_cosine": lr_warmup_cosine, "inverse": momentum_inverse, "late": momentum_late,
            "steps": lr_steps, "constant": lambda t, total=STEPS: 0.9}


def run_scenario(name, s, gen):
    w0 = torch.randn(3, 4, generator=gen)
    b0 = torch.randn(3, generator=gen)
    grads = [(torch.randn(3, 4, generator=gen), torch.randn(3, generator=gen)) for _ in range(STEPS)]
    w = w0.clone().requires_grad_(True)
    b = b0.clone().requires_grad_(True)
    if s["kind"] == "sgd":
        opt = torch.optim.SGD([w, b], lr=0.1, momentum=0.9, dampening=s["dampening"],
                              nesterov=s["nesterov"], weight_decay=s["weight_decay"])
    elif s["kind"] == "adam":
        opt = torch.optim.Adam([w, b], lr=0.1, betas=(0.9, s["beta2"]), eps=s["eps"],
                               weight_decay=s["weight_decay"])
    else:
        opt = torch.optim.AdamW([w, b], lr=0.1, betas=(0.9, s["beta2"]), eps=s["eps"],
                                weight_decay=s["weight_decay"])
    used = []
    for t in range(STEPS):
        g = opt.param_groups[0]
        g["lr"] = FORMULAS[s["lr"]](t)
        if s["kind"] == "sgd":
            g["momentum"] = FORMULAS[s["momentum"]](t)
            used.append([g["lr"], g["momentum"]])
        else:
            g["betas"] = (FORMULAS[s["beta1"]](t), s["beta2"])
            used.append([g["lr"], g["betas"][0]])
        w.grad = grads[t][0].clone()
        b.grad = grads[t][1].clone()
        opt.step()
    return dict(spec=s, w0=w0.flatten().tolist(), b0=b0.tolist(),
                grads=[[gw.flatten().tolist(), gb.tolist()] for gw, gb in grads],
                hyperparameters=used,
                w=w.detach().flatten().tolist(), b=b.detach().tolist())


def session_fullbatch(gen):
    x = torch.randn(24, 4, generator=gen)
    y = torch.randint(0, 3, (24,), generator=gen)
    model = torch.nn.Sequential(torch.nn.Linear(4, 5), torch.nn.ReLU(), torch.nn.Linear(5, 3))
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(torch.randn(p.shape, generator=gen) * 0.5)
    init = [p.detach().flatten().tolist() for p in model.parameters()]
    steps = 8
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=0.0)
    losses = []
    for t in range(steps):
        g = opt.param_groups[0]
        g["lr"] = FORMULAS["warmup_cosine"](t, steps)
        g["momentum"] = FORMULAS["inverse"](t, steps)
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(model(x), y)
        losses.append(loss.item())
        loss.backward()
        opt.step()
    with torch.no_grad():
        final_loss = torch.nn.functional.cross_entropy(model(x), y).item()
        accuracy = (model(x).argmax(1) == y).float().mean().item()
    return dict(x=x.flatten().tolist(), y=y.tolist(), init=init, steps=steps, losses=losses,
                final=[p.detach().flatten().tolist() for p in model.parameters()],
                final_loss=final_loss, final_accuracy=accuracy)


class SmallCnn(torch.nn.Module):
    """ModelSpec.cnn(4, 8, 16) with init torch, on 1x12x12 rows."""

    def __init__(self):
        super().__init__()
        self.c1 = torch.nn.Conv2d(1, 4, 3, padding=1)
        self.c2 = torch.nn.Conv2d(4, 8, 3, padding=1)
        self.f1 = torch.nn.Linear(8 * 3 * 3, 16)
        self.f2 = torch.nn.Linear(16, 3)

    def forward(self, x):
        x = torch.nn.functional.max_pool2d(torch.relu(self.c1(x.reshape(-1, 1, 12, 12))), 2)
        x = torch.nn.functional.max_pool2d(torch.relu(self.c2(x)), 2)
        return self.f2(torch.relu(self.f1(x.flatten(1))))


def session_cnn(gen):
    x = torch.rand(24, 144, generator=gen)
    y = torch.randint(0, 3, (24,), generator=gen)
    torch.manual_seed(11)
    model = SmallCnn()
    init = [p.detach().flatten().tolist() for p in model.parameters()]
    steps = 8
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=0.0)
    losses = []
    for t in range(steps):
        g = opt.param_groups[0]
        g["lr"] = FORMULAS["warmup_cosine"](t, steps)
        g["momentum"] = FORMULAS["inverse"](t, steps)
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(model(x), y)
        losses.append(loss.item())
        loss.backward()
        opt.step()
    with torch.no_grad():
        final_loss = torch.nn.functional.cross_entropy(model(x), y).item()
        accuracy = (model(x).argmax(1) == y).float().mean().item()
    return dict(seed=11, x=x.flatten().tolist(), y=y.tolist(), init=init, steps=steps, losses=losses,
                final=[p.detach().flatten().tolist() for p in model.parameters()],
                final_loss=final_loss, final_accuracy=accuracy)


def main():
    gen = torch.Generator().manual_seed(20240611)
    out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "dev", "schedtune",
                           "trainers", "reference")
    os.makedirs(out_dir, exist_ok=True)
    trajectories = {name: run_scenario(name, s, gen) for name, s in SCENARIOS.items()}
    meta = {"torch": torch.__version__, "steps": STEPS, "script": "trainers/src/test/python/make_reference.py"}
    with open(os.path.join(out_dir, "optimizer_trajectories.json"), "w") as f:
        json.dump({"meta": meta, "scenarios": trajectories}, f, indent=1)
    with open(os.path.join(out_dir, "session_fullbatch.json"), "w") as f:
        json.dump({"meta": meta, **session_fullbatch(gen)}, f, indent=1)
    with open(os.path.join(out_dir, "session_cnn.json"), "w") as f:
        json.dump({"meta": meta, **session_cnn(gen)}, f, indent=1)


if __name__ == "__main__":
    main()
