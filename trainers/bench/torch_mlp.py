"""PyTorch eager side of the reference MLP benchmark (run with Debian's /usr/bin/python3, torch 1.13).

Same work as dev.schedtune.trainers.bench.MlpBenchmark: 8,192 x 32 Gaussian inputs, labels from a
random linear teacher, batch 128, a 32-64-2 ReLU MLP, cross-entropy, SGD momentum 0.9, a new
learning rate every step (cosine), the data pre-loaded as one tensor and shuffled every epoch.
Prints one JSON line: steps/s of the best of `--repeats` runs, and the final training loss.
"""
import argparse
import json
import math
import time

import torch


def run(epochs, threads, seed):
    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    n, d, batch = 8192, 32, 128
    x = torch.randn(n, d)
    teacher = torch.randn(d, 2)
    y = (x @ teacher).argmax(dim=1)
    model = torch.nn.Sequential(torch.nn.Linear(d, 64), torch.nn.ReLU(), torch.nn.Linear(64, 2))
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    loss_fn = torch.nn.CrossEntropyLoss()
    steps_per_epoch = n // batch
    total = epochs * steps_per_epoch
    step = 0
    start = time.perf_counter()
    cpu_start = time.thread_time()
    for _ in range(epochs):
        perm = torch.randperm(n)
        for i in range(steps_per_epoch):
            idx = perm[i * batch:(i + 1) * batch]
            xb, yb = x[idx], y[idx]
            lr = 0.05 * (1 + math.cos(math.pi * step / total))
            for group in opt.param_groups:
                group["lr"] = lr
            opt.zero_grad()
            loss = loss_fn(model(xb), yb)
            loss.backward()
            opt.step()
            step += 1
    final_loss = loss.item()
    elapsed = time.perf_counter() - start
    cpu = time.thread_time() - cpu_start
    return total / elapsed, final_loss, total / cpu


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=40)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    results = [run(args.epochs, args.threads, args.seed) for _ in range(args.repeats)]
    best = max(results)
    print(json.dumps({"side": "pytorch-eager", "torch": torch.__version__, "threads": args.threads,
                      "steps_per_s": round(best[0], 1), "all_steps_per_s": [round(r[0], 1) for r in results],
                      "steps_per_cpu_s": round(max(r[2] for r in results), 1),
                      "final_loss": round(best[1], 5)}))


if __name__ == "__main__":
    main()
