"""Names, not positions: the functional_api guide's multi-input/multi-output "issue ticket" model (title, body, tags ->
priority, department), shrunk, compiled with dict losses/metrics/loss_weights and trained a few steps on dict data
from saved initial weights. Keras's History (per-output losses and metrics, key names and order), its printed
verbose=2 lines, evaluate (list and dict), predict (a list for list outputs, a dict for dict outputs) are recorded,
and two more compiles: the list forms with per-output metric lists and a `None` loss, and a dict-output model."""
import contextlib
import io
import re

import keras
import numpy as np
from keras import layers

import golden

NUM_TAGS, NUM_WORDS, NUM_DEPARTMENTS = 5, 30, 3


def ticket_model():
    title = keras.Input(shape=(5,), name="title")
    body = keras.Input(shape=(7,), name="body")
    tags = keras.Input(shape=(NUM_TAGS,), name="tags")
    t = layers.Embedding(NUM_WORDS, 8, name="title_embedding")(title)
    b = layers.Embedding(NUM_WORDS, 8, name="body_embedding")(body)
    t = layers.LSTM(6, name="title_lstm")(t)
    b = layers.LSTM(4, name="body_lstm")(b)
    x = layers.Concatenate(name="features")([t, b, tags])
    priority = layers.Dense(1, name="priority")(x)
    department = layers.Dense(NUM_DEPARTMENTS, name="department")(x)
    return (title, body, tags), (priority, department)


def printed_fit(model, *args, **kwargs):
    """fit with verbose=2; returns the History and the printed lines with the timing fields removed."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        history = model.fit(*args, verbose=2, **kwargs)
    lines = [re.sub(r" - \d+s - \d+[mu]?s/step", "", line) for line in out.getvalue().splitlines()]
    return history, "\n".join(lines) + "\n"


keras.utils.set_random_seed(14)
rs = np.random.RandomState(14)
n, nv = 24, 8
title_data = rs.randint(NUM_WORDS, size=(n + nv, 5))
body_data = rs.randint(NUM_WORDS, size=(n + nv, 7))
tags_data = rs.randint(2, size=(n + nv, NUM_TAGS)).astype("float32")
priority_targets = rs.random_sample(size=(n + nv, 1)).astype("float32")
dept_targets = rs.randint(2, size=(n + nv, NUM_DEPARTMENTS)).astype("float32")

d = golden.out_dir("names_ticket")
for name, a in [("title", title_data), ("body", body_data), ("tags", tags_data),
                ("priority", priority_targets), ("department", dept_targets)]:
    golden.save_npy(d, name, a)

inputs, (priority, department) = ticket_model()
model = keras.Model(inputs=list(inputs), outputs=[priority, department], name="ticket")
model.save_weights(f"{d}/initial.weights.h5")
x = {"title": title_data[:n], "body": body_data[:n], "tags": tags_data[:n]}
y = {"priority": priority_targets[:n], "department": dept_targets[:n]}
xv = {"title": title_data[n:], "body": body_data[n:], "tags": tags_data[n:]}
yv = {"priority": priority_targets[n:], "department": dept_targets[n:]}

# 1. The guide's dict compile, with dict metrics.
model.compile(
    optimizer=keras.optimizers.RMSprop(1e-3),
    loss={"priority": keras.losses.BinaryCrossentropy(from_logits=True),
          "department": keras.losses.CategoricalCrossentropy(from_logits=True)},
    loss_weights={"priority": 1.0, "department": 0.2},
    metrics={"priority": ["mae"], "department": ["categorical_accuracy", "accuracy"]})
history, printed = printed_fit(model, x, y, epochs=3, batch_size=8, shuffle=False, validation_data=(xv, yv))
golden.save_text(d, "fit_dict_printed", printed)
predicted = model.predict(x, verbose=0)
golden.save_npy(d, "predict_priority", predicted[0])
golden.save_npy(d, "predict_department", predicted[1])
golden.save_json(d, "results_dict", {
    "history_keys": list(history.history.keys()),
    "history": history.history,
    "evaluate": model.evaluate(x, y, verbose=0),
    "evaluate_dict": model.evaluate(x, y, verbose=0, return_dict=True),
    "evaluate_dict_keys": list(model.evaluate(x, y, verbose=0, return_dict=True).keys()),
    "predict_type": type(predicted).__name__,
    "output_names": model.output_names,
})

# 2. The list forms: per-output metric lists, no loss for the priority head, data as lists.
model.load_weights(f"{d}/initial.weights.h5")
model.compile(optimizer=keras.optimizers.RMSprop(1e-3),
              loss=[None, keras.losses.CategoricalCrossentropy(from_logits=True)],
              metrics=[["mape", "mae"], ["categorical_accuracy"]])
history, printed = printed_fit(model, [title_data[:n], body_data[:n], tags_data[:n]],
                               [priority_targets[:n], dept_targets[:n]], epochs=2, batch_size=8, shuffle=False)
golden.save_text(d, "fit_list_printed", printed)
golden.save_json(d, "results_list", {
    "history_keys": list(history.history.keys()),
    "history": history.history,
    "evaluate": model.evaluate([title_data[:n], body_data[:n], tags_data[:n]], [priority_targets[:n], dept_targets[:n]], verbose=0),
})

# 3. Dict outputs (keys differ from the layer names): predict returns a dict; logs use the keys.
inputs, (priority, department) = ticket_model()
dict_model = keras.Model(inputs={"title": inputs[0], "body": inputs[1], "tags": inputs[2]},
                         outputs={"score": priority, "dept": department}, name="ticket_dict")
# Keras's weights files key layers by position, and dict outputs order the layers differently: copy by name.
source_inputs, source_outputs = ticket_model()
source = keras.Model(inputs=list(source_inputs), outputs=list(source_outputs))
source.load_weights(f"{d}/initial.weights.h5")
for layer in source.layers:
    dict_model.get_layer(layer.name).set_weights(layer.get_weights())
dict_model.compile(optimizer=keras.optimizers.RMSprop(1e-3),
                   loss={"score": keras.losses.BinaryCrossentropy(from_logits=True),
                         "dept": keras.losses.CategoricalCrossentropy(from_logits=True)},
                   loss_weights={"score": 1.0, "dept": 0.2},
                   metrics={"score": "mae"})
history = dict_model.fit(x, {"score": y["priority"], "dept": y["department"]}, epochs=2, batch_size=8, shuffle=False, verbose=0)
predicted = dict_model.predict(x, verbose=0)
golden.save_npy(d, "dict_predict_score", predicted["score"])
golden.save_npy(d, "dict_predict_dept", predicted["dept"])
golden.save_json(d, "results_dict_outputs", {
    "history_keys": list(history.history.keys()),
    "history": history.history,
    "evaluate": dict_model.evaluate(x, {"score": y["priority"], "dept": y["department"]}, verbose=0),
    "predict_type": type(predicted).__name__,
    "predict_keys": list(predicted.keys()),
    "output_names": dict_model.output_names,
    "config_input_layers": dict_model.get_config()["input_layers"],
    "config_output_layers": dict_model.get_config()["output_layers"],
})
