"""The custom_train_step_in_torch guide (keras-io guides/keras_core/), its cells run in Keras 3.15.1.

Weights and the guide's np.random data come from a formula both sides compute (wave below); fit runs in order
(shuffle=False) so that the C# test can compare every number. MNIST is not in the Keras cache here, so the GAN trains on
Fashion-MNIST (as the C# test does); run with the cache in KERAS_HOME:

    mkdir -p /tmp/keras-home/datasets && cp -r ~/.keras/datasets/fashion-mnist /tmp/keras-home/datasets/
    KERAS_HOME=/tmp/keras-home scripts/keras-golden/run.sh gen_guide_custom_train_step.py

guide_train_step_models  cells 2-9: the four CustomModel variants (compute_loss, own trackers, sample weights,
                         test_step), each trained or evaluated on 1,000 wave samples
guide_train_step_gan     cells 10-12: the discriminator's and generator's summaries, the GAN trained one epoch on 32
                         images (batches of 16) from wave weights, and the trained generator's images for fixed latents
guide_seedgen_sequence   keras.random draws from one SeedGenerator(1337), in order (the GAN's source of noise)
"""
import keras
import numpy as np
import torch
from keras import layers

import golden


def wave(shape, phase, scale=1.0, offset=0.0):
    """offset + scale * sin(0.37 i + phase) over the flat index i, as float32 (GuideArrays.Wave in the C# tests)."""
    n = int(np.prod(shape))
    return (offset + scale * np.sin(0.37 * np.arange(n, dtype=np.float64) + phase)).astype(np.float32).reshape(shape)


def wave_weights(model, scale=0.05):
    """Sets weight k (in model.weights order) to wave(shape, k, scale)."""
    model.set_weights([wave(w.shape, k, scale) for k, w in enumerate(model.get_weights())])


# ---------------------------------------------------------------- cells 2-9
class ComputeLossModel(keras.Model):
    def train_step(self, data):
        x, y = data
        self.zero_grad()
        y_pred = self(x, training=True)
        loss = self.compute_loss(y=y, y_pred=y_pred)
        loss.backward()
        trainable_weights = [v for v in self.trainable_weights]
        gradients = [v.value.grad for v in trainable_weights]
        with torch.no_grad():
            self.optimizer.apply(gradients, trainable_weights)
        for metric in self.metrics:
            if metric.name == "loss":
                metric.update_state(loss)
            else:
                metric.update_state(y, y_pred)
        return {m.name: m.result() for m in self.metrics}


class OwnMetricsModel(keras.Model):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.loss_tracker = keras.metrics.Mean(name="loss")
        self.mae_metric = keras.metrics.MeanAbsoluteError(name="mae")
        self.loss_fn = keras.losses.MeanSquaredError()

    def train_step(self, data):
        x, y = data
        self.zero_grad()
        y_pred = self(x, training=True)
        loss = self.loss_fn(y, y_pred)
        loss.backward()
        trainable_weights = [v for v in self.trainable_weights]
        gradients = [v.value.grad for v in trainable_weights]
        with torch.no_grad():
            self.optimizer.apply(gradients, trainable_weights)
        self.loss_tracker.update_state(loss)
        self.mae_metric.update_state(y, y_pred)
        return {"loss": self.loss_tracker.result(), "mae": self.mae_metric.result()}

    @property
    def metrics(self):
        return [self.loss_tracker, self.mae_metric]


class SampleWeightModel(keras.Model):
    def train_step(self, data):
        if len(data) == 3:
            x, y, sample_weight = data
        else:
            sample_weight = None
            x, y = data
        self.zero_grad()
        y_pred = self(x, training=True)
        loss = self.compute_loss(y=y, y_pred=y_pred, sample_weight=sample_weight)
        loss.backward()
        trainable_weights = [v for v in self.trainable_weights]
        gradients = [v.value.grad for v in trainable_weights]
        with torch.no_grad():
            self.optimizer.apply(gradients, trainable_weights)
        for metric in self.metrics:
            if metric.name == "loss":
                metric.update_state(loss)
            else:
                metric.update_state(y, y_pred, sample_weight=sample_weight)
        return {m.name: m.result() for m in self.metrics}


class TestStepModel(keras.Model):
    def test_step(self, data):
        x, y = data
        y_pred = self(x, training=False)
        loss = self.compute_loss(y=y, y_pred=y_pred)
        for metric in self.metrics:
            if metric.name == "loss":
                metric.update_state(loss)
            else:
                metric.update_state(y, y_pred)
        return {m.name: m.result() for m in self.metrics}


def dense_model(cls):
    inputs = keras.Input(shape=(32,))
    outputs = keras.layers.Dense(1)(inputs)
    model = cls(inputs, outputs)
    wave_weights(model)
    return model


d = golden.out_dir("guide_train_step_models")
x = wave((1000, 32), 0.0, 0.5, 0.5)
y = wave((1000, 1), 1.0, 0.5, 0.5)
sw = wave((1000, 1), 2.0, 0.5, 0.5)
results = {}
model = dense_model(ComputeLossModel)
model.compile(optimizer="adam", loss="mse", metrics=["mae"])
results["cell03"] = model.fit(x, y, epochs=3, shuffle=False, verbose=0).history
model = dense_model(OwnMetricsModel)
model.compile(optimizer="adam")
results["cell05"] = model.fit(x, y, epochs=5, shuffle=False, verbose=0).history
model = dense_model(SampleWeightModel)
model.compile(optimizer="adam", loss="mse", metrics=["mae"])
results["cell07"] = model.fit(x, y, sample_weight=sw, epochs=3, shuffle=False, verbose=0).history
# The guide's loop passes sample_weight to self.metrics, where Keras lists a CompileMetrics container that gives the
# plain `metrics` no weights (only `weighted_metrics` get them); DeepKeras lists the metrics themselves, so its loop
# weights the MAE: the same run with weighted_metrics=["mae"] is what it compares with.
model = dense_model(SampleWeightModel)
model.compile(optimizer="adam", loss="mse", weighted_metrics=["mae"])
results["cell07_weighted_mae"] = model.fit(x, y, sample_weight=sw, epochs=3, shuffle=False, verbose=0).history
model = dense_model(TestStepModel)
model.compile(loss="mse", metrics=["mae"])
results["cell09"] = model.evaluate(x, y, verbose=0)
golden.save_json(d, "results", results)


# ---------------------------------------------------------------- cells 10-12
keras.backend.clear_session()
discriminator = keras.Sequential(
    [
        keras.Input(shape=(28, 28, 1)),
        layers.Conv2D(64, (3, 3), strides=(2, 2), padding="same"),
        layers.LeakyReLU(negative_slope=0.2),
        layers.Conv2D(128, (3, 3), strides=(2, 2), padding="same"),
        layers.LeakyReLU(negative_slope=0.2),
        layers.GlobalMaxPooling2D(),
        layers.Dense(1),
    ],
    name="discriminator",
)
latent_dim = 128
generator = keras.Sequential(
    [
        keras.Input(shape=(latent_dim,)),
        layers.Dense(7 * 7 * 128),
        layers.LeakyReLU(negative_slope=0.2),
        layers.Reshape((7, 7, 128)),
        layers.Conv2DTranspose(128, (4, 4), strides=(2, 2), padding="same"),
        layers.LeakyReLU(negative_slope=0.2),
        layers.Conv2DTranspose(128, (4, 4), strides=(2, 2), padding="same"),
        layers.LeakyReLU(negative_slope=0.2),
        layers.Conv2D(1, (7, 7), padding="same", activation="sigmoid"),
    ],
    name="generator",
)


class GAN(keras.Model):
    def __init__(self, discriminator, generator, latent_dim):
        super().__init__()
        self.discriminator = discriminator
        self.generator = generator
        self.latent_dim = latent_dim
        self.d_loss_tracker = keras.metrics.Mean(name="d_loss")
        self.g_loss_tracker = keras.metrics.Mean(name="g_loss")
        self.seed_generator = keras.random.SeedGenerator(1337)
        self.built = True

    @property
    def metrics(self):
        return [self.d_loss_tracker, self.g_loss_tracker]

    def compile(self, d_optimizer, g_optimizer, loss_fn):
        super().compile()
        self.d_optimizer = d_optimizer
        self.g_optimizer = g_optimizer
        self.loss_fn = loss_fn

    def train_step(self, real_images):
        device = "cuda" if torch.cuda.is_available() else "cpu"
        # The guide tests for a tuple, but torch's DataLoader yields [x, y] lists: as written, its fit fails in
        # Keras 3.15.1 ('list' object has no attribute 'shape').
        if isinstance(real_images, (tuple, list)):
            real_images = real_images[0]
        batch_size = real_images.shape[0]
        random_latent_vectors = keras.random.normal(shape=(batch_size, self.latent_dim), seed=self.seed_generator)
        generated_images = self.generator(random_latent_vectors)
        real_images = torch.tensor(real_images, device=device)
        combined_images = torch.concat([generated_images, real_images], axis=0)
        labels = torch.concat(
            [torch.ones((batch_size, 1), device=device), torch.zeros((batch_size, 1), device=device)], axis=0
        )
        labels += 0.05 * keras.random.uniform(labels.shape, seed=self.seed_generator)
        self.zero_grad()
        predictions = self.discriminator(combined_images)
        d_loss = self.loss_fn(labels, predictions)
        d_loss.backward()
        grads = [v.value.grad for v in self.discriminator.trainable_weights]
        with torch.no_grad():
            self.d_optimizer.apply(grads, self.discriminator.trainable_weights)
        random_latent_vectors = keras.random.normal(shape=(batch_size, self.latent_dim), seed=self.seed_generator)
        misleading_labels = torch.zeros((batch_size, 1), device=device)
        self.zero_grad()
        predictions = self.discriminator(self.generator(random_latent_vectors))
        g_loss = self.loss_fn(misleading_labels, predictions)
        grads = g_loss.backward()
        grads = [v.value.grad for v in self.generator.trainable_weights]
        with torch.no_grad():
            self.g_optimizer.apply(grads, self.generator.trainable_weights)
        self.d_loss_tracker.update_state(d_loss)
        self.g_loss_tracker.update_state(g_loss)
        return {"d_loss": self.d_loss_tracker.result(), "g_loss": self.g_loss_tracker.result()}


d = golden.out_dir("guide_train_step_gan")
golden.save_text(d, "discriminator_summary", golden.summary_text(discriminator))
golden.save_text(d, "generator_summary", golden.summary_text(generator))
wave_weights(discriminator)
wave_weights(generator)
(x_train, _), _ = keras.datasets.fashion_mnist.load_data()
all_digits = x_train[:32]  # the guide uses all 70,000 train and test digits
all_digits = all_digits.astype("float32") / 255.0
all_digits = np.reshape(all_digits, (-1, 28, 28, 1))
dataset = torch.utils.data.TensorDataset(torch.from_numpy(all_digits), torch.from_numpy(all_digits))
dataloader = torch.utils.data.DataLoader(dataset, batch_size=16, shuffle=False)
gan = GAN(discriminator=discriminator, generator=generator, latent_dim=latent_dim)
gan.compile(
    d_optimizer=keras.optimizers.Adam(learning_rate=0.0003),
    g_optimizer=keras.optimizers.Adam(learning_rate=0.0003),
    loss_fn=keras.losses.BinaryCrossentropy(from_logits=True),
)
history = gan.fit(dataloader, epochs=1, verbose=0)
golden.save_json(d, "history", history.history)
golden.save_npy(d, "generated", generator.predict(wave((2, latent_dim), 5.0), verbose=0))


# ---------------------------------------------------------------- SeedGenerator
d = golden.out_dir("guide_seedgen_sequence")
seed_generator = keras.random.SeedGenerator(1337)
for k in range(3):
    golden.save_npy(d, f"normal_{k}", keras.random.normal((2, 3), seed=seed_generator))
golden.save_npy(d, "uniform_3", keras.random.uniform((4,), seed=seed_generator))
golden.save_npy(d, "dropout_4", keras.random.dropout(keras.ops.ones((2, 4)), 0.5, seed=seed_generator))
