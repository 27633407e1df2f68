"""compile(weighted_metrics=...): metrics weighted by fit/evaluate's sample_weight next to unweighted ones, their log
names (a weighted metric whose name a plain one took is logged as weighted_<name>), per-output dict forms, the order
of History keys and of evaluate's list, and the compile_config Keras saves."""
import keras
import numpy as np

import golden


def save_case(name, model, x, y, w, compile_args):
    d = golden.out_dir(name)
    for i, v in enumerate(model.get_weights()):
        golden.save_npy(d, f"w{i}", v)
    golden.save_npy(d, "x", x)
    ys = y if isinstance(y, dict) else {"y": y}
    for k, v in ys.items():
        golden.save_npy(d, f"y_{k}", v)
    golden.save_npy(d, "sample_weight", w)
    model.compile(**compile_args)
    history = model.fit(x, y, sample_weight=w, batch_size=4, epochs=2, shuffle=False, verbose=0)
    as_list = model.evaluate(x, y, sample_weight=w, batch_size=5, verbose=0)
    as_dict = model.evaluate(x, y, sample_weight=w, batch_size=5, verbose=0, return_dict=True)
    golden.save_json(d, "results", {
        "history": history.history,
        "history_keys": list(history.history.keys()),
        "evaluate_list": as_list,
        "evaluate_dict": as_dict,
        "evaluate_keys": list(as_dict.keys()),
        "metrics_names": model.metrics_names,
        "compile_config": model.get_compile_config(),
    })


rs = np.random.RandomState(11)
x = rs.randn(12, 4).astype("float32")
y = rs.randn(12, 1).astype("float32")
w = rs.uniform(0.1, 2.0, size=(12,)).astype("float32")

keras.utils.set_random_seed(5)
single = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3, activation="tanh"), keras.layers.Dense(1)], name="single")
save_case("weighted_metrics_single", single, x, y, w, dict(
    optimizer=keras.optimizers.SGD(0.05), loss="mse", metrics=["mae"], weighted_metrics=["mae", "mse"]))

keras.utils.set_random_seed(6)
inputs = keras.Input((4,), name="x")
hidden = keras.layers.Dense(3, activation="tanh", name="hidden")(inputs)
a = keras.layers.Dense(2, name="a")(hidden)
b = keras.layers.Dense(1, name="b")(hidden)
two = keras.Model(inputs, {"a": a, "b": b}, name="two")
ya = rs.randn(12, 2).astype("float32")
save_case("weighted_metrics_dict", two, x, {"a": ya, "b": y}, w, dict(
    optimizer=keras.optimizers.SGD(0.05), loss={"a": "mse", "b": "mae"}, metrics={"a": ["mae"]},
    weighted_metrics={"a": ["mae"], "b": ["mse", "mae"]}))
