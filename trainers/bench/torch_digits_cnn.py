"""PyTorch eager side of the digits CNN benchmark (Debian's /usr/bin/python3, torch 1.13, sklearn 1.2).

Same work as dev.schedtune.trainers.bench.DigitsCnnBenchmark: the 1,797 UCI digits (pixels / 16),
a stratified 80/20 split (1,437 training rows), the small CNN (conv 1->8 3x3 pad 1, ReLU, maxpool 2,
conv 8->16 3x3 pad 1, ReLU, maxpool 2, dense 64->10), batch 64, SGD momentum 0.9, a new cosine lr
every step, validation after every epoch. Prints epochs/s (best of --repeats).
"""
import argparse
import json
import math
import time

import torch
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split


def run(epochs, threads, seed):
    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    digits = load_digits()
    x = torch.tensor(digits.data / 16.0, dtype=torch.float32)
    y = torch.tensor(digits.target, dtype=torch.int64)
    xt, xv, yt, yv = train_test_split(x, y, test_size=0.2, stratify=y, random_state=0)
    xt, xv = xt.reshape(-1, 1, 8, 8), xv.reshape(-1, 1, 8, 8)
    model = torch.nn.Sequential(
        torch.nn.Conv2d(1, 8, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Conv2d(8, 16, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Flatten(), torch.nn.Linear(64, 10))
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    loss_fn = torch.nn.CrossEntropyLoss()
    n = xt.shape[0]
    batches = (n + 63) // 64
    total = epochs * batches
    step = 0
    start = time.perf_counter()
    for _ in range(epochs):
        perm = torch.randperm(n)
        for i in range(batches):
            idx = perm[i * 64:(i + 1) * 64]
            for g in opt.param_groups:
                g["lr"] = 0.05 * (1 + math.cos(math.pi * step / total))
            opt.zero_grad()
            loss = loss_fn(model(xt[idx]), yt[idx])
            loss.backward()
            opt.step()
            step += 1
        with torch.no_grad():
            out = model(xv)
            val_loss = loss_fn(out, yv).item()
            accuracy = (out.argmax(1) == yv).float().mean().item()
    return epochs / (time.perf_counter() - start), accuracy


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    results = [run(args.epochs, args.threads, s) for s in range(args.repeats)]
    print(json.dumps({"side": "pytorch-eager", "epochs_per_s": round(max(r[0] for r in results), 2),
                      "all_epochs_per_s": [round(r[0], 2) for r in results],
                      "final_accuracy": round(results[-1][1], 4)}))


if __name__ == "__main__":
    main()
