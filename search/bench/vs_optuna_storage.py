#!/usr/bin/python3
"""Per-trial overhead (ask + 2 x suggest_float + tell, random sampler) of Optuna 3.1 and of schedtune, in
memory and on SQLite, run side by side in one invocation; prints the ratios.

    /usr/bin/python3 search/bench/vs_optuna_storage.py [trials=1000]

Needs `mvn -B -q test-compile -pl search` first (the script runs the Java side through bench/classpath.sh).
"""
import os
import subprocess
import sys
import tempfile
import time

import optuna

optuna.logging.set_verbosity(optuna.logging.WARNING)
N = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
HERE = os.path.dirname(os.path.abspath(__file__))
MODULE = os.path.dirname(HERE)


def optuna_run(storage):
    study = optuna.create_study(storage=storage, sampler=optuna.samplers.RandomSampler(seed=1))
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in range(N):
        t = study.ask()
        x = t.suggest_float("x", -10, 10)
        y = t.suggest_float("y", -10, 10)
        study.tell(t, x * x + y * y)
    return (time.perf_counter() - t0) * 1e3 / N, (time.process_time() - c0) * 1e3 / N


def java_run(kind):
    cp = subprocess.check_output(["sh", os.path.join(HERE, "classpath.sh")], text=True).strip()
    with tempfile.TemporaryDirectory() as d:
        out = subprocess.check_output(
            ["java", "-cp", cp, "dev.schedtune.search.bench.OverheadBenchmark", kind, str(N),
             os.path.join(d, "ours.db")], cwd=MODULE, text=True)
    _, wall, cpu = out.strip().splitlines()[-1].split()
    return float(wall), float(cpu)


with open("/proc/loadavg") as f:
    print(f"# trials={N} optuna={optuna.__version__} load(start)={f.read().strip()}")
with tempfile.TemporaryDirectory() as d:
    optuna_mem = optuna_run(None)
    optuna_sql = optuna_run("sqlite:///" + os.path.join(d, "optuna.db"))
ours_mem = java_run("memory")
ours_sql = java_run("sqlite")
print("storage  optuna_ms/trial(wall,cpu)  schedtune_ms/trial(wall,cpu)  ratio(wall)  ratio(cpu)")
for name, o, s in (("memory", optuna_mem, ours_mem), ("sqlite", optuna_sql, ours_sql)):
    print(f"{name:8} {o[0]:9.3f} {o[1]:9.3f}      {s[0]:9.4f} {s[1]:9.4f}      {o[0] / s[0]:8.1f}x  {o[1] / s[1]:8.1f}x")
with open("/proc/loadavg") as f:
    print(f"# load(end)={f.read().strip()}")
