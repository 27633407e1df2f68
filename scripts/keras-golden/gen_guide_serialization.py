"""The cells of the keras-io guide "Save, serialize, and export models" run in Keras 3.15.1 with fixed seeds.

Saves what the C# port (tests/DeepKeras.Tests/Guides/SerializationAndSavingGuideTests.cs) compares against: the
models Keras saves in cells 2 and 3 with the inputs and predictions, the printed configs of cells 7, 12, 20 and 22,
the weight paths of cell 18 and the summary of cell 19.
"""
import keras
import numpy as np
from keras import ops

import golden

rng = np.random.RandomState(0)

# Cell 2: a Dense(1) model trained one epoch, saved; its predictions.
keras.utils.set_random_seed(1)
d = golden.out_dir("guide_serialization_fit_save")
inputs = keras.Input(shape=(32,))
outputs = keras.layers.Dense(1)(inputs)
model = keras.Model(inputs, outputs)
model.compile(optimizer=keras.optimizers.Adam(), loss="mean_squared_error")
test_input = rng.random_sample((128, 32)).astype("float32")
test_target = rng.random_sample((128, 1)).astype("float32")
model.fit(test_input, test_target, verbose=0)
model.save(d + "/my_model.keras")
golden.save_npy(d, "test_input", test_input)
golden.save_npy(d, "predictions", model.predict(test_input, verbose=0))


# Cell 3: a registered custom layer and a registered custom activation, saved by Keras.
keras.saving.get_custom_objects().clear()


@keras.saving.register_keras_serializable(package="MyLayers")
class CustomLayer(keras.layers.Layer):
    def __init__(self, factor):
        super().__init__()
        self.factor = factor

    def call(self, x):
        return x * self.factor

    def get_config(self):
        return {"factor": self.factor}


@keras.saving.register_keras_serializable(package="my_package", name="custom_fn")
def custom_fn(x):
    return x**2


keras.utils.set_random_seed(2)
d = golden.out_dir("guide_serialization_custom")
inputs = keras.Input(shape=(4,))
mid = CustomLayer(0.5)(inputs)
outputs = keras.layers.Dense(1, activation=custom_fn)(mid)
model = keras.Model(inputs, outputs)
model.compile(optimizer="rmsprop", loss="mean_squared_error")
model.fit(rng.random_sample((4, 4)).astype("float32"), rng.random_sample((4, 1)).astype("float32"), verbose=0)
model.save(d + "/custom_model.keras")
test_input = rng.random_sample((4, 4)).astype("float32")
golden.save_npy(d, "test_input", test_input)
golden.save_npy(d, "predictions", model.predict(test_input, verbose=0))

# Cells 7 and 12: the printed configs of a Dense layer and of an L1 regularizer.
keras.backend.clear_session()
d = golden.out_dir("guide_serialization_configs")
golden.save_json(d, "dense_config", keras.layers.Dense(3, activation="relu").get_config())
golden.save_json(d, "l1_serialized", keras.saving.serialize_keras_object(keras.regularizers.L1(0.005)))


# Cell 18: the weight order of a nested layer before and after freezing its first sublayer.
class NestedDenseLayer(keras.layers.Layer):
    def __init__(self, units, name=None):
        super().__init__(name=name)
        self.dense_1 = keras.layers.Dense(units, name="dense_1")
        self.dense_2 = keras.layers.Dense(units, name="dense_2")

    def call(self, inputs):
        return self.dense_2(self.dense_1(inputs))


nested_model = keras.Sequential([keras.Input((784,)), NestedDenseLayer(10, "nested")])
before = {"names": [v.name for v in nested_model.weights], "paths": [v.path for v in nested_model.weights]}
nested_model.get_layer("nested").dense_1.trainable = False
after = {"names": [v.name for v in nested_model.weights], "paths": [v.path for v in nested_model.weights]}
golden.save_json(d, "nested_weights", {"before": before, "after": after, "changed": before["names"] != after["names"]})


# Cell 19: a Sequential model of the layers of a functional one plus a new Dense.
def create_functional_model():
    inputs = keras.Input(shape=(784,), name="digits")
    x = keras.layers.Dense(64, activation="relu", name="dense_1")(inputs)
    x = keras.layers.Dense(64, activation="relu", name="dense_2")(x)
    outputs = keras.layers.Dense(10, name="predictions")(x)
    return keras.Model(inputs=inputs, outputs=outputs, name="3_layer_mlp")


pretrained_model = create_functional_model()
extracted_layers = pretrained_model.layers[:-1]
extracted_layers.append(keras.layers.Dense(5, name="dense_3"))
golden.save_text(d, "transfer_summary", golden.summary_text(keras.Sequential(extracted_layers, name="sequential")))


# Cells 20-22: a registered layer whose config holds a regularizer, an initializer and a nested layer.
@keras.saving.register_keras_serializable(package="MyLayers", name="KernelMult")
class MyDense(keras.layers.Layer):
    def __init__(self, units, *, kernel_regularizer=None, kernel_initializer=None, nested_model=None, **kwargs):
        super().__init__(**kwargs)
        self.hidden_units = units
        self.kernel_regularizer = kernel_regularizer
        self.kernel_initializer = kernel_initializer
        self.nested_model = nested_model

    def get_config(self):
        config = super().get_config()
        config.update({"units": self.hidden_units, "kernel_regularizer": self.kernel_regularizer,
                       "kernel_initializer": self.kernel_initializer, "nested_model": self.nested_model})
        return config

    def build(self, input_shape):
        self.kernel = self.add_weight(name="kernel", shape=(input_shape[-1], self.hidden_units),
                                      regularizer=self.kernel_regularizer, initializer=self.kernel_initializer)

    def call(self, inputs):
        return ops.matmul(inputs, self.kernel)


keras.backend.clear_session()
layer = MyDense(units=16, kernel_regularizer="l1", kernel_initializer="ones")
layer3 = MyDense(units=64, nested_model=layer)
config = keras.layers.serialize(layer3)
golden.save_json(d, "mydense_nested_serialized", config)
new_layer = keras.layers.deserialize(config)
golden.save_text(d, "mydense_deserialized_repr", repr(new_layer) + "\n")


@keras.saving.register_keras_serializable(package="ComplexModels")
class CustomModel(keras.layers.Layer):
    def __init__(self, first_layer, second_layer=None, **kwargs):
        super().__init__(**kwargs)
        self.first_layer = first_layer
        self.second_layer = second_layer if second_layer is not None else keras.layers.Dense(8)

    def get_config(self):
        config = super().get_config()
        config.update({"first_layer": self.first_layer, "second_layer": self.second_layer})
        return config

    @classmethod
    def from_config(cls, config):
        config["first_layer"] = keras.layers.deserialize(config["first_layer"])
        config["second_layer"] = keras.layers.deserialize(config["second_layer"])
        return cls(**config)

    def call(self, inputs):
        return self.first_layer(self.second_layer(inputs))


inputs = keras.Input((32,))
outputs = CustomModel(first_layer=layer)(inputs)
model = keras.Model(inputs, outputs)
config = model.get_config()
new_model = keras.Model.from_config(config)
golden.save_text(d, "custom_model_summary", golden.summary_text(new_model))

keras.backend.clear_session()
layer = MyDense(units=16, kernel_regularizer=keras.regularizers.L1L2(l1=1e-5, l2=1e-4), kernel_initializer="ones")
golden.save_json(d, "mydense_l1l2_serialized", keras.layers.serialize(layer))
