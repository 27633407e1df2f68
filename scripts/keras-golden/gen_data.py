"""Data pipelines: keras.utils.PyDataset semantics (which calls fit/evaluate/predict make, in which order), training on
(x, y, sample_weight) batches with validation_steps, a torch DataLoader, and the progress text for data of known
length (PyDataset) and of unknown length (a generator: "1/Unknown", then the learned "7/7")."""
import contextlib
import io

import keras
import numpy as np
import torch

import golden

log = []


class Recorder(keras.utils.PyDataset):
    """Batches of 4 rows of (x, y[, w]); records on_epoch_begin/__getitem__/on_epoch_end as "name.begin", "name[i]", "name.end"."""

    def __init__(self, name, x, y, w=None, **kwargs):
        super().__init__(**kwargs)
        self.name, self.x, self.y, self.w = name, x, y, w

    def __len__(self):
        return len(self.x) // 4

    def __getitem__(self, i):
        log.append(f"{self.name}[{i}]")
        s = slice(4 * i, 4 * i + 4)
        return (self.x[s], self.y[s]) if self.w is None else (self.x[s], self.y[s], self.w[s])

    def on_epoch_begin(self):
        log.append(f"{self.name}.begin")

    def on_epoch_end(self):
        log.append(f"{self.name}.end")


def taken():
    events = list(log)
    log.clear()
    return events


rs = np.random.RandomState(3)
x = rs.randn(24, 3).astype("float32")
y = rs.randn(24, 1).astype("float32")
w = rs.uniform(0.5, 2.0, 24).astype("float32")
vx = rs.randn(12, 3).astype("float32")
vy = rs.randn(12, 1).astype("float32")

# --- training on (x, y, sample_weight) batches, validation_steps, evaluate and predict on a PyDataset ---------------
keras.utils.set_random_seed(7)
d = golden.out_dir("data_pydataset")
model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1)])
kernel, bias = model.layers[0].get_weights()
for name, value in [("x", x), ("y", y), ("w", w), ("vx", vx), ("vy", vy), ("kernel", kernel), ("bias", bias)]:
    golden.save_npy(d, name, value)
model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse", metrics=["mae"])
# Builds the compiled metrics first, so that no later call peeks at a batch to build them.
model.evaluate(x[:4], y[:4], verbose=0)
history = model.fit(Recorder("t", x, y, w), validation_data=Recorder("v", vx, vy), validation_steps=2, epochs=2, shuffle=False,
                    verbose=0)
fit_log = taken()
evaluated = model.evaluate(Recorder("e", x, y, w), verbose=0)
evaluate_log = taken()
predicted = model.predict(Recorder("p", x, y), verbose=0)
predict_log = taken()
model.fit(Recorder("s", x, y), epochs=1, steps_per_epoch=2, shuffle=False, verbose=0)
steps_log = taken()
golden.save_json(d, "results", {"history": history.history, "evaluate": evaluated})
golden.save_npy(d, "predictions", predicted)
golden.save_json(d, "calls", {"fit": fit_log, "evaluate": evaluate_log, "predict": predict_log, "steps_per_epoch": steps_log})

# --- a torch DataLoader over a TensorDataset -------------------------------------------------------------------------
keras.utils.set_random_seed(7)
d = golden.out_dir("data_dataloader")
model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1)])
model.layers[0].set_weights([kernel, bias])
model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse", metrics=["mae"])
loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(torch.tensor(x), torch.tensor(y)), batch_size=5)
validation = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(torch.tensor(vx), torch.tensor(vy)), batch_size=5)
history = model.fit(loader, validation_data=validation, epochs=2, verbose=0)
evaluated = model.evaluate(validation, verbose=0)
golden.save_json(d, "results", {"history": history.history, "evaluate": evaluated, "steps": len(loader)})
golden.save_npy(d, "predictions", model.predict(loader, verbose=0))


# --- progress text: known length (PyDataset) and unknown length (a generator) -----------------------------------------
def printed(call):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        call()
    return out.getvalue()


def batches(n):
    for i in range(n):
        yield x[4 * (i % 6):4 * (i % 6) + 4], y[4 * (i % 6):4 * (i % 6) + 4]


keras.utils.set_random_seed(7)
d = golden.out_dir("data_progress")
model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1)])
model.compile(optimizer=keras.optimizers.SGD(0.01), loss="mse")
model.evaluate(x[:4], y[:4], verbose=0)
golden.save_text(d, "pydataset_verbose1", printed(lambda: model.fit(Recorder("t", x, y), epochs=2, shuffle=False, verbose=1)))
golden.save_text(d, "pydataset_verbose2", printed(lambda: model.fit(Recorder("t", x, y), epochs=2, shuffle=False, verbose=2)))
golden.save_text(d, "generator_verbose1", printed(lambda: model.fit(batches(7), epochs=2, verbose=1)))
golden.save_text(d, "generator_verbose2", printed(lambda: model.fit(batches(7), epochs=2, verbose=2)))
# (Keras's predict on a generator loses the two batches it peeks at, so only evaluate is recorded.)
golden.save_text(d, "generator_evaluate", printed(lambda: model.evaluate(batches(7), verbose=2)))
log.clear()
