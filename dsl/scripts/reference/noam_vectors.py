"""Reference vectors for the core kind `noam`, produced by EXECUTING PyTorch's LambdaLR with the
Transformer's rate as OpenNMT-py writes it (onmt/utils/optimizers.py, noam_decay):

    def noam_decay(step, warmup_steps, model_size):
        return model_size ** (-0.5) * min(step ** (-0.5), step * warmup_steps ** (-1.5))

OpenNMT counts updates from 1 (its step is our t + 1) and multiplies by learning_rate (our factor).
PyTorch has no built-in Noam scheduler; LambdaLR is how its users run it.  Run with Debian's
python3-torch (1.13), which is /usr/bin/python3 on the build machine:

    /usr/bin/python3 dsl/scripts/reference/noam_vectors.py

Writes dsl/src/test/resources/reference-core/noam.json: per case the kind's arguments and
optimizer.param_groups[0]["lr"] after construction (our step 0) and after every scheduler.step().
"""

import json
import os

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "..", "src", "test", "resources", "reference-core", "noam.json"))
STEPS = 60


def noam_decay(step, warmup_steps, model_size):
    return model_size ** (-0.5) * min(step ** (-0.5), step * warmup_steps ** (-1.5))


def run(model_size, warmup_steps, factor):
    p = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([p], lr=factor)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda t: noam_decay(t + 1, warmup_steps, model_size))
    values = []
    for _ in range(STEPS):
        values.append(opt.param_groups[0]["lr"])
        opt.step()
        sched.step()
    return values


CASES = {
    "paper_base": {"model_size": 512, "warmup_steps": 20},
    "factor_2_warmup_7": {"model_size": 256, "warmup_steps": 7, "factor": 2.0},
    "warmup_1": {"model_size": 64, "warmup_steps": 1, "factor": 0.5},
}

doc = {
    "source": "torch %s (Debian python3-torch), executed: LambdaLR with OpenNMT-py's noam_decay" % torch.__version__,
    "cases": {
        name: {"args": args, "values": run(args["model_size"], args["warmup_steps"], args.get("factor", 1.0))}
        for name, args in CASES.items()
    },
}
os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "w") as f:
    json.dump(doc, f, indent=1)
    f.write("\n")
print("wrote", OUT)
