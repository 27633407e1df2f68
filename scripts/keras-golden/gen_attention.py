"""Attention layers of issue 14 item 7: Attention (dot and concat scores, scale, causal mask, scores returned) and
AdditiveAttention, each in a small functional model on a query and a value input.

Each case: model.keras, inputs x0.npy (query), x1.npy (value), outputs y*.npy in Keras's order, layer_config.json
(serialize_keras_object of the attention layer) and model_config.json (the functional config, for the call kwargs).
"""
import keras
import numpy as np
from keras import layers

import golden

rng = np.random.RandomState(5)


def floats(*shape):
    return rng.uniform(-1.0, 1.0, size=shape).astype("float32")


def save_case(case, layer, call, weights=None, tq=4, tv=5, dim=3):
    d = golden.out_dir(case)
    q = keras.Input((tq, dim), name="query")
    v = keras.Input((tv, dim), name="value")
    outputs = call(layer, q, v)
    model = keras.Model([q, v], outputs, name=case)
    if weights is not None:
        layer.set_weights(weights)
    xs = [floats(2, tq, dim), floats(2, tv, dim)]
    for i, x in enumerate(xs):
        golden.save_npy(d, f"x{i}", x)
    for i, y in enumerate(keras.tree.flatten(model.predict(xs, verbose=0))):
        golden.save_npy(d, f"y{i}", y)
    golden.save_json(d, "layer_config", keras.saving.serialize_keras_object(layer))
    golden.save_json(d, "model_config", model.get_config())
    golden.save_text(d, "summary", golden.summary_text(model))
    model.save(d + "/model.keras")


keras.utils.set_random_seed(2)
save_case("attention_dot", layers.Attention(name="attn"), lambda l, q, v: l([q, v]))
save_case("attention_scaled_causal", layers.Attention(use_scale=True, name="attn_sc"),
          lambda l, q, v: l([q, v], use_causal_mask=True), weights=[np.array(0.7, dtype="float32")], tv=4)
save_case("attention_concat_scores", layers.Attention(score_mode="concat", use_scale=True, name="attn_cat"),
          lambda l, q, v: list(l([q, v, v], return_attention_scores=True)),
          weights=[np.array(1.3, dtype="float32"), np.array(0.6, dtype="float32")])
save_case("attention_additive", layers.AdditiveAttention(name="add_attn"), lambda l, q, v: l([q, v]),
          weights=[floats(3)])
