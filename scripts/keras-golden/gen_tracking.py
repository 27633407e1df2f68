"""Attribute tracking: layers and metrics held by attributes of custom layers and models (Keras Layer.__setattr__).

tracking_mlp_block   the making_new_layers guide's MLPBlock (three Linear attributes) inside a functional model:
                     weight count, paths and order, parameter count, summary, weights file layout, predictions.
tracking_block_metric a custom layer with Dense attributes (out of alphabetical order), a list of Dense and a Mean
                     tracker, in a functional model trained 2 epochs with SGD: model.metrics, history, file layout.
tracking_subclass    a subclassed Model with public, private, dict attributes and a tracker: paths (attributes sorted,
                     `layers` in between), model.metrics and history with a compiled metric.
"""
import h5py
import keras
import numpy as np
from keras import layers, ops

import golden


def h5_paths(path):
    names = []
    with h5py.File(path, "r") as f:
        f.visit(names.append)
    return sorted(names)


def weights_info(model):
    return {
        "paths": [w.path for w in model.weights],
        "shapes": [list(w.shape) for w in model.weights],
        "count_params": model.count_params(),
        "metrics": [m.name for m in model.metrics],
    }


def train_case(d, model, seed, **compile_args):
    """Compiles with SGD(0.05) and mse, saves the initial weights and their layout, trains 2 epochs in order, saves history."""
    model.compile(optimizer=keras.optimizers.SGD(0.05), loss="mse", **compile_args)
    rng = np.random.RandomState(seed)
    x = rng.randn(16, 5).astype("float32")
    y = rng.randn(16, 2).astype("float32")
    golden.save_npy(d, "x", x)
    golden.save_npy(d, "y", y)
    model.save_weights(d + "/initial.weights.h5")
    golden.save_json(d, "h5", h5_paths(d + "/initial.weights.h5"))
    golden.save_json(d, "weights", weights_info(model))
    history = model.fit(x, y, batch_size=8, epochs=2, shuffle=False, verbose=0)
    golden.save_json(d, "history", history.history)


class Linear(layers.Layer):
    def __init__(self, units=32, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], self.units), initializer="random_normal", trainable=True, name="w")
        self.b = self.add_weight(shape=(self.units,), initializer="random_normal", trainable=True, name="b")

    def call(self, inputs):
        return ops.matmul(inputs, self.w) + self.b


class MLPBlock(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.linear_1 = Linear(32)
        self.linear_2 = Linear(32)
        self.linear_3 = Linear(1)

    def call(self, inputs):
        x = self.linear_1(inputs)
        x = keras.activations.relu(x)
        x = self.linear_2(x)
        x = keras.activations.relu(x)
        return self.linear_3(x)


keras.utils.set_random_seed(1)
d = golden.out_dir("tracking_mlp_block")
mlp = MLPBlock()
y0 = mlp(ops.ones(shape=(3, 64)))
standalone = {"weights": len(mlp.weights), "trainable_weights": len(mlp.trainable_weights),
              "paths": [w.path for w in mlp.weights], "layers": [l.name for l in mlp._layers]}
golden.save_json(d, "standalone", standalone)
inputs = keras.Input((64,))
model = keras.Model(inputs, MLPBlock()(inputs), name="mlp_model")
x = np.random.RandomState(0).randn(4, 64).astype("float32")
golden.save_npy(d, "x", x)
golden.save_npy(d, "y", model.predict(x, verbose=0))
golden.save_json(d, "weights", weights_info(model))
golden.save_text(d, "summary", golden.summary_text(model))
model.save_weights(d + "/model.weights.h5")
golden.save_json(d, "h5", h5_paths(d + "/model.weights.h5"))


class Block(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.zeta = layers.Dense(4)
        self.alpha = layers.Dense(3)
        self.blocks = [layers.Dense(2), layers.Dense(2)]
        self.tracker = keras.metrics.Mean(name="block_mean")

    def call(self, x):
        x = self.alpha(self.zeta(x))
        for b in self.blocks:
            x = b(x)
        self.tracker.update_state(ops.sum(x))
        return x


keras.utils.set_random_seed(2)
d = golden.out_dir("tracking_block_metric")
inputs = keras.Input((5,))
train_case(d, keras.Model(inputs, Block(name="block")(inputs), name="block_model"), seed=3)


class Sub(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.zdense = layers.Dense(3)
        self._hidden = layers.Dense(4)
        self.blocks = {"a": layers.Dense(2), "b": layers.Dense(2)}
        self.tracker = keras.metrics.Mean(name="trk")

    def call(self, x):
        x = self._hidden(x)
        x = self.zdense(x)
        for b in self.blocks.values():
            x = b(x)
        self.tracker.update_state(ops.mean(x))
        return x


keras.utils.set_random_seed(4)
d = golden.out_dir("tracking_subclass")
model = Sub(name="sub")
model(np.ones((2, 5), "float32"))
train_case(d, model, seed=5, metrics=["mae"])
