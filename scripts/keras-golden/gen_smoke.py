"""Smoke case: a two-layer Dense model, its summary, config, weights and predictions (proves the golden pipe)."""
import keras
import numpy as np

import golden

keras.utils.set_random_seed(1)
d = golden.out_dir("smoke_dense")
model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3, activation="relu"), keras.layers.Dense(2)], name="smoke")
x = np.random.RandomState(0).randn(5, 4).astype("float32")
golden.save_npy(d, "x", x)
golden.save_npy(d, "y", model.predict(x, verbose=0))
golden.save_text(d, "summary", golden.summary_text(model))
golden.save_json(d, "config", model.get_config())
model.save(d + "/model.keras")
