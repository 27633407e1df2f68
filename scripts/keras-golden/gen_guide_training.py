"""The training_with_built_in_methods guide (keras-io guides/keras_core/), a few cells run in Keras 3.15.1.

The guide's model starts from formula weights (wave below, GuideArrays.Wave in the C# tests) and fit runs in order
(shuffle=False) so that the numbers can be compared. MNIST is not in the Keras cache here: the same Fashion-MNIST
slice as the C# test (2,048 training rows, the next 512 for validation, the first 512 test rows). Run with the cache
in KERAS_HOME:

    mkdir -p /tmp/keras-home/datasets && cp -r ~/.keras/datasets/fashion-mnist /tmp/keras-home/datasets/
    KERAS_HOME=/tmp/keras-home scripts/keras-golden/run.sh gen_guide_training.py

guide_training  end_to_end.json: cells 4-7 (history of 2 epochs, evaluate, predict on 3 rows);
                custom_mse.json: cell 12's one epoch with CustomMSE and Adam (history)
"""
import keras
import numpy as np
from keras import layers, ops

import golden


def wave(shape, phase, scale=1.0, offset=0.0):
    """offset + scale * sin(0.37 i + phase) over the flat index i, as float32 (GuideArrays.Wave in the C# tests)."""
    n = int(np.prod(shape))
    return (offset + scale * np.sin(0.37 * np.arange(n, dtype=np.float64) + phase)).astype(np.float32).reshape(shape)


def get_uncompiled_model():
    inputs = keras.Input(shape=(784,), name="digits")
    x = layers.Dense(64, activation="relu", name="dense_1")(inputs)
    x = layers.Dense(64, activation="relu", name="dense_2")(x)
    outputs = layers.Dense(10, activation="softmax", name="predictions")(x)
    model = keras.Model(inputs=inputs, outputs=outputs)
    model.set_weights([wave(w.shape, k, 0.05) for k, w in enumerate(model.get_weights())])
    return model


(x_train, y_train), (x_test, y_test) = keras.datasets.fashion_mnist.load_data()
x = x_train[:2560].reshape(2560, 784).astype("float32") / 255
y = y_train[:2560].astype("float32")
x_train, y_train, x_val, y_val = x[:2048], y[:2048], x[2048:], y[2048:]
x_test = x_test[:512].reshape(512, 784).astype("float32") / 255
y_test = y_test[:512].astype("float32")

d = golden.out_dir("guide_training")

model = get_uncompiled_model()
model.compile(
    optimizer=keras.optimizers.RMSprop(),
    loss=keras.losses.SparseCategoricalCrossentropy(),
    metrics=[keras.metrics.SparseCategoricalAccuracy()],
)
history = model.fit(x_train, y_train, batch_size=64, epochs=2, validation_data=(x_val, y_val), shuffle=False, verbose=0)
results = model.evaluate(x_test, y_test, batch_size=128, verbose=0)
predictions = model.predict(x_test[:3], verbose=0)
golden.save_json(d, "end_to_end", {"history": history.history, "evaluate": results, "predictions": predictions})


class CustomMSE(keras.losses.Loss):
    def __init__(self, regularization_factor=0.1, name="custom_mse"):
        super().__init__(name=name)
        self.regularization_factor = regularization_factor

    def call(self, y_true, y_pred):
        mse = ops.mean(ops.square(y_true - y_pred), axis=-1)
        reg = ops.mean(ops.square(0.5 - y_pred), axis=-1)
        return mse + reg * self.regularization_factor


model = get_uncompiled_model()
model.compile(optimizer=keras.optimizers.Adam(), loss=CustomMSE())
y_train_one_hot = ops.one_hot(y_train, num_classes=10)
history = model.fit(x_train[:512], y_train_one_hot[:512], batch_size=64, epochs=1, shuffle=False, verbose=0)
golden.save_json(d, "custom_mse", {"history": history.history})
