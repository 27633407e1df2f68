"""Prints what Keras's legacy loader reads from a whole-model .h5 file: the root attributes, the model config's class
and layer names, the training config's keys, layer_names and each layer's weight_names with the dataset shapes."""
import json
import sys

import h5py


def text(value):
    return value.decode("utf8") if hasattr(value, "decode") else str(value)


with h5py.File(sys.argv[1], "r") as f:
    print("attrs:", ",".join(sorted(f.attrs.keys())))
    config = json.loads(text(f.attrs["model_config"]))
    print("model:", config["class_name"], config["config"]["name"], ",".join(l["config"]["name"] for l in config["config"]["layers"]))
    print("training:", ",".join(sorted(json.loads(text(f.attrs["training_config"])).keys())))
    weights = f["model_weights"]
    for layer in [text(n) for n in weights.attrs["layer_names"]]:
        names = [text(n) for n in weights[layer].attrs["weight_names"]]
        print(layer + ":", " ".join(f"{n}{list(weights[layer][n].shape)}" for n in names))
