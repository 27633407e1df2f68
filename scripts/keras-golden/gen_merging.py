"""Merge layer cases: Add, Subtract, Multiply, Average, Maximum, Minimum, Concatenate and Dot (keras/src/layers/merging).

Each merge_<kind> case is a weightless functional model (named inputs -> one merge layer -> output) with what Keras
computes and saves for it: inputs x*.npy, output y.npy, summary.txt, model.keras (whose config.json is the reference
for DeepKeras's saved config) and layer.json (the serialized merge layer).

merge_masks holds eager calls on inputs that carry masks (from Embedding(mask_zero=True), or none): for every merge
kind and every pairing (both masked, only the first, only the second), the output and the mask Keras attaches to it.
merge_masked_model: merged masks feeding an LSTM in a functional model, with each layer's weights (<layer>_<i>.npy).
Keras records the symbolic mask computation of such a model as operations (NotEqual, LogicalOr, Any, ...) in its
saved config, so the C# test rebuilds the model from the weights instead of loading a .keras file.
"""

import keras
import numpy as np
from keras import layers
from keras.src.backend import get_keras_mask

import golden

rng = np.random.RandomState(11)


def floats(*shape):
    return rng.uniform(-2.0, 2.0, size=shape).astype("float32")


def merge_case(case, layer, shapes):
    """A model from named inputs of `shapes` (no batch axis) through `layer`, with its data and files."""
    d = golden.out_dir(case)
    inputs = [keras.Input(s, name=f"in{i}") for i, s in enumerate(shapes)]
    model = keras.Model(inputs, layer(inputs), name=case)
    xs = [floats(3, *s) for s in shapes]
    for i, x in enumerate(xs):
        golden.save_npy(d, f"x{i}", x)
    golden.save_npy(d, "y", model.predict(xs, verbose=0))
    golden.save_text(d, "summary", golden.summary_text(model))
    golden.save_json(d, "layer", keras.saving.serialize_keras_object(layer))
    model.save(d + "/model.keras")


keras.utils.set_random_seed(3)
merge_case("merge_add", layers.Add(name="add"), [(4,), (4,), (4,)])
merge_case("merge_subtract", layers.Subtract(name="subtract"), [(2, 3), (2, 3)])
merge_case("merge_multiply", layers.Multiply(name="multiply"), [(2, 3), (2, 3), (2, 3)])
merge_case("merge_average", layers.Average(name="average"), [(5,), (5,)])
merge_case("merge_maximum", layers.Maximum(name="maximum"), [(2, 3), (2, 3), (2, 3)])
merge_case("merge_minimum", layers.Minimum(name="minimum"), [(4,), (4,)])
# Broadcasting: size 1 stretches; a lower-ranked input gains axes after the batch axis.
merge_case("merge_add_broadcast", layers.Add(name="add_b"), [(3,), (4, 3)])
merge_case("merge_multiply_broadcast", layers.Multiply(name="multiply_b"), [(1, 3), (4, 3)])
merge_case("merge_concatenate", layers.Concatenate(axis=1, name="concatenate"), [(2, 3), (4, 3)])
merge_case("merge_dot", layers.Dot(axes=1, name="dot"), [(5,), (5,)])
merge_case("merge_dot_pair", layers.Dot(axes=(1, 2), name="dot_pair"), [(3, 5), (10, 3)])
merge_case("merge_dot_normalize", layers.Dot(axes=-1, normalize=True, name="dot_norm"), [(4, 3), (6, 3)])
merge_case("merge_dot_mixed", layers.Dot(axes=(1, 2), name="dot_mixed"), [(3,), (4, 3)])
merge_case("merge_dot_4d", layers.Dot(axes=(2, 1), name="dot_4d"), [(2, 3, 4), (3, 5, 2)])

# Masks: inputs carrying masks from Embedding(mask_zero=True), or none (emb_c).
d = golden.out_dir("merge_masks")
emb_a = layers.Embedding(10, 3, mask_zero=True, name="emb_a")
emb_b = layers.Embedding(10, 3, mask_zero=True, name="emb_b")
emb_c = layers.Embedding(10, 3, name="emb_c")
ta = np.array([[1, 2, 0, 0], [3, 0, 4, 5]], dtype="int32")
tb = np.array([[0, 6, 7, 0], [8, 9, 0, 0]], dtype="int32")
golden.save_npy(d, "ta", ta)
golden.save_npy(d, "tb", tb)
ea, eb, ec = emb_a(ta), emb_b(tb), emb_c(tb)
for name, emb in [("emb_a", emb_a), ("emb_b", emb_b), ("emb_c", emb_c)]:
    golden.save_npy(d, name, keras.ops.convert_to_numpy(emb.embeddings))
kinds = {
    "add": lambda: layers.Add(),
    "subtract": lambda: layers.Subtract(),
    "multiply": lambda: layers.Multiply(),
    "average": lambda: layers.Average(),
    "maximum": lambda: layers.Maximum(),
    "minimum": lambda: layers.Minimum(),
    "concatenate": lambda: layers.Concatenate(),
    "concatenate_axis1": lambda: layers.Concatenate(axis=1),
    "dot": lambda: layers.Dot(axes=2),
}
pairs = {"ab": (ea, eb), "ac": (ea, ec), "ca": (ec, ea)}
masked = {}
for kind, make in kinds.items():
    for pair, (x, y) in pairs.items():
        out = make()([x, y])
        golden.save_npy(d, f"{kind}_{pair}_y", keras.ops.convert_to_numpy(out))
        mask = get_keras_mask(out)
        masked[f"{kind}_{pair}"] = mask is not None
        if mask is not None:
            golden.save_npy(d, f"{kind}_{pair}_mask", keras.ops.convert_to_numpy(mask))
golden.save_json(d, "masked", masked)

# Merged masks feeding an LSTM inside a saved model.
d = golden.out_dir("merge_masked_model")
keras.utils.set_random_seed(5)
ia = keras.Input((4,), dtype="int32", name="tokens_a")
ib = keras.Input((4,), dtype="int32", name="tokens_b")
xa = layers.Embedding(10, 3, mask_zero=True, name="emb_a")(ia)
xb = layers.Embedding(10, 3, mask_zero=True, name="emb_b")(ib)
product = layers.Multiply(name="product")([xa, xb])
joined = layers.Concatenate(axis=1, name="joined")([product, xb])
out = layers.LSTM(2, name="lstm")(joined)
model = keras.Model([ia, ib], out, name="masked_merge")
golden.save_npy(d, "x0", ta)
golden.save_npy(d, "x1", tb)
golden.save_npy(d, "y", model.predict([ta, tb], verbose=0))
for layer in model.layers:
    for i, w in enumerate(layer.get_weights()):
        golden.save_npy(d, f"{layer.name}_{i}", w)
