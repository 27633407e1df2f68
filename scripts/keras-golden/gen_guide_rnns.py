"""The cells of the keras-io guide "Working with RNNs" run in Keras 3.15.1 (torch backend).

Saves what the C# port (tests/DeepKeras.Tests/Guides/WorkingWithRnnsGuideTests.cs) compares against. Inputs and
weights come from formulas (`formula` below, repeated in the C# test) instead of random draws, so the golden files
hold only results. MNIST is not in this machine's Keras cache, so cells 9-12 use the first 512 training and 128 test
images of Fashion-MNIST (read from copies of the IDX files in /tmp/guidesB_fashion, see the C# test), one epoch
without shuffling.
"""
import gzip
import os

import keras
import numpy as np
from keras import layers

import golden


def formula(shape, offset, scale):
    """The deterministic array sin(0.37 * (i + offset)) * scale over the flat index i."""
    n = int(np.prod(shape))
    return (np.sin(0.37 * (np.arange(n, dtype=np.float64) + offset)) * scale).astype("float32").reshape(shape)


def formula_weights(model_or_layer, offset):
    """Sets every weight to the formula with a distinct offset per weight (batch normalization keeps its own)."""
    values = [keras.ops.convert_to_numpy(w) if "batch_normalization" in w.path else formula(w.shape, offset + 1000 * i, 0.1)
              for i, w in enumerate(model_or_layer.weights)]
    model_or_layer.set_weights(values)


# Cells 2-4 and 7: the summaries.
d = golden.out_dir("guide_rnns_summaries")
keras.backend.clear_session()
model = keras.Sequential()
model.add(layers.Embedding(input_dim=1000, output_dim=64))
model.add(layers.LSTM(128))
model.add(layers.Dense(10))
golden.save_text(d, "cell02_unbuilt", golden.summary_text(model))
model.build((None, None))
golden.save_text(d, "cell02_built", golden.summary_text(model))

keras.backend.clear_session()
model = keras.Sequential()
model.add(layers.Embedding(input_dim=1000, output_dim=64))
model.add(layers.GRU(256, return_sequences=True))
model.add(layers.SimpleRNN(128))
model.add(layers.Dense(10))
model.build((None, None))
golden.save_text(d, "cell03_built", golden.summary_text(model))

keras.backend.clear_session()
encoder_input = layers.Input(shape=(None,))
encoder_embedded = layers.Embedding(input_dim=1000, output_dim=64)(encoder_input)
output, state_h, state_c = layers.LSTM(64, return_state=True, name="encoder")(encoder_embedded)
encoder_state = [state_h, state_c]
decoder_input = layers.Input(shape=(None,))
decoder_embedded = layers.Embedding(input_dim=2000, output_dim=64)(decoder_input)
decoder_output = layers.LSTM(64, name="decoder")(decoder_embedded, initial_state=encoder_state)
output = layers.Dense(10)(decoder_output)
model = keras.Model([encoder_input, decoder_input], output)
golden.save_text(d, "cell04", golden.summary_text(model, line_length=110))
formula_weights(model, 3)
enc = formula((2, 7), 5, 1.0)
dec = formula((2, 4), 9, 1.0)
enc = (np.abs(enc) * 999).astype("int32")
dec = (np.abs(dec) * 1999).astype("int32")
golden.save_json(d, "cell04_tokens", {"encoder": enc, "decoder": dec, "weight_paths": [w.path for w in model.weights]})
golden.save_npy(d, "cell04_output", model.predict([enc, dec], verbose=0))

keras.backend.clear_session()
model = keras.Sequential()
model.add(layers.Bidirectional(layers.LSTM(64, return_sequences=True), input_shape=(5, 10)))
model.add(layers.Bidirectional(layers.LSTM(32)))
model.add(layers.Dense(10))
golden.save_text(d, "cell07", golden.summary_text(model))

# Cells 5 and 6: a stateful LSTM over three paragraphs, its states reused as the initial state of a new LSTM.
d = golden.out_dir("guide_rnns_stateful")
paragraph1 = formula((20, 10, 50), 1, 0.5) + 0.5
paragraph2 = formula((20, 10, 50), 2, 0.5) + 0.5
paragraph3 = formula((20, 10, 50), 3, 0.5) + 0.5
lstm_layer = layers.LSTM(64, stateful=True)
lstm_layer.build((20, 10, 50))
formula_weights(lstm_layer, 11)
output = lstm_layer(paragraph1)
output = lstm_layer(paragraph2)
output = lstm_layer(paragraph3)
golden.save_npy(d, "output3", keras.ops.convert_to_numpy(output))
lstm_layer.reset_states()
golden.save_npy(d, "reset_output1", keras.ops.convert_to_numpy(lstm_layer(paragraph1)))

# Cell 6 (the states are variables that the next call would overwrite in place, so they are used right away).
lstm_layer = layers.LSTM(64, stateful=True)
lstm_layer.build((20, 10, 50))
formula_weights(lstm_layer, 11)
output = lstm_layer(paragraph1)
output = lstm_layer(paragraph2)
golden.save_npy(d, "output2", keras.ops.convert_to_numpy(output))
existing_state = lstm_layer.states
golden.save_npy(d, "state_h", keras.ops.convert_to_numpy(existing_state[0]))
golden.save_npy(d, "state_c", keras.ops.convert_to_numpy(existing_state[1]))
new_lstm_layer = layers.LSTM(64)
new_lstm_layer.build((20, 10, 50))
formula_weights(new_lstm_layer, 17)
new_output = new_lstm_layer(paragraph3, initial_state=existing_state)
golden.save_npy(d, "new_output", keras.ops.convert_to_numpy(new_output))


# Cells 8-12: the LSTM and RNN(LSTMCell) classifiers on a slice of Fashion-MNIST.
def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, np.uint8, offset=4 + 4 * dims).reshape(shape)


src = "/tmp/guidesB_fashion"
x_train = read_idx(os.path.join(src, "train-images-idx3-ubyte.gz"))[:512] / 255.0
y_train = read_idx(os.path.join(src, "train-labels-idx1-ubyte.gz"))[:512]
x_test = read_idx(os.path.join(src, "t10k-images-idx3-ubyte.gz"))[:128] / 255.0
y_test = read_idx(os.path.join(src, "t10k-labels-idx1-ubyte.gz"))[:128]
sample, sample_label = x_train[0], y_train[0]

batch_size = 64
input_dim = 28
units = 64
output_size = 10


def build_model(allow_cudnn_kernel=True):
    if allow_cudnn_kernel:
        lstm_layer = keras.layers.LSTM(units, input_shape=(None, input_dim))
    else:
        lstm_layer = keras.layers.RNN(keras.layers.LSTMCell(units), input_shape=(None, input_dim))
    return keras.models.Sequential([lstm_layer, keras.layers.BatchNormalization(), keras.layers.Dense(output_size)])


d = golden.out_dir("guide_rnns_mnist")
keras.backend.clear_session()
model = build_model(allow_cudnn_kernel=True)
golden.save_text(d, "summary", golden.summary_text(model))
formula_weights(model, 23)
model.compile(loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True), optimizer="sgd", metrics=["accuracy"])
history = model.fit(x_train, y_train, validation_data=(x_test, y_test), batch_size=batch_size, epochs=1, shuffle=False,
                    verbose=0)
golden.save_json(d, "history_lstm", history.history)

noncudnn_model = build_model(allow_cudnn_kernel=False)
noncudnn_model.set_weights(model.get_weights())
noncudnn_model.compile(loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True), optimizer="sgd",
                       metrics=["accuracy"])
history = noncudnn_model.fit(x_train, y_train, validation_data=(x_test, y_test), batch_size=batch_size, epochs=1,
                             shuffle=False, verbose=0)
golden.save_json(d, "history_rnn_cell", history.history)

cpu_model = build_model(allow_cudnn_kernel=True)
cpu_model.set_weights(model.get_weights())
logits = keras.ops.convert_to_numpy(cpu_model.predict_on_batch(np.expand_dims(sample, 0)))
golden.save_npy(d, "sample_logits", logits)
golden.save_json(d, "sample_prediction", {"predicted": int(np.argmax(logits, axis=1)[0]), "target": int(sample_label)})
