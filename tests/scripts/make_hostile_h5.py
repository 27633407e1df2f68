#!/usr/bin/env python3
"""Writes hostile Keras weights files for the safety tests of DeepKeras (read back with LoadWeights, which must refuse
them without reading anything outside the file).

Usage: make_hostile_h5.py OUT_DIR SECRET_FILE
  external_dataset.weights.h5  layers/dense/vars/0 stores its data in SECRET_FILE (HDF5 external storage)
  external_link.weights.h5     layers/dense/vars is an external link into another HDF5 file
The model they target: Sequential([Input((2,)), Dense(2)]) → kernel (2, 2) and bias (2,).
"""
import sys

import h5py
import numpy as np


def main(out, secret):
    with h5py.File(f"{out}/external_dataset.weights.h5", "w") as f:
        g = f.create_group("layers/dense/vars")
        g.attrs["name"] = "dense"
        g.create_dataset("0", shape=(2, 2), dtype="float32", external=[(secret, 0, 16)])
        g.create_dataset("1", data=np.zeros(2, dtype="float32"))
        f.create_group("vars").attrs["name"] = "sequential"

    with h5py.File(f"{out}/other.h5", "w") as f:
        g = f.create_group("vars")
        g.create_dataset("0", data=np.ones((2, 2), dtype="float32"))
        g.create_dataset("1", data=np.ones(2, dtype="float32"))

    with h5py.File(f"{out}/external_link.weights.h5", "w") as f:
        f.create_group("layers/dense")
        f["layers/dense/vars"] = h5py.ExternalLink(f"{out}/other.h5", "/vars")
        f.create_group("vars").attrs["name"] = "sequential"


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
