"""add_loss-only training: a model compiled without `loss` whose only losses are added by a layer (and a kernel
regularizer). Keras logs their sum as `loss` (History per epoch, per-batch logs, evaluate)."""
import keras
import numpy as np
from keras import ops

import golden


class CenterPenalty(keras.layers.Layer):
    """Adds 0.5 * mean((x - 1)^2) as a loss and passes x through."""

    def call(self, x):
        self.add_loss(0.5 * ops.mean(ops.square(x - 1.0)))
        return x


class BatchLosses(keras.callbacks.Callback):
    def __init__(self):
        super().__init__()
        self.seen = []

    def on_train_batch_end(self, batch, logs=None):
        self.seen.append(float(logs["loss"]))


keras.utils.set_random_seed(3)
d = golden.out_dir("modelapi_addloss")
rs = np.random.RandomState(7)
x = rs.randn(10, 3).astype("float32")
model = keras.Sequential([
    keras.Input((3,)),
    keras.layers.Dense(2, kernel_regularizer=keras.regularizers.L2(0.01), name="dense"),
    CenterPenalty(name="center_penalty"),
], name="addloss")
kernel, bias = model.get_layer("dense").get_weights()
golden.save_npy(d, "x", x)
golden.save_npy(d, "kernel", kernel)
golden.save_npy(d, "bias", bias)
model.compile(optimizer=keras.optimizers.SGD(0.1))
batches = BatchLosses()
history = model.fit(x, batch_size=4, epochs=3, shuffle=False, verbose=0, callbacks=[batches])
evaluated = model.evaluate(x, batch_size=4, verbose=0)
golden.save_json(d, "results", {
    "history": history.history,
    "batch_losses": batches.seen,
    "evaluate": evaluated,
    "metrics_names": model.metrics_names,
})
golden.save_npy(d, "kernel_trained", model.get_layer("dense").get_weights()[0])
