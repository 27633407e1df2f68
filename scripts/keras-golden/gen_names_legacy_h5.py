"""Keras's legacy `.h5` whole-model file (`model.save("m.h5")`): a small functional model with two inputs and two
outputs and a Sequential, compiled, trained one epoch, saved as `.h5`; with the data, Keras's predictions and
evaluation of the saved state, so that DeepKeras's `LoadModel` can be checked to predict and evaluate identically."""
import keras
import numpy as np
from keras import layers

import golden

keras.utils.set_random_seed(14)
rs = np.random.RandomState(14)
d = golden.out_dir("names_legacy_h5")

a = keras.Input((4,), name="a")
b = keras.Input((3,), name="b")
h = layers.Dense(5, activation="relu", name="hidden")(layers.Concatenate(name="joined")([a, b]))
h = layers.BatchNormalization(name="norm")(h)
score = layers.Dense(1, name="score")(h)
kind = layers.Dense(3, activation="softmax", name="kind")(h)
functional = keras.Model([a, b], [score, kind], name="two_heads")
functional.compile(optimizer=keras.optimizers.Adam(0.01), loss=["mse", "categorical_crossentropy"],
                   metrics=[["mae"], ["accuracy"]], loss_weights=[1.0, 0.5])
xa = rs.normal(size=(16, 4)).astype("float32")
xb = rs.normal(size=(16, 3)).astype("float32")
ys = rs.normal(size=(16, 1)).astype("float32")
yk = np.eye(3, dtype="float32")[rs.randint(3, size=16)]
functional.fit([xa, xb], [ys, yk], epochs=1, batch_size=8, verbose=0)
functional.save(f"{d}/functional.h5")

sequential = keras.Sequential([keras.Input((4,)), layers.Dense(6, activation="tanh"), layers.Dropout(0.5),
                               layers.Dense(2)], name="seq")
sequential.compile(optimizer="sgd", loss="mse", metrics=["mae"])
sequential.fit(xa, ys.repeat(2, axis=1), epochs=1, batch_size=8, verbose=0)
sequential.save(f"{d}/sequential.h5")

for name, array in [("xa", xa), ("xb", xb), ("ys", ys), ("yk", yk)]:
    golden.save_npy(d, name, array)
score_pred, kind_pred = functional.predict([xa, xb], verbose=0)
golden.save_npy(d, "functional_score", score_pred)
golden.save_npy(d, "functional_kind", kind_pred)
golden.save_npy(d, "sequential_predict", sequential.predict(xa, verbose=0))
golden.save_json(d, "results", {
    "functional_evaluate": functional.evaluate([xa, xb], [ys, yk], verbose=0, return_dict=True),
    "sequential_evaluate": sequential.evaluate(xa, ys.repeat(2, axis=1), verbose=0, return_dict=True),
})
