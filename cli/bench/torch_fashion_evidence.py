"""PyTorch 1.13 eager side of the Fashion-MNIST evidence (run by FashionEvidenceBench, part torch).

Trains the reference CNN with SGD (momentum 0.9, batch 128) on the same training images as the DJL side
(--indices: rows of the 60,000, written by the Java side) and judges it on the 10,000 test images after
every epoch. Jobs (--jobs, JSON) are either a common baseline, scheduled by PyTorch's own schedulers, or a
tuned schedule exported by `schedtune export --to pytorch` (a module with lr_lambda and, when the schedule
drives it, set_momentum). Each process trains every n-th job of --shard k/n on one thread and writes a JSON
list of curves (the same fields as the Java side's).
"""
import argparse
import gzip
import importlib.util
import json
import math
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

DATA = "/usr/share/datasets/fashion-mnist/"
BATCH = 128


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(1, 16, 3, padding=1)
        self.c2 = nn.Conv2d(16, 32, 3, padding=1)
        self.f1 = nn.Linear(32 * 7 * 7, 64)
        self.f2 = nn.Linear(64, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.c1(x)), 2)
        x = F.max_pool2d(F.relu(self.c2(x)), 2)
        return self.f2(F.relu(self.f1(x.flatten(1))))


def images(name):
    with gzip.open(DATA + name) as f:
        data = f.read()
    return np.frombuffer(data, np.uint8, offset=16).reshape(-1, 1, 28, 28)


def labels(name):
    with gzip.open(DATA + name) as f:
        data = f.read()
    return np.frombuffer(data, np.uint8, offset=8).astype(np.int64)


def hf_cosine_with_warmup(warmup, total):
    """transformers.get_cosine_schedule_with_warmup's lr_lambda (num_cycles 0.5), as LambdaLR takes it."""

    def f(step):
        if step < warmup:
            return step / max(1, warmup)
        progress = (step - warmup) / max(1, total - warmup)
        return max(0.0, 0.5 * (1.0 + math.cos(math.pi * 2.0 * 0.5 * progress)))

    return f


def baseline(name, opt, total, steps_per_epoch):
    """(per-step scheduler, per-epoch scheduler, base lr) for a common baseline, with PyTorch's schedulers."""
    sched = torch.optim.lr_scheduler
    if name == "constant lr 0.1":
        return None, None, 0.1
    if name == "constant lr 0.05":
        return None, None, 0.05
    if name == "torch OneCycleLR (max_lr 0.1)":
        return sched.OneCycleLR(opt, max_lr=0.1, total_steps=total), None, 0.1
    if name == "HF cosine, 10 % warmup (peak 0.1)":
        return sched.LambdaLR(opt, hf_cosine_with_warmup(round(0.1 * total), total)), None, 0.1
    if name == "torch MultiStepLR (0.1, x0.1 at 50 % and 75 %)":
        return sched.MultiStepLR(opt, milestones=[round(0.5 * total), round(0.75 * total)], gamma=0.1), None, 0.1
    if name == "exponential 0.8/epoch from 0.1":
        return None, sched.ExponentialLR(opt, gamma=0.8), 0.1
    raise ValueError("unknown baseline " + name)


def run(job, x, y, xt, yt):
    torch.manual_seed(job["seed"])
    model = Net()
    n = x.shape[0]
    steps_per_epoch = (n + BATCH - 1) // BATCH
    total = steps_per_epoch * job["epochs"]
    module = None
    if job["kind"] == "exported":
        spec = importlib.util.spec_from_file_location("tuned", job["module"])
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        base = module.BASE_LR
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    if module is not None:
        for g in opt.param_groups:
            g["lr"] = base
            g["initial_lr"] = base
        per_step, per_epoch = torch.optim.lr_scheduler.LambdaLR(opt, module.lr_lambda), None
    else:
        for g in opt.param_groups:
            g["lr"] = 0.1
        per_step, per_epoch, base = baseline(job["name"], opt, total, steps_per_epoch)
        for g in opt.param_groups:
            if per_step is None and per_epoch is None:
                g["lr"] = base
    acc, loss, secs = [], [], []
    trained = 0.0
    step = 0
    for _ in range(job["epochs"]):
        t0 = time.perf_counter()
        perm = torch.randperm(n)
        model.train()
        for i in range(0, n, BATCH):
            if module is not None and hasattr(module, "set_momentum"):
                module.set_momentum(opt, step)
            idx = perm[i:i + BATCH]
            opt.zero_grad()
            F.cross_entropy(model(x[idx]), y[idx]).backward()
            opt.step()
            if per_step is not None:
                per_step.step()
            step += 1
        if per_epoch is not None:
            per_epoch.step()
        trained += time.perf_counter() - t0
        model.eval()
        with torch.no_grad():
            out = model(xt)
            acc.append((out.argmax(1) == yt).float().mean().item())
            loss.append(F.cross_entropy(out, yt).item())
        secs.append(trained)
    return {"name": job["name"], "kind": job["kind"], "epochs": job["epochs"], "seed": job["seed"],
            "testAccuracy": acc, "testLoss": loss, "seconds": secs}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--jobs", required=True)
    p.add_argument("--indices", required=True)
    p.add_argument("--shard", default="0/1")
    p.add_argument("--out", required=True)
    a = p.parse_args()
    torch.set_num_threads(1)
    k, n = (int(v) for v in a.shard.split("/"))
    rows = np.loadtxt(a.indices, dtype=np.int64)
    x = torch.tensor(images("train-images-idx3-ubyte.gz")[rows] / 255.0, dtype=torch.float32)
    y = torch.tensor(labels("train-labels-idx1-ubyte.gz")[rows])
    xt = torch.tensor(images("t10k-images-idx3-ubyte.gz") / 255.0, dtype=torch.float32)
    yt = torch.tensor(labels("t10k-labels-idx1-ubyte.gz"))
    with open(a.jobs) as f:
        jobs = json.load(f)
    curves = []
    for i in range(k, len(jobs), n):
        c = run(jobs[i], x, y, xt, yt)
        curves.append(c)
        print("torch shard %d: %-46s %d epochs seed %d: test accuracy %.4f, %.0f s"
              % (k, c["name"], c["epochs"], c["seed"], c["testAccuracy"][-1], c["seconds"][-1]), flush=True)
        with open(a.out, "w") as f:
            json.dump(curves, f)
    with open(a.out, "w") as f:
        json.dump(curves, f)


if __name__ == "__main__":
    main()
