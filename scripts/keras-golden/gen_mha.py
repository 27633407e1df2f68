"""MultiHeadAttention and EinsumDense (issue 14 item 7, part D), and the value mask of Attention/AdditiveAttention.

Each mha_* case is a tiny functional model: model.keras, inputs x0.npy, x1.npy, ... in the model's input order, outputs
y0.npy, y1.npy, ... in Keras's order, layer_config.json (serialize_keras_object of the layer under test, after build),
model_config.json (the functional config, for the call arguments) and summary.txt.
mha_transformer: keras-io's text_classification_with_transformer classifier (token + position embeddings, a Transformer
block, pooling, dense head; dropout rates 0 so the numbers are deterministic), model_init.keras before training, two
train_on_batch steps (losses.npy), model.keras and weights after them (w0.npy, ...).
"""
import keras
import numpy as np
from keras import layers

import golden

rng = np.random.RandomState(17)


def floats(*shape):
    return rng.uniform(-1.0, 1.0, size=shape).astype("float32")


def save_case(case, inputs, outputs, layer, xs):
    d = golden.out_dir(case)
    model = keras.Model(inputs, outputs, name=case)
    for i, x in enumerate(xs):
        golden.save_npy(d, f"x{i}", x)
    for i, y in enumerate(keras.tree.flatten(model.predict(xs, verbose=0))):
        golden.save_npy(d, f"y{i}", y)
    golden.save_json(d, "layer_config", keras.saving.serialize_keras_object(layer))
    golden.save_json(d, "model_config", model.get_config())
    golden.save_text(d, "summary", golden.summary_text(model))
    model.save(d + "/model.keras")
    return d


keras.utils.set_random_seed(3)

# Self-attention on one input.
x = keras.Input((4, 6), name="x")
mha = layers.MultiHeadAttention(num_heads=2, key_dim=3, name="mha")
save_case("mha_self", x, mha(x, x), mha, [floats(2, 4, 6)])

# Cross-attention with a separate key, value_dim != key_dim, scores returned.
q = keras.Input((4, 6), name="query")
v = keras.Input((5, 8), name="value")
k = keras.Input((5, 7), name="key")
mha = layers.MultiHeadAttention(num_heads=3, key_dim=2, value_dim=4, name="mha_cross")
save_case("mha_cross_scores", [q, v, k], list(mha(q, v, k, return_attention_scores=True)), mha,
          [floats(2, 4, 6), floats(2, 5, 8), floats(2, 5, 7)])

# output_shape of two axes, no biases, causal mask.
x = keras.Input((5, 4), name="x")
mha = layers.MultiHeadAttention(num_heads=2, key_dim=3, output_shape=(2, 3), use_bias=False, name="mha_causal")
save_case("mha_outshape_nobias_causal", x, mha(x, x, use_causal_mask=True), mha, [floats(2, 5, 4)])

# Attention over two axes of a 4-D input.
x = keras.Input((2, 3, 4), name="x")
mha = layers.MultiHeadAttention(num_heads=2, key_dim=2, attention_axes=(1, 2), name="mha_2d")
save_case("mha_axes_2d", x, list(mha(x, x, return_attention_scores=True)), mha, [floats(2, 2, 3, 4)])

# An explicit attention mask passed by keyword.
q = keras.Input((4, 6), name="query")
v = keras.Input((5, 6), name="value")
m = keras.Input((4, 5), name="mask")
mha = layers.MultiHeadAttention(num_heads=2, key_dim=3, name="mha_masked")
mask = (rng.uniform(size=(2, 4, 5)) > 0.3).astype("float32")
mask[:, :, 0] = 1.0
mask[1, 2, :] = 0.0  # one fully masked row
save_case("mha_attention_mask", [q, v, m], mha(q, v, attention_mask=m), mha, [floats(2, 4, 6), floats(2, 5, 6), mask])

# Padding masks from Embedding(mask_zero=True): the query's mask masks rows, the value's columns. The first layer takes
# Keras's fused path (padded query rows average the values), the second returns scores (padded rows get zero weights).
# Each layer reads its own embedding outputs: Keras's call clears the masks of the tensors it is given, so a tensor
# shared by two attention layers would reach the second one unmasked.
tq = keras.Input((5,), dtype="int32", name="query_tokens")
tv = keras.Input((6,), dtype="int32", name="value_tokens")
eq = layers.Embedding(10, 4, mask_zero=True, name="emb_q")(tq)
ev = layers.Embedding(10, 4, mask_zero=True, name="emb_v")(tv)
mha = layers.MultiHeadAttention(num_heads=2, key_dim=2, name="mha_pad")
mha_self = layers.MultiHeadAttention(num_heads=2, key_dim=2, name="mha_pad_self")
out = mha(eq, ev)
eq2 = layers.Embedding(10, 4, mask_zero=True, name="emb_q2")(tq)
out2, scores = mha_self(eq2, eq2, return_attention_scores=True)
tokens_q = np.array([[3, 1, 4, 0, 0], [2, 7, 1, 8, 0]], dtype="int32")
tokens_v = np.array([[5, 9, 2, 6, 0, 0], [5, 3, 5, 8, 9, 7]], dtype="int32")
save_case("mha_padding_masks", [tq, tv], [out, out2, scores], mha, [tokens_q, tokens_v])

# Gated attention with a sliding window (Keras 3.15 arguments).
x = keras.Input((5, 4), name="x")
mha = layers.MultiHeadAttention(num_heads=2, key_dim=2, use_gate=True, sliding_window=2, name="mha_gate")
save_case("mha_gate_window", x, mha(x, x), mha, [floats(2, 5, 4)])

# EinsumDense on its own: a per-step projection, a left ellipsis with an activation, a contraction of two axes.
x = keras.Input((3, 4), name="x")
e1 = layers.EinsumDense("abc,cd->abd", output_shape=(3, 5), bias_axes="d", name="ed_step")
e2 = layers.EinsumDense("...b,bc->...c", output_shape=6, bias_axes="c", activation="tanh", name="ed_ellipsis")
e3 = layers.EinsumDense("abc,bcd->ad", output_shape=7, name="ed_contract")
d = save_case("mha_einsum_dense", x, e3(e2(e1(x))), e2, [floats(2, 3, 4)])
golden.save_json(d, "layer_configs",
                 [keras.saving.serialize_keras_object(layer) for layer in (e1, e2, e3)])

# Attention and AdditiveAttention with padded queries and values: Keras masks the scores of padded value steps.
tq = keras.Input((4,), dtype="int32", name="query_tokens")
tv = keras.Input((5,), dtype="int32", name="value_tokens")
eq = layers.Embedding(10, 3, mask_zero=True, name="emb_q")(tq)
ev = layers.Embedding(10, 3, mask_zero=True, name="emb_v")(tv)
attn = layers.Attention(name="attn")
add_attn = layers.AdditiveAttention(name="add_attn")
tokens_q = np.array([[3, 1, 4, 0], [2, 7, 1, 8]], dtype="int32")
tokens_v = np.array([[5, 9, 2, 0, 0], [5, 3, 5, 8, 9]], dtype="int32")
save_case("mha_attention_value_mask", [tq, tv], [attn([eq, ev]), add_attn([eq, ev])], attn, [tokens_q, tokens_v])

# keras-io text_classification_with_transformer, functional, small: positions are a second input (0..maxlen-1).
keras.utils.set_random_seed(4)
maxlen, vocab, embed_dim, heads, ff_dim = 6, 20, 8, 2, 8
tokens = keras.Input((maxlen,), dtype="int32", name="tokens")
positions = keras.Input((maxlen,), dtype="int32", name="positions")
h = layers.Add(name="embed")([layers.Embedding(vocab, embed_dim, name="token_emb")(tokens),
                              layers.Embedding(maxlen, embed_dim, name="pos_emb")(positions)])
att = layers.MultiHeadAttention(num_heads=heads, key_dim=embed_dim, name="att")(h, h)
att = layers.Dropout(0.0, name="dropout1")(att)
out1 = layers.LayerNormalization(epsilon=1e-6, name="layernorm1")(layers.Add(name="res1")([h, att]))
ffn = layers.Dense(ff_dim, activation="relu", name="ffn_1")(out1)
ffn = layers.Dense(embed_dim, name="ffn_2")(ffn)
ffn = layers.Dropout(0.0, name="dropout2")(ffn)
block = layers.LayerNormalization(epsilon=1e-6, name="layernorm2")(layers.Add(name="res2")([out1, ffn]))
y = layers.GlobalAveragePooling1D(name="pool")(block)
y = layers.Dropout(0.0, name="dropout3")(y)
y = layers.Dense(6, activation="relu", name="head")(y)
y = layers.Dense(2, activation="softmax", name="classes")(y)
model = keras.Model([tokens, positions], y, name="transformer")
model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01), loss="sparse_categorical_crossentropy")
d = golden.out_dir("mha_transformer")
model.save(d + "/model_init.keras")
xt = rng.randint(0, vocab, size=(8, maxlen)).astype("int32")
xp = np.tile(np.arange(maxlen, dtype="int32"), (8, 1))
yt = rng.randint(0, 2, size=(8,)).astype("int32")
golden.save_npy(d, "x0", xt)
golden.save_npy(d, "x1", xp)
golden.save_npy(d, "y", yt)
losses = []
for step in range(2):
    batch = slice(4 * step, 4 * step + 4)
    losses.append(float(model.train_on_batch([xt[batch], xp[batch]], yt[batch])))
golden.save_npy(d, "losses", np.array(losses, dtype="float32"))
for i, w in enumerate(model.get_weights()):
    golden.save_npy(d, f"w{i}", w)
golden.save_text(d, "summary", golden.summary_text(model))
model.save(d + "/model.keras")
