"""Regularizers and constraints on every layer family: a tiny CNN and a tiny Embedding+LSTM model with weight
regularizers (added to the loss), activity regularizers and constraints (applied after each optimizer step). Keras
saves each model untrained; the C# tests load it, train the same 2 steps on the same batch and compare the weights,
the 2 losses, the regularization losses and the configs. Also: each constraint applied to a fixed tensor."""
import keras
import numpy as np
from keras import constraints, layers, regularizers

import golden


def layer_configs(model):
    return {layer.name: layer.get_config() for layer in model.layers}


def train_case(case, model, x, y, optimizer):
    d = golden.out_dir(case)
    model.compile(optimizer=optimizer, loss="mse")
    model.save(d + "/model.keras")
    golden.save_npy(d, "x", x)
    golden.save_npy(d, "y", y)
    golden.save_json(d, "layers", layer_configs(model))
    # The regularization losses of the untrained weights (no activity terms: those need a call).
    golden.save_npy(d, "weight_reg_losses", np.array([float(keras.ops.convert_to_numpy(l)) for l in model.losses]))
    losses = []
    for _ in range(2):
        losses.append(model.train_on_batch(x, y))
    golden.save_npy(d, "losses", np.array(losses, dtype=np.float32))
    for i, w in enumerate(model.weights):
        golden.save_npy(d, f"w{i}", keras.ops.convert_to_numpy(w))
    golden.save_json(d, "weight_names", [w.path for w in model.weights])


keras.utils.set_random_seed(3)
rs = np.random.RandomState(0)

cnn = keras.Sequential([
    keras.Input((6, 6, 2)),
    layers.Conv2D(3, 3, kernel_regularizer=regularizers.l2(0.01), kernel_constraint=constraints.max_norm(3.0),
                  bias_constraint=constraints.non_neg(), bias_initializer=keras.initializers.RandomNormal(0.0, 0.1, seed=1),
                  activity_regularizer=regularizers.l2(0.001), name="conv"),
    layers.BatchNormalization(beta_regularizer=regularizers.l2(0.01), gamma_constraint=constraints.max_norm(1.0),
                              name="bn"),
    layers.SeparableConv2D(2, 2, depthwise_regularizer=regularizers.l1(0.01), pointwise_regularizer=regularizers.l2(0.02),
                           depthwise_constraint=constraints.unit_norm(axis=[0, 1]),
                           pointwise_constraint=constraints.max_norm(0.5, axis=[0, 1, 2]),
                           bias_regularizer=regularizers.l2(0.05), name="sep"),
    layers.DepthwiseConv2D(2, depth_multiplier=2, depthwise_regularizer=regularizers.l1_l2(0.01, 0.02),
                           depthwise_constraint=constraints.min_max_norm(0.2, 0.6, rate=0.5, axis=[0, 1]),
                           bias_constraint=constraints.non_neg(), name="dw"),
    layers.Conv2DTranspose(2, 2, kernel_constraint=constraints.unit_norm(axis=[0, 1, 2]),
                           kernel_regularizer=regularizers.l2(0.01), name="convt"),
    layers.Flatten(name="flatten"),
    layers.Dense(2, kernel_regularizer=regularizers.l2(0.01), kernel_constraint=constraints.max_norm(0.3),
                 bias_regularizer=regularizers.l1(0.1), bias_constraint=constraints.non_neg(), name="dense"),
], name="regcnn")
xc = rs.randn(4, 6, 6, 2).astype("float32")
yc = rs.randn(4, 2).astype("float32")
train_case("regconstraint_cnn", cnn, xc, yc, keras.optimizers.SGD(learning_rate=0.2))

lstm = keras.Sequential([
    keras.Input((5,), dtype="int32"),
    layers.Embedding(10, 4, embeddings_constraint=constraints.max_norm(0.04, axis=1),
                     embeddings_regularizer=regularizers.l2(0.01), name="emb"),
    layers.LSTM(3, return_sequences=True, kernel_regularizer=regularizers.l2(0.01),
                recurrent_constraint=constraints.unit_norm(), bias_regularizer=regularizers.l1(0.01),
                kernel_constraint=constraints.max_norm(3.0), activity_regularizer=regularizers.l2(0.01), name="lstm"),
    layers.GRU(2, recurrent_regularizer=regularizers.l2(0.05), bias_constraint=constraints.non_neg(),
               kernel_constraint=constraints.min_max_norm(0.1, 0.5), name="gru"),
    layers.LayerNormalization(gamma_constraint=constraints.max_norm(0.9), beta_regularizer=regularizers.l2(0.01),
                              name="ln"),
    layers.Dense(1, name="out"),
], name="reglstm")
xl = rs.randint(0, 10, size=(4, 5)).astype("int32")
yl = rs.randn(4, 1).astype("float32")
train_case("regconstraint_lstm", lstm, xl, yl, keras.optimizers.Adam(learning_rate=0.05))

rnn = keras.Sequential([
    keras.Input((4, 3)),
    layers.SimpleRNN(2, kernel_regularizer=regularizers.l1(0.02), recurrent_constraint=constraints.max_norm(0.5),
                     bias_regularizer=regularizers.l2(0.1), name="srnn"),
], name="regsrnn")
xr = rs.randn(3, 4, 3).astype("float32")
yr = rs.randn(3, 2).astype("float32")
train_case("regconstraint_simplernn", rnn, xr, yr, keras.optimizers.SGD(learning_rate=0.3))

# Each constraint on a fixed tensor, with its config.
d = golden.out_dir("regconstraint_math")
w = rs.randn(3, 4, 2).astype("float32")
golden.save_npy(d, "w", w)
cases = {
    "max_norm": constraints.MaxNorm(1.5),
    "max_norm_axes": constraints.MaxNorm(2.0, axis=[0, 1]),
    "min_max_norm": constraints.MinMaxNorm(0.5, 1.2, rate=0.7, axis=2),
    "non_neg": constraints.NonNeg(),
    "unit_norm": constraints.UnitNorm(axis=-1),
}
configs = {}
for name, c in cases.items():
    golden.save_npy(d, name, keras.ops.convert_to_numpy(c(keras.ops.convert_to_tensor(w))))
    configs[name] = keras.saving.serialize_keras_object(c)
golden.save_json(d, "configs", configs)
