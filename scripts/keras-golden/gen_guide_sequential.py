"""Golden values for the Sequential model guide (keras-io guides/keras_core/sequential_model.py).

Writes tests/DeepKeras.Tests/Data/keras3/guide_sequential_*/, read by
tests/DeepKeras.Tests/Guides/SequentialModelGuideTests.cs:
- guide_sequential_summaries: the summaries the guide prints (unbuilt, built by a call, Input + Dense, the Conv2D
  stack after 3 and after 9 layers);
- guide_sequential_values: the 3-layer model of cell 2 with wave weights, called on ones((3, 3)).
"""

import golden
import keras
import numpy as np
from keras import layers, ops


def wave(shape, phase, scale=1.0, offset=0.0):
    """offset + scale * sin(0.37 i + phase) over the flat index i, as float32 (GuideArrays.Wave in the C# tests)."""
    n = int(np.prod(shape))
    return (offset + scale * np.sin(0.37 * np.arange(n, dtype=np.float64) + phase)).astype(np.float32).reshape(shape)


def three_dense(**names):
    return keras.Sequential(
        [
            layers.Dense(2, activation="relu", **names.get("1", {})),
            layers.Dense(3, activation="relu", **names.get("2", {})),
            layers.Dense(4, **names.get("3", {})),
        ]
    )


d = golden.out_dir("guide_sequential_summaries")
model = three_dense()
golden.save_text(d, "unbuilt", golden.summary_text(model))
model(ops.ones((1, 4)))
golden.save_text(d, "called", golden.summary_text(model))

model = keras.Sequential()
model.add(keras.Input(shape=(4,)))
model.add(layers.Dense(2, activation="relu"))
golden.save_text(d, "input_dense", golden.summary_text(model))

model = keras.Sequential()
model.add(keras.Input(shape=(250, 250, 3)))
model.add(layers.Conv2D(32, 5, strides=2, activation="relu"))
model.add(layers.Conv2D(32, 3, activation="relu"))
model.add(layers.MaxPooling2D(3))
golden.save_text(d, "conv3", golden.summary_text(model))
model.add(layers.Conv2D(32, 3, activation="relu"))
model.add(layers.Conv2D(32, 3, activation="relu"))
model.add(layers.MaxPooling2D(3))
model.add(layers.Conv2D(32, 3, activation="relu"))
model.add(layers.Conv2D(32, 3, activation="relu"))
model.add(layers.MaxPooling2D(2))
golden.save_text(d, "conv9", golden.summary_text(model))
model.add(layers.GlobalMaxPooling2D())
model.add(layers.Dense(10))
golden.save_text(d, "conv11", golden.summary_text(model))

d = golden.out_dir("guide_sequential_values")
model = three_dense(**{"1": {"name": "layer1"}, "2": {"name": "layer2"}, "3": {"name": "layer3"}})
model.build((None, 3))
model.set_weights([wave(w.shape, k, 0.5) for k, w in enumerate(model.get_weights())])
golden.save_npy(d, "y", ops.convert_to_numpy(model(ops.ones((3, 3)))))
