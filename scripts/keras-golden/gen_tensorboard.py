"""What Keras 3's TensorBoard callback writes: which run (train/ or validation/), tag, step and value.

The callback needs TensorFlow for `tf.summary`, which the oracle (torch backend) lacks. Keras reaches tf.summary only
through `callback.summary` (the `_summary_module` it imports lazily), so this generator hands the real Keras 3.15
callback a stand-in module that records every call with TensorFlow's own semantics: a stack of default writers
(`writer.as_default()`), `record_if` conditions, a scalar cast to float32, and a histogram bucketed as
`tf.summary.histogram` does (30 buckets [left, right, count] in float64; all points equal: 30 buckets at that value with
the count in the last; no points: 30 zero rows). Everything else (tags, steps, when to write, which writer) is Keras's
own code. write_graph=False: the model summary writer imports TensorFlow directly.

Cases (each: initial weights w0..w3, data, and events.json = the recorded events in call order):
  tensorboard_epoch     update_freq="epoch", histogram_freq=2, validation data, 3 epochs of 3 batches
  tensorboard_batch     update_freq=2 with an ExponentialDecay learning rate, 4 batches per epoch, 2 validation batches
  tensorboard_histogram tf.summary.histogram's buckets for a few arrays (edge cases included)
"""
import contextlib

import keras
import numpy as np

import golden

BUCKETS = 30


def tf_histogram(data, bucket_count=BUCKETS):
    """tf.summary.histogram's bucketing (tensorflow/python/summary/tf_summary.py `_buckets`), in float64."""
    data = np.asarray(data, dtype=np.float64).reshape(-1)
    if data.size == 0:
        return np.zeros((bucket_count, 3))
    lo, hi = data.min(), data.max()
    if hi - lo == 0:
        counts = np.zeros(bucket_count)
        counts[-1] = data.size
        edges = np.full(bucket_count, hi)
        return np.stack([edges, edges, counts], axis=1)
    width = (hi - lo) / bucket_count
    index = np.minimum(np.floor((data - lo) / width).astype(np.int32), bucket_count - 1)
    counts = np.bincount(index, minlength=bucket_count).astype(np.float64)
    # TF's LinSpace: start + i * (stop - start) / (num - 1), the last edge forced to max.
    edges = lo + np.arange(bucket_count + 1) * ((hi - lo) / bucket_count)
    edges[-1] = hi
    return np.stack([edges[:-1], edges[1:], counts], axis=1)


class RecordingSummary:
    """The part of `tf.summary` that keras.callbacks.TensorBoard calls, recording instead of writing files."""

    def __init__(self, root):
        self.root = root
        self.events = []
        self._writers = []  # default-writer stack (as_default)
        self._record_if = []  # record_if condition stack

    def create_file_writer(self, logdir):
        return _Writer(self, logdir)

    @contextlib.contextmanager
    def record_if(self, condition):
        self._record_if.append(condition)
        try:
            yield
        finally:
            self._record_if.pop()

    def _recording(self):
        if not self._writers:
            return None
        if self._record_if and not self._record_if[-1]():
            return None
        return self._writers[-1]

    def scalar(self, name, data, step=None):
        writer = self._recording()
        if writer is not None:
            value = float(np.float32(keras.ops.convert_to_numpy(data)))
            self.events.append({"run": writer.run, "tag": name, "step": int(step), "kind": "scalar", "value": value})

    def histogram(self, name, data, step=None):
        writer = self._recording()
        if writer is not None:
            buckets = tf_histogram(keras.ops.convert_to_numpy(data))
            self.events.append({"run": writer.run, "tag": name, "step": int(step), "kind": "histogram",
                                "buckets": buckets.tolist()})


class _Writer:
    def __init__(self, summary, logdir):
        self.summary = summary
        self.run = logdir[len(summary.root):].strip("/") or "."

    @contextlib.contextmanager
    def as_default(self, step=None):
        self.summary._writers.append(self)
        try:
            yield self
        finally:
            self.summary._writers.pop()

    def flush(self):
        pass

    def close(self):
        pass


def make_model(seed):
    keras.utils.set_random_seed(seed)
    return keras.Sequential([
        keras.Input((5,)),
        keras.layers.Dense(4, activation="relu", name="dense"),
        keras.layers.Dense(3, activation="softmax", name="dense_1"),
    ], name="sequential")


def run_case(case, seed, n, n_val, fit_args, tb_args, optimizer):
    d = golden.out_dir(case)
    rs = np.random.RandomState(seed)
    x = rs.randn(n, 5).astype("float32")
    y = rs.randint(0, 3, size=n).astype("int64")
    xv = rs.randn(n_val, 5).astype("float32")
    yv = rs.randint(0, 3, size=n_val).astype("int64")
    model = make_model(seed)
    for i, w in enumerate(model.get_weights()):
        golden.save_npy(d, f"w{i}", w)
    for name, a in (("x", x), ("y", y), ("x_val", xv), ("y_val", yv)):
        golden.save_npy(d, name, a)
    model.compile(optimizer=optimizer, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    root = "/tmp/tb-golden-logs"
    tb = keras.callbacks.TensorBoard(log_dir=root, write_graph=False, **tb_args)
    recorder = RecordingSummary(root)
    tb._summary_module = recorder
    history = model.fit(x, y, validation_data=(xv, yv), shuffle=False, verbose=0, callbacks=[tb], **fit_args)
    golden.save_json(d, "events", {
        "events": recorder.events,
        "history": history.history,
        "weight_paths": [w.path for layer in model.layers for w in layer.weights],
        "iterations": int(keras.ops.convert_to_numpy(model.optimizer.iterations)),
    })


run_case("tensorboard_epoch", 11, 24, 6, {"batch_size": 8, "epochs": 3},
         {"histogram_freq": 2}, keras.optimizers.SGD(0.1))
run_case("tensorboard_batch", 12, 24, 8, {"batch_size": 6, "epochs": 2, "validation_batch_size": 4},
         {"update_freq": 2}, keras.optimizers.SGD(keras.optimizers.schedules.ExponentialDecay(0.1, 2, 0.5)))

d = golden.out_dir("tensorboard_histogram")
rs = np.random.RandomState(5)
arrays = {
    "normal": rs.randn(7, 9).astype("float32"),
    "ties": np.array([0.0, 0.1, 0.2, 0.3, 0.3, 1.0, 1.0, -2.0], dtype="float32"),
    "constant": np.full((2, 3), 0.25, dtype="float32"),
    "single": np.array([3.5], dtype="float32"),
    "empty": np.zeros((0, 4), dtype="float32"),
}
for name, a in arrays.items():
    golden.save_npy(d, name, a)
golden.save_json(d, "buckets", {name: tf_histogram(a).tolist() for name, a in arrays.items()})
