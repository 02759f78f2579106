#!/usr/bin/python3
"""Sampler benchmark: Optuna (Debian's python3-optuna 3.1) and schedtune side by side, in one run.

Run from the repository root with Debian's Python (plain `python3` on PATH lacks Optuna):

    /usr/bin/python3 search/bench/bench.py             # everything, scaling curve to 20,000 trials
    /usr/bin/python3 search/bench/bench.py --full      # scaling curve to 100,000 trials

It builds the search module's test classes with Maven, then runs, for the same problems, seeds and
budgets:

  quality   ZDT1, ZDT2, ZDT3 (6 variables) and DTLZ2 (3 objectives, 7 variables), 1,000 evaluations,
            seeds 0-4, hypervolume of the Pareto front of all trials with reference point 1.1 per
            objective (computed for both sides by Optuna's own WFG on the front's points);
            Optuna: NSGAIISampler(seed); schedtune: Nsga2Sampler, SmsEmoaSampler, TpeSampler (MOTPE).
  overhead  ZDT1, 1,000 trials, mean wall-clock time per trial of ask + 6 suggestions + tell (the
            objective itself excluded): NSGA-II in memory, random and NSGA-II on SQLite, MOTPE in
            memory. The JVM side reports a warmed-up run (after three identical studies), its CPU time and
            the cold (first) run.
  scaling   schedtune's overhead per trial along one long study (NSGA-II in memory and on SQLite,
            random on SQLite), mean per window of trials.

and prints the tables with the ratios. The machine's load average is printed before and after: the
figures are only comparable within one run.
"""
import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time

import numpy as np
import optuna
from optuna._hypervolume import WFG

optuna.logging.set_verbosity(optuna.logging.WARNING)

PROBLEMS = {"ZDT1": (6, 2), "ZDT2": (6, 2), "ZDT3": (6, 2), "DTLZ2": (7, 3)}
REF = 1.1


def zdt(kind, x):
    f1 = x[0]
    g = 1 + 9 * sum(x[1:]) / (len(x) - 1)
    h = f1 / g
    if kind == "ZDT1":
        f2 = g * (1 - math.sqrt(h))
    elif kind == "ZDT2":
        f2 = g * (1 - h * h)
    else:
        f2 = g * (1 - math.sqrt(h) - h * math.sin(10 * math.pi * f1))
    return [f1, f2]


def dtlz2(x, m=3):
    g = sum((v - 0.5) ** 2 for v in x[m - 1:])
    f = []
    for i in range(m):
        v = 1 + g
        for j in range(m - 1 - i):
            v *= math.cos(x[j] * math.pi / 2)
        if i > 0:
            v *= math.sin(x[m - 1 - i] * math.pi / 2)
        f.append(v)
    return f


def evaluate(problem, x):
    return dtlz2(x) if problem == "DTLZ2" else zdt(problem, x)


def hypervolume(points, m):
    """Optuna's WFG on the points inside the reference box (it rejects the others, which add 0)."""
    ref = np.full(m, REF)
    pts = np.array([p for p in points if all(v <= REF for v in p)], dtype=float)
    if len(pts) == 0:
        return 0.0
    return float(WFG().compute(pts, ref))


# ----------------------------------------------------------------------------------------- Optuna


def optuna_quality(problem, seed, trials, sampler="nsga2"):
    nvar, m = PROBLEMS[problem]
    make = optuna.samplers.NSGAIISampler if sampler == "nsga2" else optuna.samplers.TPESampler
    study = optuna.create_study(directions=["minimize"] * m, sampler=make(seed=seed))
    study.optimize(lambda t: evaluate(problem, [t.suggest_float(f"x{i}", 0, 1) for i in range(nvar)]), n_trials=trials)
    return hypervolume([t.values for t in study.best_trials], m)


def optuna_overhead(sampler_name, storage_name, trials):
    samplers = {
        "nsga2": lambda: optuna.samplers.NSGAIISampler(seed=0),
        "random": lambda: optuna.samplers.RandomSampler(seed=0),
        "tpe": lambda: optuna.samplers.TPESampler(seed=0),
    }
    with tempfile.TemporaryDirectory() as tmp:
        storage = None if storage_name == "memory" else f"sqlite:///{tmp}/optuna.db"
        study = optuna.create_study(directions=["minimize"] * 2, sampler=samplers[sampler_name](), storage=storage)
        spent = 0.0
        for _ in range(trials):
            t0 = time.perf_counter()
            trial = study.ask()
            x = [trial.suggest_float(f"x{i}", 0, 1) for i in range(6)]
            t1 = time.perf_counter()
            values = zdt("ZDT1", x)
            t2 = time.perf_counter()
            study.tell(trial, values)
            spent += (t1 - t0) + (time.perf_counter() - t2)
    return spent * 1000 / trials


# ----------------------------------------------------------------------------------------- JVM


def build_classpath(root):
    print("building search test classes (mvn -B -q -pl search test-compile) ...", flush=True)
    subprocess.run(["mvn", "-B", "-q", "-pl", "search", "test-compile", "-Dspotless.check.skip=true"],
                   cwd=root, check=True)
    with tempfile.NamedTemporaryFile("r", suffix=".cp") as f:
        subprocess.run(["mvn", "-B", "-q", "-pl", "search", "dependency:build-classpath",
                        f"-Dmdep.outputFile={f.name}"], cwd=root, check=True, stdout=subprocess.DEVNULL)
        deps = f.read().strip()
    # A private copy of the classes, so a rebuild during the (long) run cannot change them.
    snapshot = tempfile.mkdtemp(prefix="schedtune-bench-classes")
    classes = []
    for name in ("test-classes", "classes"):
        shutil.copytree(os.path.join(root, "search", "target", name), os.path.join(snapshot, name))
        classes.append(os.path.join(snapshot, name))
    return os.pathsep.join(classes + [deps])


def jvm(classpath, *args):
    out = subprocess.run(["java", "-Xmx2g", "-cp", classpath, "dev.schedtune.search.bench.SamplerBench", *map(str, args)],
                         capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"SamplerBench {' '.join(map(str, args))} failed:\n{out.stderr}")
    return [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]


# ----------------------------------------------------------------------------------------- main


def load():
    return "load average %.2f %.2f %.2f (%d cores)" % (*os.getloadavg(), os.cpu_count())


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--full", action="store_true", help="scaling curve to 100,000 trials (default 20,000)")
    parser.add_argument("--trials", type=int, default=1000)
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--problems", default=",".join(PROBLEMS), help="comma list of quality problems")
    parser.add_argument("--skip", default="", help="comma list of sections to skip: quality,overhead,scaling")
    parser.add_argument("--sweep", action="store_true",
                        help="also run the SMS-EMOA setting sweep (population, reference point) on seeds 100-119")
    parser.add_argument("--with-optuna-motpe", action="store_true",
                        help="also measure the quality of Optuna's MOTPE (TPESampler): slow, ~2 min per run")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    print(f"optuna {optuna.__version__}, python {sys.version.split()[0]}; {load()}", flush=True)
    cp = build_classpath(root)
    seeds = list(range(args.seeds))
    started = time.time()

    if "quality" not in skip:
        print(f"\n== quality: hypervolume (ref {REF}) after {args.trials} evaluations, mean of seeds {seeds}", flush=True)
        ours = ["nsga2", "smsemoa", "tpe"]
        header = f"{'problem':8} {'Optuna NSGA-II':>15} " + " ".join(f"{s:>10}" for s in ours) + \
            "   ratios to Optuna NSGA-II (" + ", ".join(ours) + ")"
        print(header)
        for problem in args.problems.split(","):
            nvar, m = PROBLEMS[problem]
            base = float(np.mean([optuna_quality(problem, s, args.trials) for s in seeds]))
            means = []
            for name in ours:
                runs = jvm(cp, "quality", name, problem, args.trials, *seeds)
                hvs = [hypervolume(r["front"], m) for r in runs]
                for r, hv in zip(runs, hvs):
                    assert abs(r["hv"] - hv) < 1e-9, (name, problem, r["seed"], r["hv"], hv)
                means.append(float(np.mean(hvs)))
            print(f"{problem:8} {base:15.4f} " + " ".join(f"{v:10.4f}" for v in means) + "   "
                  + ", ".join(f"{v / base:.2f}x" for v in means), flush=True)
            if args.with_optuna_motpe:
                motpe = float(np.mean([optuna_quality(problem, s, args.trials, "tpe") for s in seeds]))
                print(f"{'':8} Optuna MOTPE {motpe:.4f} (ours {means[2]:.4f}, {means[2] / motpe:.2f}x)", flush=True)

    if args.sweep:
        sweep_seeds = list(range(100, 120))
        print(f"\n== SMS-EMOA settings: mean hypervolume over seeds 100-119, {args.trials} evaluations", flush=True)
        print(f"{'sampler':24} " + " ".join(f"{p:>8}" for p in PROBLEMS))
        for spec in ["smsemoa:pop=20,ref=2", "smsemoa:pop=20,ref=1.1", "smsemoa:pop=30,ref=2", "smsemoa:pop=30,ref=1.1",
                     "smsemoa:pop=50,ref=2", "smsemoa:pop=50,ref=1.1", "nsga2", "tpe"]:
            means = []
            for problem, (nvar, m) in PROBLEMS.items():
                runs = jvm(cp, "quality", spec, problem, args.trials, *sweep_seeds)
                means.append(float(np.mean([hypervolume(r["front"], m) for r in runs])))
            print(f"{spec:24} " + " ".join(f"{v:8.4f}" for v in means), flush=True)

    if "overhead" not in skip:
        print(f"\n== overhead per trial (ask + suggest + tell, objective excluded), ZDT1, {args.trials} trials", flush=True)
        print(f"{'sampler / storage':26} {'Optuna ms':>10} {'ours ms':>10} {'ours cold':>10} {'ours CPU':>10} {'ratio':>8}")
        for sampler, storage, ours_storage in [("nsga2", "memory", "memory"), ("random", "sqlite", "sqlite"),
                                               ("nsga2", "sqlite", "sqlite"), ("random", "sqlite", "sqlite-full"),
                                               ("nsga2", "sqlite", "sqlite-full"), ("tpe", "memory", "memory")]:
            theirs = optuna_overhead(sampler, storage, args.trials)
            r = jvm(cp, "overhead", sampler, ours_storage, args.trials, 3)[0]
            label = f"{sampler} / {ours_storage}"
            print(f"{label:26} {theirs:10.3f} {r['ms']:10.4f} {r['cold_ms']:10.4f} {r['cpu_ms']:10.4f} "
                  f"{theirs / r['ms']:7.0f}x", flush=True)

    if "scaling" not in skip:
        total, window = (100_000, 10_000) if args.full else (20_000, 2_000)
        print(f"\n== scaling: ours, ms per trial (wall / CPU) per window of {window} trials, one study of {total}", flush=True)
        for sampler, storage in [("nsga2", "memory"), ("nsga2", "sqlite"), ("random", "sqlite")]:
            r = jvm(cp, "scaling", sampler, storage, total, window)[0]
            curve = "  ".join(f"{n // 1000}k:{w:.3f}/{c:.3f}" for n, w, c in r["curve"])
            print(f"{sampler + ' / ' + storage:18} {curve}", flush=True)

    print(f"\ndone in {time.time() - started:.0f} s; {load()}")


if __name__ == "__main__":
    main()
