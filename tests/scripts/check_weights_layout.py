#!/usr/bin/env python3
"""Lists a Keras weights file as h5py (the HDF5 C library) sees it, for the layout tests of DeepKeras.

Usage: check_weights_layout.py FILE   (FILE is a .weights.h5 file or a .keras archive)

Output, one line per object in h5py's (alphabetical) visiting order:
  Z <member> stored|deflated        archive members of a .keras file, in archive order
  G <path> [name=<attr>]            a group, with its `name` attribute when present
  D <path> <shape> <dtype>          a dataset
Exit code 0 when the file was read, 2 on usage errors; any read error raises.
"""
import io
import sys
import zipfile

import h5py


def describe(f, out):
    def visit(path, obj):
        if isinstance(obj, h5py.Group):
            name = obj.attrs.get("name")
            out.append(f"G {path}" + (f" name={name}" if name is not None else ""))
        else:
            out.append(f"D {path} {tuple(obj.shape)} {obj.dtype}")

    f.visititems(visit)


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    path = argv[1]
    out = []
    if path.endswith(".keras"):
        with zipfile.ZipFile(path) as z:
            for info in z.infolist():
                kind = "stored" if info.compress_type == zipfile.ZIP_STORED else "deflated"
                out.append(f"Z {info.filename} {kind}")
            with h5py.File(io.BytesIO(z.read("model.weights.h5")), "r") as f:
                describe(f, out)
    else:
        with h5py.File(path, "r") as f:
            describe(f, out)
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
