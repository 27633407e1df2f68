"""ReduceLROnPlateau's log entry: `learning_rate` read from the float32 variable (0.0010000000474974513, printed
`0.0010`), added after the model's results so it is printed last (after `val_*`) and recorded last in History; the
reduction message prints the new rate computed from the float32 value. A zero input and target keep the loss at
exactly 0, a perfect plateau."""
import contextlib
import io
import re

import keras
import numpy as np
from keras import layers

import golden

keras.utils.set_random_seed(14)
d = golden.out_dir("names_reduce_lr")
x = np.zeros((32, 2), "float32")
y = np.zeros((32, 1), "float32")
results = {}
printed = []
for case, lr, epochs in [("plateau", 0.2, 4), ("validation", 0.001, 2)]:
    model = keras.Sequential([keras.Input((2,)), layers.Dense(1, use_bias=False)])
    model.compile(optimizer=keras.optimizers.SGD(lr), loss="mse", metrics=["mae"])
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        history = model.fit(x, y, epochs=epochs, verbose=2, validation_data=(x, y) if case == "validation" else None,
                            callbacks=[keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=1, verbose=1)])
    printed += [re.sub(r" - \d+s - \d+[mu]?s/step", "", line) for line in out.getvalue().splitlines()]
    results[case] = {"history_keys": list(history.history.keys()), "learning_rate": history.history["learning_rate"]}
golden.save_text(d, "printed", "\n".join(printed) + "\n")
golden.save_json(d, "results", results)
