#!/usr/bin/env python3
"""Writes the legacy Keras .h5 weight files used by LegacyWeightsTests, with h5py, in the layouts Keras writes.

  legacy_k2_model.h5    Keras 2 `model.save("x.h5")`: root attrs, group `model_weights` (attrs layer_names, backend,
                        keras_version), one group per layer with `weight_names` like "dense/kernel:0", an empty
                        weight_names for Dropout, and `optimizer_weights`.
  legacy_root_weights.h5  Keras 3 `save_weights("x.h5")`-style file at the root, K3 names ("dense/kernel"), with
                        layer_names split into layer_names0/layer_names1 (Keras splits attributes over 64 KB).

Weights are arange-based so the test can state every value: kernel[i, j] = base + 0.5·(i·cols + j), bias[j] = -j.
Run: python3 tests/scripts/make_legacy_h5.py tests/DeepKeras.Tests/Saving/Data
"""
import json
import sys

import h5py
import numpy as np


def kernel(rows, cols, base):
    return (base + 0.5 * np.arange(rows * cols, dtype="float32")).reshape(rows, cols).astype("float32")


def bias(cols):
    return -np.arange(cols, dtype="float32")


def write_layer(group, layer, names_values):
    g = group.create_group(layer)
    g.attrs["weight_names"] = np.array([n.encode("utf8") for n, _ in names_values], dtype="S") if names_values else np.array([], dtype="S1")
    for name, value in names_values:
        g.create_dataset(name, data=value)


def main(out):
    with h5py.File(f"{out}/legacy_k2_model.h5", "w") as f:
        f.attrs["keras_version"] = b"2.13.1"
        f.attrs["backend"] = b"tensorflow"
        f.attrs["model_config"] = json.dumps({"class_name": "Sequential", "config": {"name": "sequential"}}).encode("utf8")
        mw = f.create_group("model_weights")
        mw.attrs["layer_names"] = np.array([b"dense", b"dropout", b"dense_1"])
        mw.attrs["backend"] = b"tensorflow"
        mw.attrs["keras_version"] = b"2.13.1"
        # Keras creates the layer groups in sorted order.
        write_layer(mw, "dense", [("dense/kernel:0", kernel(3, 4, 1.0)), ("dense/bias:0", bias(4))])
        write_layer(mw, "dense_1", [("dense_1/kernel:0", kernel(4, 2, -2.0)), ("dense_1/bias:0", bias(2))])
        write_layer(mw, "dropout", [])
        ow = f.create_group("optimizer_weights")
        ow.attrs["weight_names"] = np.array([b"Adam/iter:0"])
        ow.create_dataset("Adam/iter:0", data=np.int64(7))

    with h5py.File(f"{out}/legacy_root_weights.h5", "w") as f:
        f.attrs["layer_names0"] = np.array([b"dense", b"dropout"])
        f.attrs["layer_names1"] = np.array([b"dense_1"])
        f.attrs["backend"] = b"tensorflow"
        f.attrs["keras_version"] = b"3.15.0"
        write_layer(f, "dense", [("dense/kernel", kernel(3, 4, 1.0)), ("dense/bias", bias(4))])
        write_layer(f, "dense_1", [("dense_1/kernel", kernel(4, 2, -2.0)), ("dense_1/bias", bias(2))])
        write_layer(f, "dropout", [])


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
