"""Sequential models and the functional graph Keras builds inside them: a Sequential built by calling it on data
shows the concrete batch size; Model(seq.inputs, [l.output for l in seq.layers]) extracts every layer's features."""
import keras
import numpy as np

import golden

keras.utils.set_random_seed(2)
d = golden.out_dir("modelapi_seq_called")
model = keras.Sequential([keras.layers.Dense(4, name="dense"), keras.layers.Dense(2, name="dense_1")], name="sequential")
model(np.zeros((3, 5), "float32"))
golden.save_text(d, "summary", golden.summary_text(model))
golden.save_json(d, "shapes", {
    "inputs": [list(t.shape) for t in model.inputs],
    "outputs": [list(t.shape) for t in model.outputs],
    "build_config": model.get_build_config(),
})

d = golden.out_dir("modelapi_feature_extractor")
seq = keras.Sequential([
    keras.Input((6,)),
    keras.layers.Dense(4, activation="relu", name="dense"),
    keras.layers.Dense(3, activation="tanh", name="dense_1"),
    keras.layers.Dense(2, name="dense_2"),
], name="sequential_1")
extractor = keras.Model(inputs=seq.inputs, outputs=[layer.output for layer in seq.layers], name="extractor")
x = np.random.RandomState(1).randn(5, 6).astype("float32")
golden.save_npy(d, "x", x)
for i, w in enumerate(seq.get_weights()):
    golden.save_npy(d, f"w{i}", w)
for i, out in enumerate(extractor.predict(x, verbose=0)):
    golden.save_npy(d, f"features{i}", out)
golden.save_text(d, "summary", golden.summary_text(extractor))
