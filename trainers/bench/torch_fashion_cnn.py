"""PyTorch eager side of the reference CNN benchmark (run with Debian's /usr/bin/python3, torch 1.13).

Same work as dev.schedtune.trainers.bench.FashionCnnBenchmark: the first --rows Fashion-MNIST training
images (the real ones, read straight from the IDX file of Debian's dataset-fashion-mnist, pixels / 255),
the reference CNN of issue 10 (conv 1->16 3x3 pad 1, ReLU, maxpool 2, conv 16->32 3x3 pad 1, ReLU,
maxpool 2, dense 1568->64, ReLU, dense 64->10; 105,866 parameters), batch 128, cross-entropy, SGD
momentum 0.9, a new (cosine) lr every step, the data pre-loaded as one tensor and shuffled every epoch.
Only the training steps are timed (no validation). Prints one JSON line: steps/s and steps per
CPU-second (this thread's CPU time) of the best of --repeats runs, and the last run's mean training
loss over its last epoch (as the Java side reports it).
"""
import argparse
import gzip
import json
import math
import struct
import time

import torch
import torch.nn.functional as F

IMAGES = "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"
LABELS = "/usr/share/datasets/fashion-mnist/train-labels-idx1-ubyte.gz"


def read_idx(path):
    """An IDX file (big-endian magic 0x0000 0x08 ndim, then ndim int32 sizes, then unsigned bytes)."""
    with gzip.open(path, "rb") as f:
        data = f.read()
    zero, dtype, ndim = struct.unpack(">HBB", data[:4])
    if zero != 0 or dtype != 0x08:
        raise ValueError(f"{path}: not an unsigned-byte IDX file")
    dims = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    return torch.frombuffer(bytearray(data[4 + 4 * ndim:]), dtype=torch.uint8).reshape(dims)


class Net(torch.nn.Module):
    """The reference CNN for 28x28 inputs, exactly as issue 10 gives it."""

    def __init__(self):
        super().__init__()
        self.c1 = torch.nn.Conv2d(1, 16, 3, padding=1)
        self.c2 = torch.nn.Conv2d(16, 32, 3, padding=1)
        self.f1 = torch.nn.Linear(32 * 7 * 7, 64)
        self.f2 = torch.nn.Linear(64, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.c1(x)), 2)
        x = F.max_pool2d(F.relu(self.c2(x)), 2)
        return self.f2(F.relu(self.f1(x.flatten(1))))


def run(x, y, epochs, seed, batch):
    torch.manual_seed(seed)
    model = Net()
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    loss_fn = torch.nn.CrossEntropyLoss()
    n = x.shape[0]
    steps_per_epoch = (n + batch - 1) // batch
    total = epochs * steps_per_epoch
    step = 0
    start = time.perf_counter()
    cpu_start = time.thread_time()
    for _ in range(epochs):
        perm = torch.randperm(n)
        epoch_loss = torch.zeros(())
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
            epoch_loss += loss.detach() * len(idx)
            step += 1
    final_loss = epoch_loss.item() / n
    elapsed = time.perf_counter() - start
    cpu = time.thread_time() - cpu_start
    return total / elapsed, total / cpu, final_loss


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=12800)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    x = read_idx(IMAGES)[:args.rows].to(torch.float32).div_(255).reshape(-1, 1, 28, 28)
    y = read_idx(LABELS)[:args.rows].to(torch.int64)
    results = [run(x, y, args.epochs, seed, args.batch) for seed in range(args.repeats)]
    print(json.dumps({"side": "pytorch-eager", "torch": torch.__version__, "threads": torch.get_num_threads(),
                      "steps_per_s": round(max(r[0] for r in results), 2),
                      "all_steps_per_s": [round(r[0], 2) for r in results],
                      "steps_per_cpu_s": round(max(r[1] for r in results), 2),
                      "final_epoch_loss": round(results[-1][2], 4)}))


if __name__ == "__main__":
    main()
