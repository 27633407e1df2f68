"""The writing_your_own_callbacks guide (keras-io guides/keras_core/), its cells run in Keras 3.15.1.

The model's Dense(1) starts from formula weights (wave below, GuideArrays.Wave in the C# tests) and fit runs in order
(shuffle=False) so that every printed number can be compared. MNIST is not in the Keras cache here, so the guide's 1,000
samples come from Fashion-MNIST (as in the C# test); run with the cache in KERAS_HOME:

    mkdir -p /tmp/keras-home/datasets && cp -r ~/.keras/datasets/fashion-mnist /tmp/keras-home/datasets/
    KERAS_HOME=/tmp/keras-home scripts/keras-golden/run.sh gen_guide_callbacks.py

guide_callbacks  trace.json: the lines each cell's callbacks print (cells 5-8), in order, with the logs they saw
"""
import keras
import numpy as np

import golden


def wave(shape, phase, scale=1.0, offset=0.0):
    """offset + scale * sin(0.37 i + phase) over the flat index i, as float32 (GuideArrays.Wave in the C# tests)."""
    n = int(np.prod(shape))
    return (offset + scale * np.sin(0.37 * np.arange(n, dtype=np.float64) + phase)).astype(np.float32).reshape(shape)


def get_model():
    model = keras.Sequential()
    model.add(keras.layers.Dense(1))
    model.compile(
        optimizer=keras.optimizers.RMSprop(learning_rate=0.1),
        loss="mean_squared_error",
        metrics=["mean_absolute_error"],
    )
    model.build((None, 784))
    model.set_weights([wave(w.shape, k, 0.05) for k, w in enumerate(model.get_weights())])
    return model


(x_train, y_train), (x_test, y_test) = keras.datasets.fashion_mnist.load_data()
x_train = x_train.reshape(-1, 784).astype("float32") / 255.0
x_test = x_test.reshape(-1, 784).astype("float32") / 255.0
x_train = x_train[:1000]
y_train = y_train[:1000]
x_test = x_test[:1000]
y_test = y_test[:1000]

lines = []


def keys(logs):
    return list(logs.keys())


class CustomCallback(keras.callbacks.Callback):
    def on_train_begin(self, logs=None):
        lines.append("Starting training; got log keys: {}".format(keys(logs)))

    def on_train_end(self, logs=None):
        lines.append("Stop training; got log keys: {}".format(keys(logs)))

    def on_epoch_begin(self, epoch, logs=None):
        lines.append("Start epoch {} of training; got log keys: {}".format(epoch, keys(logs)))

    def on_epoch_end(self, epoch, logs=None):
        lines.append("End epoch {} of training; got log keys: {}".format(epoch, keys(logs)))

    def on_test_begin(self, logs=None):
        lines.append("Start testing; got log keys: {}".format(keys(logs)))

    def on_test_end(self, logs=None):
        lines.append("Stop testing; got log keys: {}".format(keys(logs)))

    def on_predict_begin(self, logs=None):
        lines.append("Start predicting; got log keys: {}".format(keys(logs)))

    def on_predict_end(self, logs=None):
        lines.append("Stop predicting; got log keys: {}".format(keys(logs)))

    def on_train_batch_begin(self, batch, logs=None):
        lines.append("...Training: start of batch {}; got log keys: {}".format(batch, keys(logs)))

    def on_train_batch_end(self, batch, logs=None):
        lines.append("...Training: end of batch {}; got log keys: {}".format(batch, keys(logs)))

    def on_test_batch_begin(self, batch, logs=None):
        lines.append("...Evaluating: start of batch {}; got log keys: {}".format(batch, keys(logs)))

    def on_test_batch_end(self, batch, logs=None):
        lines.append("...Evaluating: end of batch {}; got log keys: {}".format(batch, keys(logs)))

    def on_predict_batch_begin(self, batch, logs=None):
        lines.append("...Predicting: start of batch {}; got log keys: {}".format(batch, keys(logs)))

    def on_predict_batch_end(self, batch, logs=None):
        lines.append("...Predicting: end of batch {}; got log keys: {}".format(batch, keys(logs)))


trace = {}
model = get_model()
model.fit(x_train, y_train, batch_size=128, epochs=1, verbose=0, validation_split=0.5, callbacks=[CustomCallback()])
trace["cell05_fit"], lines = lines, []
res = model.evaluate(x_test, y_test, batch_size=128, verbose=0, callbacks=[CustomCallback()])
trace["cell05_evaluate"], lines = lines, []
res = model.predict(x_test, batch_size=128, callbacks=[CustomCallback()], verbose=0)
trace["cell05_predict"], lines = lines, []

values = []


class LossAndErrorPrintingCallback(keras.callbacks.Callback):
    def on_train_batch_end(self, batch, logs=None):
        values.append(["train_batch", batch, float(logs["loss"])])
        lines.append("Up to batch {}, the average loss is {:7.2f}.".format(batch, logs["loss"]))

    def on_test_batch_end(self, batch, logs=None):
        values.append(["test_batch", batch, float(logs["loss"])])
        lines.append("Up to batch {}, the average loss is {:7.2f}.".format(batch, logs["loss"]))

    def on_epoch_end(self, epoch, logs=None):
        values.append(["epoch", epoch, float(logs["loss"]), float(logs["mean_absolute_error"])])
        lines.append(
            "The average loss for epoch {} is {:7.2f} and mean absolute error is {:7.2f}.".format(
                epoch, logs["loss"], logs["mean_absolute_error"]
            )
        )


model = get_model()
model.fit(x_train, y_train, batch_size=128, epochs=2, verbose=0, shuffle=False, callbacks=[LossAndErrorPrintingCallback()])
res = model.evaluate(x_test, y_test, batch_size=128, verbose=0, callbacks=[LossAndErrorPrintingCallback()])
trace["cell06"], lines = lines, []
trace["cell06_values"], values = values, []


class EarlyStoppingAtMinLoss(keras.callbacks.Callback):
    def __init__(self, patience=0):
        super().__init__()
        self.patience = patience
        self.best_weights = None

    def on_train_begin(self, logs=None):
        self.wait = 0
        self.stopped_epoch = 0
        self.best = np.inf

    def on_epoch_end(self, epoch, logs=None):
        current = logs.get("loss")
        if np.less(current, self.best):
            self.best = current
            self.wait = 0
            self.best_weights = self.model.get_weights()
        else:
            self.wait += 1
            if self.wait >= self.patience:
                self.stopped_epoch = epoch
                self.model.stop_training = True
                lines.append("Restoring model weights from the end of the best epoch.")
                self.model.set_weights(self.best_weights)

    def on_train_end(self, logs=None):
        if self.stopped_epoch > 0:
            lines.append(f"Epoch {self.stopped_epoch + 1}: early stopping")


model = get_model()
early = EarlyStoppingAtMinLoss()
model.fit(x_train, y_train, batch_size=64, epochs=30, verbose=0, shuffle=False,
          callbacks=[LossAndErrorPrintingCallback(), early])
trace["cell07"], lines = lines, []
trace["cell07_values"], values = [v for v in values if v[0] == "epoch"], []
trace["cell07_best"] = float(early.best)
trace["cell07_kernel_sum"] = float(np.sum(model.get_weights()[0]))


class CustomLearningRateScheduler(keras.callbacks.Callback):
    def __init__(self, schedule):
        super().__init__()
        self.schedule = schedule

    def on_epoch_begin(self, epoch, logs=None):
        if not hasattr(self.model.optimizer, "learning_rate"):
            raise ValueError('Optimizer must have a "learning_rate" attribute.')
        lr = self.model.optimizer.learning_rate
        scheduled_lr = self.schedule(epoch, lr)
        self.model.optimizer.learning_rate = scheduled_lr
        lines.append(f"\nEpoch {epoch}: Learning rate is {float(np.array(scheduled_lr))}.")


LR_SCHEDULE = [(3, 0.05), (6, 0.01), (9, 0.005), (12, 0.001)]


def lr_schedule(epoch, lr):
    if epoch < LR_SCHEDULE[0][0] or epoch > LR_SCHEDULE[-1][0]:
        return lr
    for i in range(len(LR_SCHEDULE)):
        if epoch == LR_SCHEDULE[i][0]:
            return LR_SCHEDULE[i][1]
    return lr


model = get_model()
model.fit(x_train, y_train, batch_size=64, epochs=15, verbose=0, shuffle=False,
          callbacks=[LossAndErrorPrintingCallback(), CustomLearningRateScheduler(lr_schedule)])
trace["cell08"], lines = lines, []
trace["cell08_values"], values = [v for v in values if v[0] == "epoch"], []

d = golden.out_dir("guide_callbacks")
golden.save_json(d, "trace", trace)
