"""The custom_train_step_in_torch guide's first CustomModel: a functionally built keras.Model subclass
(CustomModel(inputs, outputs)) whose train_step calls compute_loss and updates self.metrics itself."""
import json

import keras
import numpy as np
import torch

import golden


class CustomModel(keras.Model):
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


keras.utils.set_random_seed(5)
d = golden.out_dir("modelapi_custom_step")
rs = np.random.RandomState(11)
x = rs.random_sample((40, 32)).astype("float32")
y = rs.random_sample((40, 1)).astype("float32")
inputs = keras.Input(shape=(32,))
outputs = keras.layers.Dense(1)(inputs)
model = CustomModel(inputs, outputs)
kernel, bias = model.layers[1].get_weights()
golden.save_npy(d, "x", x)
golden.save_npy(d, "y", y)
golden.save_npy(d, "kernel", kernel)
golden.save_npy(d, "bias", bias)
golden.save_text(d, "summary", golden.summary_text(model))
serialized = keras.saving.serialize_keras_object(model)
golden.save_json(d, "serialized", {k: v for k, v in serialized.items() if k != "config"})
golden.save_json(d, "config_keys", sorted(model.get_config().keys()))
model.compile(optimizer="adam", loss="mse", metrics=["mae"])
history = model.fit(x, y, batch_size=16, epochs=3, shuffle=False, verbose=0)
evaluated = model.evaluate(x, y, batch_size=16, verbose=0)
golden.save_json(d, "results", {"history": history.history, "evaluate": evaluated})
golden.save_npy(d, "predictions", model.predict(x, verbose=0))
model.save(d + "/model.keras")
