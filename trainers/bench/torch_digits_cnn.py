"""PyTorch eager side of the digits CNN benchmark (Debian's /usr/bin/python3, torch 1.13; nothing else).

Same work as dev.schedtune.trainers.bench.DigitsCnnBenchmark: the 1,797 UCI digits vendored in the
trainers jar (trainers/src/main/resources/.../digits.csv.gz, pixels / 16), split exactly as the Java
task {type: digits} is (dev.schedtune.trainers.data.Splits: stratified, 20% of each class held out,
chosen by java.util.SplittableRandom seeded 0, so the same 1,438 training rows), the small CNN (conv
1->8 3x3 pad 1, ReLU, maxpool 2, conv 8->16 3x3 pad 1, ReLU, maxpool 2, dense 64->10), batch 64, SGD
momentum 0.9, a new cosine lr every step, validation after every epoch. Prints epochs/s (best of
--repeats), the training rows and a checksum of the split.
"""
import argparse
import gzip
import json
import math
import os
import time

import torch

DIGITS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "main", "resources", "dev",
                      "schedtune", "trainers", "data", "digits.csv.gz")
MASK64 = (1 << 64) - 1


class SplittableRandom:
    """java.util.SplittableRandom(seed): SplitMix64 with the golden gamma; nextInt(bound) as in JDK 17."""

    def __init__(self, seed):
        self.seed = seed & MASK64

    def next_int(self):
        self.seed = (self.seed + 0x9E3779B97F4A7C15) & MASK64
        z = self.seed
        z = ((z ^ (z >> 33)) * 0x62A9D9ED799705F5) & MASK64
        r = (((z ^ (z >> 28)) * 0xCB24D0A5C88C35B3) & MASK64) >> 32
        return r - (1 << 32) if r >= 1 << 31 else r  # Java's (int) cast

    def next_bounded(self, bound):
        r = self.next_int()
        m = bound - 1
        if bound & m == 0:
            return r & m
        u = (r & 0xFFFFFFFF) >> 1
        while True:
            r = u % bound
            if u + m - r < 1 << 31:  # Java's "u + m - r < 0" is an int overflow: reject that candidate
                return r
            u = (self.next_int() & 0xFFFFFFFF) >> 1


def split(labels, fraction=0.2, seed=0, classes=10):
    """dev.schedtune.trainers.data.Splits.split: per class, a Fisher-Yates shuffle of its row indices,
    the first round(fraction * n) of them held out; both parts keep the original row order."""
    random = SplittableRandom(seed)
    held_out = [False] * len(labels)
    for c in range(classes):
        group = [i for i, label in enumerate(labels) if label == c]
        for i in range(len(group) - 1, 0, -1):
            j = random.next_bounded(i + 1)
            group[i], group[j] = group[j], group[i]
        for i in group[:math.floor(fraction * len(group) + 0.5)]:  # Java's Math.round
            held_out[i] = True
    return ([i for i, v in enumerate(held_out) if not v], [i for i, v in enumerate(held_out) if v])


def load_digits():
    """The vendored digits: 64 pixel counts in 0..16 then the digit, per line."""
    rows, labels = [], []
    with gzip.open(DIGITS, "rt", encoding="ascii") as f:
        for line in f:
            if line.strip():
                fields = line.split(",")
                rows.append([float(v) / 16 for v in fields[:64]])
                labels.append(int(float(fields[64])))
    return torch.tensor(rows, dtype=torch.float32), labels


def run(epochs, threads, seed):
    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    x, labels = load_digits()
    train, valid = split(labels)
    y = torch.tensor(labels, dtype=torch.int64)
    xt, xv = x[train].reshape(-1, 1, 8, 8), x[valid].reshape(-1, 1, 8, 8)
    yt, yv = y[train], y[valid]
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
    return epochs / (time.perf_counter() - start), accuracy, len(train), split_check([labels[i] for i in valid])


def split_check(valid_labels):
    """sum of (i + 1) * label over the validation rows in order: equal on both sides iff the splits are."""
    return sum((i + 1) * label for i, label in enumerate(valid_labels))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    results = [run(args.epochs, args.threads, s) for s in range(args.repeats)]
    print(json.dumps({"side": "pytorch-eager", "epochs_per_s": round(max(r[0] for r in results), 2),
                      "all_epochs_per_s": [round(r[0], 2) for r in results],
                      "final_accuracy": round(results[-1][1], 4),
                      "train_rows": results[-1][2], "split_check": results[-1][3]}))


if __name__ == "__main__":
    main()
