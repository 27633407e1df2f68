"""Golden summaries for the functional API guide (keras-io guides/keras_core/functional_api.py).

Writes tests/DeepKeras.Tests/Data/keras3/guide_functional_summaries/: the printed summaries of the guide's
mnist_model and toy_resnet, read by tests/DeepKeras.Tests/Guides/FunctionalApiGuideTests.cs.
"""

import golden
import keras
from keras import layers

inputs = keras.Input(shape=(784,))
x = layers.Dense(64, activation="relu")(inputs)
x = layers.Dense(64, activation="relu")(x)
mnist = keras.Model(inputs, layers.Dense(10)(x), name="mnist_model")

inputs = keras.Input(shape=(32, 32, 3), name="img")
x = layers.Conv2D(32, 3, activation="relu")(inputs)
x = layers.Conv2D(64, 3, activation="relu")(x)
b1 = layers.MaxPooling2D(3)(x)
x = layers.Conv2D(64, 3, activation="relu", padding="same")(b1)
x = layers.Conv2D(64, 3, activation="relu", padding="same")(x)
b2 = layers.add([x, b1])
x = layers.Conv2D(64, 3, activation="relu", padding="same")(b2)
x = layers.Conv2D(64, 3, activation="relu", padding="same")(x)
b3 = layers.add([x, b2])
x = layers.Conv2D(64, 3, activation="relu")(b3)
x = layers.GlobalAveragePooling2D()(x)
x = layers.Dense(256, activation="relu")(x)
x = layers.Dropout(0.5)(x)
resnet = keras.Model(inputs, layers.Dense(10)(x), name="toy_resnet")

d = golden.out_dir("guide_functional_summaries")
golden.save_text(d, "mnist_model", golden.summary_text(mnist))
golden.save_text(d, "toy_resnet", golden.summary_text(resnet))
