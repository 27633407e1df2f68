"""Shared helpers for the Keras golden-file generators (run them with ../shared/keras-oracle/run.sh).

Each generator builds objects in the real Keras 3 and writes what Keras prints, computes and saves into
tests/DeepKeras.Tests/Data/keras3/<case>/: model.keras, inputs/outputs as .npy, summary text, configs as JSON.
The C# tests compare against these files; CI reads them and never runs Keras.

The oracle runs scripts from /tmp, so a generator is copied there with this module and writes to
$ORACLE_GOLDEN_OUT (set by scripts/keras-golden/run.sh) instead of into the repository directly.
"""
import json
import os

import numpy as np


def out_dir(case):
    """The folder of one golden case, created empty."""
    root = os.environ.get("ORACLE_GOLDEN_OUT", "/tmp/keras-golden-out")
    path = os.path.join(root, case)
    os.makedirs(path, exist_ok=True)
    for f in os.listdir(path):
        os.remove(os.path.join(path, f))
    return path


def save_npy(case_dir, name, array):
    """Writes a float32 (or integer) array as <name>.npy."""
    array = np.asarray(array)
    if array.dtype == np.float64:
        array = array.astype(np.float32)
    np.save(os.path.join(case_dir, name + ".npy"), array)


def save_json(case_dir, name, obj):
    """Writes JSON with sorted keys (plain values only)."""
    with open(os.path.join(case_dir, name + ".json"), "w") as f:
        json.dump(obj, f, indent=1, sort_keys=True, default=_plain)
        f.write("\n")


def save_text(case_dir, name, text):
    with open(os.path.join(case_dir, name + ".txt"), "w") as f:
        f.write(text)


def summary_text(model, line_length=88):
    """model.summary() as plain text (no colours)."""
    lines = []
    model.summary(line_length=line_length, print_fn=lambda s, line_break=True: lines.append(s))
    return "\n".join(lines) + "\n"


def _plain(o):
    if isinstance(o, np.ndarray):
        return o.tolist()
    if isinstance(o, (np.floating, np.integer)):
        return o.item()
    if isinstance(o, tuple):
        return list(o)
    return str(o)
