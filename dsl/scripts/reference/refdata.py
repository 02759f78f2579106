"""Writes reference vectors for the parity presets (shared by every *_vectors.py script).

One JSON file per case under dsl/src/test/resources/reference/<library>/<case>.json:

    {
      "anchor":    "torch.OneCycleLR",          # the preset kind, as configs spell it
      "case":      "default",
      "source":    "how the values were produced (library + version, executed or transcribed)",
      "precision": "float64" | "float32",       # the arithmetic the values were computed in
      "args":      {...},                        # the preset's arguments, exactly as a config writes them
      "values":    {"lr": [v(0), v(1), ...], "momentum": [...]},   # value at every step from 0
      "raises":    {"step": k, "error": "..."}   # optional: the anchor refused step k (and beyond)
    }

Steps are ours: step 0 is the value the first optimizer update uses.  Floats are written with
Python's repr, which round-trips exactly.
"""

import json
import math
import os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "..", "src", "test", "resources", "reference"))


def write_case(library, anchor, case, source, precision, args, values, raises=None, note=None):
    for name, series in values.items():
        for i, v in enumerate(series):
            if not isinstance(v, float) or not math.isfinite(v):
                raise ValueError(f"{anchor}/{case}: {name}[{i}] = {v!r} is not a finite float")
    doc = {
        "anchor": anchor,
        "case": case,
        "source": source,
        "precision": precision,
        "args": args,
        "values": values,
    }
    if raises is not None:
        doc["raises"] = raises
    if note is not None:
        doc["note"] = note
    folder = os.path.join(OUT, library)
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, anchor.split(".", 1)[1] + "__" + case + ".json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1, allow_nan=False)
        f.write("\n")
    return path


def clean(folder_name):
    """Removes the previous vectors of one library so renamed cases leave nothing stale behind."""
    folder = os.path.join(OUT, folder_name)
    if os.path.isdir(folder):
        for name in os.listdir(folder):
            if name.endswith(".json"):
                os.remove(os.path.join(folder, name))
