"""The making_new_layers_and_models_via_subclassing guide (keras-io guides/keras_core/), its cells run in Keras 3.15.1.

Weights and random data come from a formula both sides compute (wave below), so no large arrays are stored. MNIST is not
in the Keras cache here, so the VAE trains on Fashion-MNIST (as the C# test does); run with the cache in KERAS_HOME:

    mkdir -p /tmp/keras-home/datasets && cp -r ~/.keras/datasets/fashion-mnist /tmp/keras-home/datasets/
    KERAS_HOME=/tmp/keras-home scripts/keras-golden/run.sh gen_guide_subclassing.py

guide_subclassing_names    the automatic names of unnamed weights (add_weight without name) and their paths
guide_subclassing_addloss  cell 14: a functional model whose only layer adds a loss, fit with mse, then recompiled
                           without a loss (Keras keeps the old loss then; the fresh-model value is saved as well)
guide_subclassing_config   cells 15-16: the two Linear get_config() results
guide_subclassing_vae      cells 18-19: the VAE's weight shapes, and one epoch of fit on 640 images (batch 64) from wave
                           weights, for several global seeds (the sampling noise is unseeded, as in the guide)
"""
import keras
import numpy as np
from keras import layers, ops

import golden


def wave(shape, phase, scale=1.0, offset=0.0):
    """offset + scale * sin(0.37 i + phase) over the flat index i, as float32 (GuideArrays.Wave in the C# tests)."""
    n = int(np.prod(shape))
    return (offset + scale * np.sin(0.37 * np.arange(n, dtype=np.float64) + phase)).astype(np.float32).reshape(shape)


def wave_weights(model, scale=0.05):
    """Sets weight k (in model.weights order) to wave(shape, k, scale)."""
    model.set_weights([wave(w.shape, k, scale) for k, w in enumerate(model.get_weights())])


# ---------------------------------------------------------------- automatic weight names
class Linear(keras.layers.Layer):
    def __init__(self, units=32, input_dim=32):
        super().__init__()
        self.w = self.add_weight(shape=(input_dim, units), initializer="random_normal", trainable=True)
        self.b = self.add_weight(shape=(units,), initializer="zeros", trainable=True)

    def call(self, inputs):
        return ops.matmul(inputs, self.w) + self.b


class ComputeSum(keras.layers.Layer):
    def __init__(self, input_dim):
        super().__init__()
        self.total = self.add_weight(initializer="zeros", shape=(input_dim,), trainable=False)

    def call(self, inputs):
        self.total.assign_add(ops.sum(inputs, axis=0))
        return self.total


keras.backend.clear_session()
d = golden.out_dir("guide_subclassing_names")
linear_layer = Linear(4, 2)
my_sum = ComputeSum(2)
golden.save_json(d, "names", {
    "linear": [[w.name, w.path] for w in linear_layer.weights],
    "compute_sum": [[w.name, w.path] for w in my_sum.weights],
})


# ---------------------------------------------------------------- cell 14
class ActivityRegularizationLayer(keras.layers.Layer):
    def __init__(self, rate=1e-2):
        super().__init__()
        self.rate = rate

    def call(self, inputs):
        self.add_loss(self.rate * ops.mean(inputs))
        return inputs


d = golden.out_dir("guide_subclassing_addloss")
rs = np.random.RandomState(14)
arrays = {name: rs.random_sample((2, 3)).astype("float32") for name in ["x1", "y1", "x2", "y2"]}
for name, a in arrays.items():
    golden.save_npy(d, name, a)
inputs = keras.Input(shape=(3,))
outputs = ActivityRegularizationLayer()(inputs)
model = keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="mse")
first = model.fit(arrays["x1"], arrays["y1"], verbose=0).history
model.compile(optimizer="adam")
second_same_model = model.fit(arrays["x2"], arrays["y2"], verbose=0).history
fresh = keras.Model(inputs, outputs)
fresh.compile(optimizer="adam")
second_fresh_model = fresh.fit(arrays["x2"], arrays["y2"], verbose=0).history
golden.save_json(d, "history", {"first": first, "second_same_model": second_same_model,
                                 "second_fresh_model": second_fresh_model})


# ---------------------------------------------------------------- cells 15-16
class LinearWithConfig(keras.layers.Layer):
    def __init__(self, units=32):
        super().__init__()
        self.units = units

    def get_config(self):
        return {"units": self.units}


class LinearWithBaseConfig(keras.layers.Layer):
    def __init__(self, units=32, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def get_config(self):
        config = super().get_config()
        config.update({"units": self.units})
        return config


d = golden.out_dir("guide_subclassing_config")
golden.save_json(d, "configs", {"cell15": LinearWithConfig(64).get_config(),
                                "cell16": LinearWithBaseConfig(64, name="linear").get_config()})


# ---------------------------------------------------------------- cells 18-19
class Sampling(layers.Layer):
    def call(self, inputs):
        z_mean, z_log_var = inputs
        batch = ops.shape(z_mean)[0]
        dim = ops.shape(z_mean)[1]
        epsilon = keras.random.normal(shape=(batch, dim))
        return z_mean + ops.exp(0.5 * z_log_var) * epsilon


class Encoder(layers.Layer):
    def __init__(self, latent_dim=32, intermediate_dim=64, name="encoder", **kwargs):
        super().__init__(name=name, **kwargs)
        self.dense_proj = layers.Dense(intermediate_dim, activation="relu")
        self.dense_mean = layers.Dense(latent_dim)
        self.dense_log_var = layers.Dense(latent_dim)
        self.sampling = Sampling()

    def call(self, inputs):
        x = self.dense_proj(inputs)
        z_mean = self.dense_mean(x)
        z_log_var = self.dense_log_var(x)
        z = self.sampling((z_mean, z_log_var))
        return z_mean, z_log_var, z


class Decoder(layers.Layer):
    def __init__(self, original_dim, intermediate_dim=64, name="decoder", **kwargs):
        super().__init__(name=name, **kwargs)
        self.dense_proj = layers.Dense(intermediate_dim, activation="relu")
        self.dense_output = layers.Dense(original_dim, activation="sigmoid")

    def call(self, inputs):
        return self.dense_output(self.dense_proj(inputs))


class VariationalAutoEncoder(keras.Model):
    def __init__(self, original_dim, intermediate_dim=64, latent_dim=32, name="autoencoder", **kwargs):
        super().__init__(name=name, **kwargs)
        self.original_dim = original_dim
        self.encoder = Encoder(latent_dim=latent_dim, intermediate_dim=intermediate_dim)
        self.decoder = Decoder(original_dim, intermediate_dim=intermediate_dim)

    def call(self, inputs):
        z_mean, z_log_var, z = self.encoder(inputs)
        reconstructed = self.decoder(z)
        kl_loss = -0.5 * ops.mean(z_log_var - ops.square(z_mean) - ops.exp(z_log_var) + 1)
        self.add_loss(kl_loss)
        return reconstructed


d = golden.out_dir("guide_subclassing_vae")
(x_train, _), _ = keras.datasets.fashion_mnist.load_data()
x_train = x_train[:640].reshape(640, 784).astype("float32") / 255
runs = []
for seed in range(4):
    keras.utils.set_random_seed(seed)
    vae = VariationalAutoEncoder(784, 64, 32)
    vae(np.zeros((1, 784), "float32"))
    wave_weights(vae)
    if seed == 0:
        golden.save_json(d, "weights", {"paths": [w.path for w in vae.weights], "shapes": [list(w.shape) for w in vae.weights],
                                        "count_params": vae.count_params()})
    vae.compile(keras.optimizers.Adam(learning_rate=1e-3), loss=keras.losses.MeanSquaredError())
    runs.append(vae.fit(x_train, x_train, epochs=1, batch_size=64, shuffle=False, verbose=0).history["loss"][0])
golden.save_json(d, "history", {"loss_per_seed": runs})
