"""keras.ops and keras.random: inputs and what Keras 3 (torch backend) returns for each op and its axis/keepdims/dtype
variants. One ops.json per case: {"inputs": {name: tensor}, "results": {name: tensor or [tensors]}} where a tensor is
{"dtype": Keras dtype name, "shape": [...], "values": [flattened]}. The C# tests (tests/DeepKeras.Tests/Ops, Random)
compute the same names with Keras.Ops / Keras.Random and compare dtype, shape and values."""
import json
import os

import keras
import numpy as np
import torch
from keras import ops

import golden

rng = np.random.RandomState(0)


def enc(t):
    """A tensor as JSON; non-finite floats as the strings "nan", "inf", "-inf" (JSON has no literal for them)."""
    a = ops.convert_to_numpy(t)
    values = [v if not isinstance(v, float) or np.isfinite(v) else str(v) for v in a.reshape(-1).tolist()]
    return {"dtype": keras.backend.standardize_dtype(t.dtype), "shape": list(a.shape), "values": values}


def write(case, inputs, results):
    d = golden.out_dir(case)
    entries = {k: enc(v) for k, v in results.items()}
    with open(os.path.join(d, "ops.json"), "w") as f:
        f.write('{\n"inputs": {\n')
        f.write(",\n".join(f"{json.dumps(k)}: {json.dumps(enc(v))}" for k, v in sorted(inputs.items())))
        f.write('\n},\n"results": {\n')
        f.write(",\n".join(f"{json.dumps(k)}: {json.dumps(v)}" for k, v in sorted(entries.items())))
        f.write("\n}\n}\n")


def t(a):
    return ops.convert_to_tensor(a)


# ---------------------------------------------------------------- reductions
xf = t(rng.randn(2, 3, 4).astype("float32"))
xi = t(rng.randint(-5, 6, size=(2, 3, 4)).astype("int32"))
xb = t(rng.rand(2, 3, 4) > 0.5)
xl = t(rng.randint(-5, 6, size=(2, 3)).astype("int64"))
xu = t(rng.randint(0, 6, size=(2, 3)).astype("uint8"))
xd = t(rng.randn(2, 3))  # float64
r = {}
axes = {"none": None, "0": 0, "1": 1, "m1": -1, "0_2": (0, 2)}
for an, ax in axes.items():
    for kd in (False, True):
        sfx = f"{an}_{'k' if kd else 'n'}"
        r[f"sum_f_{sfx}"] = ops.sum(xf, axis=ax, keepdims=kd)
        r[f"sum_i_{sfx}"] = ops.sum(xi, axis=ax, keepdims=kd)
        r[f"mean_f_{sfx}"] = ops.mean(xf, axis=ax, keepdims=kd)
        r[f"max_f_{sfx}"] = ops.max(xf, axis=ax, keepdims=kd)
        r[f"min_i_{sfx}"] = ops.min(xi, axis=ax, keepdims=kd)
        r[f"prod_f_{sfx}"] = ops.prod(xf, axis=ax, keepdims=kd)
        r[f"std_f_{sfx}"] = ops.std(xf, axis=ax, keepdims=kd)
        r[f"var_f_{sfx}"] = ops.var(xf, axis=ax, keepdims=kd)
        r[f"any_b_{sfx}"] = ops.any(xb, axis=ax, keepdims=kd)
        r[f"all_b_{sfx}"] = ops.all(xb, axis=ax, keepdims=kd)
        r[f"logsumexp_f_{sfx}"] = ops.logsumexp(xf, axis=ax, keepdims=kd)
for name, x in [("i", xi), ("b", xb), ("l", xl), ("u", xu), ("d", xd)]:
    r[f"sum_{name}_dtype"] = ops.sum(x)
    r[f"mean_{name}_dtype"] = ops.mean(x, axis=0)
    r[f"max_{name}_dtype"] = ops.max(x, axis=-1)
    r[f"prod_{name}_dtype"] = ops.prod(x, axis=0)
    r[f"std_{name}_dtype"] = ops.std(x, axis=0)
    r[f"var_{name}_dtype"] = ops.var(x, axis=0)
    r[f"cumsum_{name}_dtype"] = ops.cumsum(x, axis=0)
    r[f"argmax_{name}_dtype"] = ops.argmax(x, axis=0)
r["max_f_initial"] = ops.max(xf, axis=0, initial=0.5)
r["min_f_initial"] = ops.min(xf, axis=0, initial=-0.5)
for an, ax in {"none": None, "0": 0, "1": 1, "m1": -1}.items():
    for kd in (False, True):
        sfx = f"{an}_{'k' if kd else 'n'}"
        r[f"argmax_f_{sfx}"] = ops.argmax(xf, axis=ax, keepdims=kd)
        r[f"argmin_i_{sfx}"] = ops.argmin(xi, axis=ax, keepdims=kd)
for an, ax in {"none": None, "0": 0, "1": 1, "m1": -1}.items():
    r[f"cumsum_f_{an}"] = ops.cumsum(xf, axis=ax)
    r[f"cumprod_i_{an}"] = ops.cumprod(xi, axis=ax)
r["cumsum_f_dtype64"] = ops.cumsum(xf, axis=1, dtype="float64")
r["sum_f_empty_axis"] = ops.sum(xf, axis=())
write("ops_reductions", {"xf": xf, "xi": xi, "xb": xb, "xl": xl, "xu": xu, "xd": xd}, r)

# ---------------------------------------------------------------- element-wise
ef = t((rng.randn(3, 4) * 2).astype("float32"))
ep = t((rng.rand(3, 4) * 3 + 0.1).astype("float32"))
ei = t(rng.randint(-4, 5, size=(3, 4)).astype("int32"))
eb = t(rng.rand(3, 4) > 0.5)
el = t(rng.randint(0, 9, size=(3, 4)).astype("int64"))
ed = t(rng.rand(3, 4) + 0.5)
r = {}
elementwise_inputs = {"f": ef, "p": ep, "i": ei, "b": eb, "l": el, "d": ed}


def unary(op_names, input_names):
    for op_name in op_names:
        for n in input_names:
            r[f"{op_name}_{n}"] = getattr(ops, op_name)(elementwise_inputs[n])


unary(["abs", "square", "sign", "floor", "ceil", "exp", "sigmoid", "tanh", "erf", "sin", "cos", "logical_not"], "fpibld")
unary(["sqrt", "log", "log1p", "rsqrt", "expm1"], "pld")
unary(["negative", "round"], "fild")
r["round_f_1"] = ops.round(ef, decimals=1)
r["round_i_m1"] = ops.round(ei * 7, decimals=-1)
write("ops_elementwise", {"ef": ef, "ep": ep, "ei": ei, "eb": eb, "el": el, "ed": ed}, r)

# ---------------------------------------------------------------- binary (broadcasting, promotion, scalars)
a = t(rng.randn(2, 1, 3).astype("float32"))
b = t(rng.randn(4, 3).astype("float32"))
ai = t(rng.randint(-6, 7, size=(2, 1, 3)).astype("int32"))
bi = t(rng.choice([-3, -2, -1, 1, 2, 3], size=(4, 3)).astype("int32"))
bl = t(rng.randint(1, 4, size=(4, 3)).astype("int64"))
bb = t(rng.rand(4, 3) > 0.5)
bu = t(rng.randint(0, 4, size=(4, 3)).astype("uint8"))
pos = t((rng.rand(2, 1, 3) + 0.5).astype("float32"))
r = {}
pairs = {"ff": (a, b), "ii": (ai, bi), "fi": (a, bi), "il": (ai, bl), "ib": (ai, bb), "iu": (ai, bu), "bf": (bb, a)}
for pn, (x1, x2) in pairs.items():
    r[f"add_{pn}"] = ops.add(x1, x2)
    r[f"subtract_{pn}"] = ops.subtract(x1, x2)
    r[f"multiply_{pn}"] = ops.multiply(x1, x2)
    r[f"divide_{pn}"] = ops.divide(x1, x2)
    r[f"maximum_{pn}"] = ops.maximum(x1, x2)
    r[f"minimum_{pn}"] = ops.minimum(x1, x2)
    r[f"equal_{pn}"] = ops.equal(x1, x2)
    r[f"not_equal_{pn}"] = ops.not_equal(x1, x2)
    r[f"greater_{pn}"] = ops.greater(x1, x2)
    r[f"greater_equal_{pn}"] = ops.greater_equal(x1, x2)
    r[f"less_{pn}"] = ops.less(x1, x2)
    r[f"less_equal_{pn}"] = ops.less_equal(x1, x2)
    r[f"logical_and_{pn}"] = ops.logical_and(x1, x2)
    r[f"logical_or_{pn}"] = ops.logical_or(x1, x2)
    r[f"logical_xor_{pn}"] = ops.logical_xor(x1, x2)
for pn, (x1, x2) in {"ff": (a, b), "ii": (ai, bi), "fi": (a, bi), "il": (ai, bl)}.items():
    r[f"floor_divide_{pn}"] = ops.floor_divide(x1, x2)
    r[f"mod_{pn}"] = ops.mod(x1, x2)
r["true_divide_ii"] = ops.true_divide(ai, bi)
r["power_pf"] = ops.power(pos, b)
r["power_ii"] = ops.power(ai, ops.abs(bi))
r["add_i_half"] = ops.add(ai, 0.5)
r["add_i_two"] = ops.add(ai, 2)
r["add_u_two"] = ops.add(bu, 2)
r["add_b_one"] = ops.add(bb, 1)
r["multiply_f_two"] = ops.multiply(b, 2)
r["subtract_half_f"] = ops.subtract(0.5, b)
r["divide_i_two"] = ops.divide(bi, 2)
r["maximum_i_half"] = ops.maximum(bi, 0.5)
r["maximum_f_zero"] = ops.maximum(b, 0)
r["minimum_i_one"] = ops.minimum(bi, 1)
r["greater_f_zero"] = ops.greater(b, 0.0)
r["power_f_two"] = ops.power(b, 2)
r["power_i_two"] = ops.power(bi, 2)
write("ops_binary", {"a": a, "b": b, "ai": ai, "bi": bi, "bl": bl, "bb": bb, "bu": bu, "pos": pos}, r)

# ---------------------------------------------------------------- shape manipulation, selection, products
m = t(rng.randn(2, 3, 4).astype("float32"))
mi = t(rng.randint(0, 10, size=(3, 4)).astype("int32"))
cond = t(rng.rand(3, 4) > 0.5)
v = t(rng.randn(4).astype("float32"))
w = t(rng.randn(4, 5).astype("float32"))
sq = t(rng.randn(1, 3, 1, 2).astype("float32"))
r = {
    "reshape_6_4": ops.reshape(m, (6, 4)),
    "reshape_m1_2": ops.reshape(m, (-1, 2)),
    "reshape_flat": ops.reshape(m, (-1,)),
    "transpose_default": ops.transpose(m),
    "transpose_0_2_1": ops.transpose(m, (0, 2, 1)),
    "transpose_m1_0_1": ops.transpose(m, (-1, 0, 1)),
    "concatenate_0": ops.concatenate([m, m * 2], axis=0),
    "concatenate_m1": ops.concatenate([m, m[..., :2]], axis=-1),
    "concatenate_promote": ops.concatenate([mi, ops.cast(mi, "float32")], axis=0),
    "stack_0": ops.stack([mi, mi + 1], axis=0),
    "stack_m1": ops.stack([mi, mi + 1, mi + 2], axis=-1),
    "stack_1": ops.stack([mi, mi + 1], axis=1),
    "expand_dims_0": ops.expand_dims(mi, 0),
    "expand_dims_m1": ops.expand_dims(mi, -1),
    "expand_dims_0_m1": ops.expand_dims(mi, (0, -1)),
    "expand_dims_1_2": ops.expand_dims(mi, (1, 2)),
    "squeeze_all": ops.squeeze(sq),
    "squeeze_0": ops.squeeze(sq, axis=0),
    "squeeze_0_2": ops.squeeze(sq, axis=(0, 2)),
    "squeeze_m2": ops.squeeze(sq, axis=-2),
    "tile_2": ops.tile(mi, 2),
    "tile_2_1": ops.tile(mi, (2, 1)),
    "tile_2_1_3": ops.tile(mi, (2, 1, 3)),
    "repeat_2": ops.repeat(mi, 2),
    "repeat_2_0": ops.repeat(mi, 2, axis=0),
    "repeat_3_m1": ops.repeat(mi, 3, axis=-1),
    "broadcast_to": ops.broadcast_to(v, (3, 4)),
    "broadcast_to_3d": ops.broadcast_to(ops.reshape(v, (4, 1)), (2, 4, 3)),
    # Keras's torch backend wraps a negative index of the flattened tensor by x.shape[0], not the size; numpy (and
    # DeepKeras) by the size, so the flat case uses non-negative indices.
    "take_flat": ops.take(mi, t(np.array([5, 0, 11]))),
    "take_axis1": ops.take(mi, t(np.array([2, 0])), axis=1),
    "take_axis0_2d": ops.take(mi, t(np.array([[0, 2], [1, -1]])), axis=0),
    "take_axism1": ops.take(m, t(np.array([3, 1])), axis=-1),
    "take_along_axis_1": ops.take_along_axis(mi, ops.argsort(mi, axis=1), axis=1),
    "take_along_axis_0": ops.take_along_axis(mi, t(np.array([[2, 1, 0, 0]])), axis=0),
    "sort_m1": ops.sort(mi),
    "sort_0": ops.sort(mi, axis=0),
    "sort_none": ops.sort(mi, axis=None),
    "argsort_m1": ops.argsort(mi),
    "argsort_0": ops.argsort(mi, axis=0),
    "argsort_f": ops.argsort(m, axis=1),
    "where_3": ops.where(cond, mi, -mi),
    "where_promote": ops.where(cond, mi, ops.cast(mi, "float32") / 2),
    "where_scalar_int": ops.where(cond, mi, 0),
    "where_scalars": ops.where(cond, 1.0, 0),
    "where_broadcast": ops.where(cond, v, 0.0),
    "where_1": ops.where(cond),
    "clip_f": ops.clip(m, -0.5, 0.5),
    "clip_i": ops.clip(mi, 2, 7),
    "clip_i_float": ops.clip(mi, 2.5, 7.5),
    "clip_b": ops.clip(cond, 0, 1),
    "matmul_2d": ops.matmul(ops.reshape(m, (6, 4)), w),
    "matmul_batch": ops.matmul(m, w),
    "matmul_vec": ops.matmul(w.T, v),
    "matmul_vecvec": ops.matmul(v, v),
    "matmul_int": ops.matmul(mi, ops.transpose(mi)),
    "matmul_int_float": ops.matmul(mi, w),
    "einsum_bij_jk": ops.einsum("bij,jk->bik", m, w),
    "einsum_trace": ops.einsum("ii->i", ops.reshape(ops.arange(9.0), (3, 3))),
    "einsum_outer": ops.einsum("i,j->ij", v, v),
}
parts = ops.split(m, 2, axis=-1)
for i, p in enumerate(parts):
    r[f"split_2_m1_{i}"] = p
parts = ops.split(mi, [1, 3], axis=1)
for i, p in enumerate(parts):
    r[f"split_idx_1_3_{i}"] = p
vals, idx = ops.top_k(m, 2)
r["top_k_values"] = vals
r["top_k_indices"] = idx
vals, idx = ops.top_k(v, 3, sorted=True)
r["top_k_v_values"] = vals
r["top_k_v_indices"] = idx
write("ops_shape", {"m": m, "mi": mi, "cond": cond, "v": v, "w": w, "sq": sq}, r)

# ---------------------------------------------------------------- nn
n = t((rng.randn(3, 5) * 3).astype("float32"))
n3 = t(rng.randn(2, 3, 4).astype("float32"))
ids = t(np.array([[0, 3, -1], [2, 4, 1]], dtype="int32"))
probs = t(rng.rand(4, 3).astype("float32") * 0.98 + 0.01)
targets = t((rng.rand(4, 3) > 0.5).astype("float32"))
logits = t(rng.randn(4, 3).astype("float32") * 2)
onehot = ops.one_hot(t(np.array([0, 2, 1, 2])), 3)
labels = t(np.array([0, 2, 1, 2], dtype="int32"))
soft = ops.softmax(logits)
r = {
    "relu": ops.relu(n),
    "relu6": ops.relu6(n),
    "sigmoid": ops.sigmoid(n),
    "hard_sigmoid": ops.hard_sigmoid(n),
    "softplus": ops.softplus(n),
    "softsign": ops.softsign(n),
    "silu": ops.silu(n),
    "selu": ops.selu(n),
    "elu": ops.elu(n),
    "elu_alpha": ops.elu(n, alpha=0.5),
    "leaky_relu": ops.leaky_relu(n),
    "leaky_relu_01": ops.leaky_relu(n, negative_slope=0.1),
    "gelu": ops.gelu(n),
    "gelu_exact": ops.gelu(n, approximate=False),
    "softmax": ops.softmax(n),
    "softmax_0": ops.softmax(n, axis=0),
    "softmax_3d_1": ops.softmax(n3, axis=1),
    "log_softmax": ops.log_softmax(n),
    "log_softmax_0": ops.log_softmax(n3, axis=0),
    "relu_int": ops.relu(ids),
    "sigmoid_int": ops.sigmoid(ids),
    "one_hot": ops.one_hot(ids, 5),
    "one_hot_axis0": ops.one_hot(ids, 5, axis=0),
    "one_hot_axis1": ops.one_hot(ids, 5, axis=1),
    "one_hot_int32": ops.one_hot(ids, 5, dtype="int32"),
    "binary_crossentropy": ops.binary_crossentropy(targets, probs),
    "binary_crossentropy_logits": ops.binary_crossentropy(targets, logits, from_logits=True),
    "categorical_crossentropy": ops.categorical_crossentropy(onehot, soft),
    "categorical_crossentropy_logits": ops.categorical_crossentropy(onehot, logits, from_logits=True),
    "categorical_crossentropy_unnormalized": ops.categorical_crossentropy(onehot, probs),
    "categorical_crossentropy_axis0": ops.categorical_crossentropy(ops.transpose(onehot), ops.transpose(soft), axis=0),
    "sparse_categorical_crossentropy": ops.sparse_categorical_crossentropy(labels, soft),
    "sparse_categorical_crossentropy_logits": ops.sparse_categorical_crossentropy(labels, logits, from_logits=True),
    "sparse_categorical_crossentropy_column": ops.sparse_categorical_crossentropy(ops.expand_dims(labels, -1), soft),
}
write("ops_nn", {"n": n, "n3": n3, "ids": ids, "probs": probs, "targets": targets, "logits": logits, "labels": labels}, r)

# ---------------------------------------------------------------- creation, core, norms
c = t(rng.randn(3, 4).astype("float32"))
ci = t(rng.randint(-3, 4, size=(3, 4)).astype("int32"))
cl = t(rng.randint(-3, 4, size=(3, 4)).astype("int64"))
c3 = t(rng.randn(2, 3, 4).astype("float32"))
cf = t(np.array([1.7, -1.7, 2.5, -0.2, 0.0], dtype="float32"))
r = {
    "ones": ops.ones((2, 3)),
    "ones_int": ops.ones((2,), dtype="int32"),
    "zeros": ops.zeros((3,)),
    "zeros_bool": ops.zeros((2, 2), dtype="bool"),
    "ones_like_i": ops.ones_like(ci),
    "ones_like_f16": ops.ones_like(ci, dtype="float16"),
    "zeros_like_f": ops.zeros_like(c),
    "full": ops.full((2, 3), 3),
    "full_int": ops.full((2,), 7, dtype="int32"),
    "full_like_i": ops.full_like(ci, 5),
    "full_like_f": ops.full_like(c, 0.25),
    "arange_5": ops.arange(5),
    "arange_2_9_3": ops.arange(2, 9, 3),
    "arange_float": ops.arange(0, 3, 0.5),
    "arange_neg": ops.arange(5, 0, -2),
    "arange_float_stop": ops.arange(2.5),
    "arange_dtype": ops.arange(4, dtype="float32"),
    "eye_3": ops.eye(3),
    "eye_2_4_1": ops.eye(2, 4, k=1),
    "eye_3_m1_int": ops.eye(3, k=-1, dtype="int32"),
    "cast_int": ops.cast(cf, "int32"),
    "cast_bool": ops.cast(cf, "bool"),
    "cast_uint8": ops.cast(ops.abs(cf), "uint8"),
    "cast_float64": ops.cast(ci, "float64"),
    "cast_int64": ops.cast(ci, "int64"),
    "convert_list_int": ops.convert_to_tensor([1, 2, 3]),
    "convert_list_float": ops.convert_to_tensor([1.5, 2.0]),
    "convert_np_int32": ops.convert_to_tensor(np.array([[1, 2], [3, 4]], dtype="int32")),
    "convert_np_float64": ops.convert_to_tensor(np.array([0.1, 0.2])),
    "convert_np_int64": ops.convert_to_tensor(np.array([7, 8], dtype="int64")),
    "convert_scalar_float": ops.convert_to_tensor(2.5),
    "convert_scalar_int": ops.convert_to_tensor(3),
    "convert_scalar_bool": ops.convert_to_tensor(True),
    "convert_dtype": ops.convert_to_tensor(np.array([1, 2], dtype="int32"), dtype="float32"),
    "norm": ops.norm(c),
    "norm_axis1": ops.norm(c, axis=1),
    "norm_axis0_k": ops.norm(c, axis=0, keepdims=True),
    "norm_ord1_axis1": ops.norm(c, ord=1, axis=1),
    "norm_ordinf_axis1": ops.norm(c, ord=float("inf"), axis=1),
    "norm_ord1_matrix": ops.norm(c, ord=1),
    "norm_ord2_matrix": ops.norm(c, ord=2),
    "norm_fro": ops.norm(c, ord="fro"),
    "norm_nuc": ops.norm(c, ord="nuc"),
    "norm_3d_axes": ops.norm(c3, axis=(1, 2)),
    "norm_3d_none": ops.norm(c3),
    "norm_int": ops.norm(ci, axis=1),
    "norm_int64": ops.norm(cl, axis=1),
    "norm_vec_ord3": ops.norm(ops.reshape(c, (-1,)), ord=3),
    "norm_vec_ord0": ops.norm(ops.reshape(ci, (-1,)), ord=0),
    "stop_gradient": ops.stop_gradient(c),
}
write("ops_core", {"c": c, "ci": ci, "cl": cl, "c3": c3, "cf": cf}, r)

# ---------------------------------------------------------------- random
rx = t(rng.randn(4, 6).astype("float32"))
r3 = t(np.arange(24, dtype="float32").reshape(2, 3, 4))
lg = t(np.array([[0.0, 1.0, 2.0], [2.0, 0.0, -1.0]], dtype="float32"))
r = {
    "normal_1": keras.random.normal((3, 4), seed=1),
    "normal_42_mean_std": keras.random.normal((5,), mean=2.0, stddev=0.5, seed=42),
    "normal_7_float64": keras.random.normal((4,), seed=7, dtype="float64"),
    "normal_big": keras.random.normal((40,), seed=3),
    "uniform_1": keras.random.uniform((3, 4), seed=1),
    "uniform_5_range": keras.random.uniform((6,), minval=-2.0, maxval=3.0, seed=5),
    "truncated_normal_1": keras.random.truncated_normal((3, 5), seed=1),
    "truncated_normal_9": keras.random.truncated_normal((50,), mean=1.0, stddev=2.0, seed=9),
    "randint_1": keras.random.randint((3, 4), 0, 10, seed=1),
    "randint_int64": keras.random.randint((5,), -3, 3, seed=2, dtype="int64"),
    "categorical_1": keras.random.categorical(lg, 6, seed=1),
    "dropout_seed": keras.random.dropout(rx, 0.5, seed=11),
    "dropout_noise_shape": keras.random.dropout(rx, 0.25, noise_shape=(1, 6), seed=4),
    "dropout_noise_shape_none": keras.random.dropout(rx, 0.25, noise_shape=(None, 1), seed=4),
    "dropout_rate1": keras.random.dropout(rx, 1.0, seed=1),
    "shuffle_0": keras.random.shuffle(r3, seed=3),
    "shuffle_1": keras.random.shuffle(r3, axis=1, seed=3),
    "shuffle_2": keras.random.shuffle(r3, axis=2, seed=5),
    "shuffle_negative_seed": keras.random.shuffle(ops.arange(8), seed=-5),
}
g = keras.random.SeedGenerator(1337)
r["seed_generator_first"] = keras.random.normal((2, 3), seed=g)
g2 = keras.random.SeedGenerator(20)
r["seed_generator_dropout_first"] = keras.random.dropout(rx, 0.5, seed=g2)
keras.utils.set_random_seed(123)
r["global_dropout_after_set_random_seed"] = keras.random.dropout(rx, 0.5)
write("random_seeded", {"rx": rx, "r3": r3, "lg": lg}, r)

# ---------------------------------------------------------------- keras.backend.result_type over dtype pairs
names = ["bool", "uint8", "int8", "int16", "int32", "int64", "bfloat16", "float16", "float32", "float64"]
table = {}
for d1 in names + ["int", "float"]:
    for d2 in names + ["int", "float"]:
        a1 = {"int": int, "float": float}.get(d1, d1)
        a2 = {"int": int, "float": float}.get(d2, d2)
        try:
            table[f"{d1},{d2}"] = keras.backend.result_type(a1, a2)
        except ValueError as e:
            table[f"{d1},{d2}"] = "error"
for d in names + ["int", "float"]:
    table[d] = keras.backend.result_type({"int": int, "float": float}.get(d, d))
golden.save_json(golden.out_dir("ops_result_type"), "result_type", table)
