#!/usr/bin/env python3
"""Writes weights files with h5py (the HDF5 C library), for the reader tests of DeepKeras.

Usage: make_h5py_weights.py OUT_DIR
  keras_layout.weights.h5  what Keras 3 `save_weights` writes for
                           Sequential([Input((3,)), Dense(4), Dropout(0.5), Dense(2)]) compiled with Adam, after 5
                           steps: vars groups with a `name` attribute (variable-length string), float32 weights,
                           optimizer/vars/0 the int64 iteration, /1 the float32 learning rate, then m and v per variable.
                           Values: weight k (0-based, in file order) holds 10·k + 0.25·i for its i-th element.
  big_group.h5             one group with 600 datasets "0".."599" (value i each), so the group index needs several
                           B-tree levels.
"""
import sys

import h5py
import numpy as np


def values(k, shape):
    n = int(np.prod(shape)) if shape else 1
    return (10.0 * k + 0.25 * np.arange(n, dtype="float64")).astype("float32").reshape(shape)


def main(out):
    shapes = [(3, 4), (4,), (4, 2), (2,)]
    with h5py.File(f"{out}/keras_layout.weights.h5", "w") as f:
        k = 0
        for path, name, count in [("layers/dense", "dense", 2), ("layers/dense_1", "dense_1", 2)]:
            g = f.create_group(f"{path}/vars")
            g.attrs["name"] = name
            for i in range(count):
                g.create_dataset(str(i), data=values(k, shapes[k]))
                k += 1
        f.create_group("layers/dropout/vars").attrs["name"] = "dropout"
        o = f.create_group("optimizer/vars")
        o.attrs["name"] = "adam"
        o.create_dataset("0", data=np.int64(5))
        o.create_dataset("1", data=np.float32(0.01))
        slot = 2
        for k, shape in enumerate(shapes):
            for which in range(2):  # m, then v
                o.create_dataset(str(slot), data=values(100 + 2 * k + which, shape))
                slot += 1
        f.create_group("vars").attrs["name"] = "sequential"

    with h5py.File(f"{out}/big_group.h5", "w") as f:
        g = f.create_group("many")
        for i in range(600):
            g.create_dataset(str(i), data=np.float32(i))


if __name__ == "__main__":
    main(sys.argv[1])
