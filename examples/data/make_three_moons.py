#!/usr/bin/python3
"""Writes three-moons.csv: a small seeded classification task for the CSV examples.

600 rows, 4 features, 3 classes: three interleaved half-moons in the first two features plus two
noise features. Standard library only, so any python3 makes the same file:

    python3 examples/data/make_three_moons.py > examples/data/three-moons.csv
"""
import math
import random

rng = random.Random(7)
print("x1,x2,x3,x4,label")
for i in range(600):
    k = i % 3
    t = rng.uniform(0, math.pi)
    x = math.cos(t) + 1.1 * k + rng.gauss(0, 0.18)
    y = math.sin(t) * (1 if k % 2 == 0 else -1) + 0.45 * (k % 2) + rng.gauss(0, 0.18)
    print("%.5f,%.5f,%.5f,%.5f,%s" % (x, y, rng.gauss(0, 1), rng.gauss(0, 1), ["north", "south", "east"][k]))
