"""Layers of issue 14 item 7: activations, normalization, reshaping, regularization and preprocessing layers.

Each case is a tiny Sequential model around one layer: model.keras, the input x.npy, Keras's prediction y.npy,
layer_config.json (the layer serialized by keras.saving.serialize_keras_object) and, where the layer does something
in training only or adds a loss, train.npy / loss.npy from a direct call.
"""
import keras
import numpy as np
from keras import layers

import golden

rng = np.random.RandomState(11)


def floats(*shape, scale=2.0):
    return (rng.uniform(-1.0, 1.0, size=shape) * scale).astype("float32")


def save_case(case, layer, input_shape, x, dtype="float32", before=None):
    """A model Input -> [before] -> layer, its prediction on x, the layer's config and the saved file."""
    d = golden.out_dir(case)
    stack = [keras.Input(input_shape, dtype=dtype)] + ([before] if before is not None else []) + [layer]
    model = keras.Sequential(stack, name=case)
    golden.save_npy(d, "x", x)
    golden.save_npy(d, "y", model.predict(x, verbose=0))
    golden.save_json(d, "layer_config", keras.saving.serialize_keras_object(layer))
    golden.save_text(d, "summary", golden.summary_text(model))
    model.save(d + "/model.keras")
    return d


keras.utils.set_random_seed(3)
x2 = floats(3, 5)
x3 = floats(2, 4, 6)

save_case("layers_relu", layers.ReLU(name="relu"), (5,), x2)
save_case("layers_relu_options", layers.ReLU(max_value=1.5, negative_slope=0.25, threshold=0.5, name="relu_opts"), (5,), x2)
save_case("layers_relu6", layers.ReLU(max_value=6.0, name="relu6"), (5,), x2 * 5)
save_case("layers_leaky_relu_alpha", layers.LeakyReLU(alpha=0.2, name="leaky"), (5,), x2)
save_case("layers_softmax", layers.Softmax(name="softmax"), (4, 6), x3)
save_case("layers_softmax_axes", layers.Softmax(axis=[-2, -1], name="softmax2"), (4, 6), x3)
save_case("layers_elu", layers.ELU(alpha=0.5, name="elu"), (5,), x2)
save_case("layers_identity", layers.Identity(name="ident"), (4, 6), x3)
save_case("layers_permute", layers.Permute((2, 1), name="perm"), (4, 6), x3)
save_case("layers_rescaling", layers.Rescaling(1.0 / 127.5, offset=-1.0, name="rescale"), (5,),
          rng.randint(0, 256, size=(3, 5)).astype("float32"))
save_case("layers_unit_norm", layers.UnitNormalization(name="unit"), (4, 6), x3)
save_case("layers_unit_norm_axes", layers.UnitNormalization(axis=[1, 2], name="unit2"), (4, 6), x3)

g = layers.GroupNormalization(groups=3, epsilon=1e-3, name="group")
d = save_case("layers_group_norm", g, (4, 6), x3)
g.set_weights([floats(6), floats(6)])
m = keras.Sequential([keras.Input((4, 6)), g], name="layers_group_norm")
golden.save_npy(d, "y", m.predict(x3, verbose=0))
m.save(d + "/model.keras")

g = layers.GroupNormalization(groups=-1, axis=1, center=False, name="instance")
save_case("layers_group_norm_instance", g, (4, 6), x3)

a = layers.ActivityRegularization(l1=0.01, l2=0.02, name="act_reg")
d = save_case("layers_activity_reg", a, (5,), x2)
a(x2)
golden.save_npy(d, "loss", np.array(float(keras.ops.convert_to_numpy(a.losses[0]))))

a = layers.AlphaDropout(0.3, seed=5, name="alpha_drop")
d = save_case("layers_alpha_dropout", a, (5,), x2)
fresh = layers.AlphaDropout(0.3, seed=5, name="alpha_drop")
golden.save_npy(d, "train", keras.ops.convert_to_numpy(fresh(x2, training=True)))

ids = np.array([[0, 1], [0, 0], [1, 2], [3, 1]], dtype="int32")
save_case("layers_category_multi_hot", layers.CategoryEncoding(num_tokens=4, name="cat"), (2,), ids, dtype="int32")
save_case("layers_category_count", layers.CategoryEncoding(num_tokens=5, output_mode="count", name="cat_count"), (2,), ids,
          dtype="int32")
save_case("layers_category_one_hot", layers.CategoryEncoding(num_tokens=4, output_mode="one_hot", name="cat_one"), (1,),
          np.array([[3], [0], [2]], dtype="int32"), dtype="int32")

# Normalization: adapted on one array inside a model, adapted on batches, given statistics (inverted), axis=None.
data = (rng.randn(40, 3) * np.array([1.0, 3.0, 0.5]) + np.array([2.0, -1.0, 10.0])).astype("float32")
d = golden.out_dir("layers_normalization_adapt")
norm = layers.Normalization(name="norm")
m = keras.Sequential([keras.Input((3,)), norm], name="layers_normalization_adapt")
norm.adapt(data)
golden.save_npy(d, "adapt", data)
golden.save_npy(d, "x", data[:5])
golden.save_npy(d, "y", m.predict(data[:5], verbose=0))
golden.save_json(d, "layer_config", keras.saving.serialize_keras_object(norm))
golden.save_text(d, "summary", golden.summary_text(m))
m.save(d + "/model.keras")

# Keras's adapt on a list of batches needs TensorFlow here (its isinstance check imports tf.data); its running
# combination equals the statistics of all batches together, which numpy gives.
d = golden.out_dir("layers_normalization_batches")
batches = [floats(5, 2, 3), floats(3, 2, 3) + 1.0, floats(7, 2, 3) * 3.0]
for i, b in enumerate(batches):
    golden.save_npy(d, f"batch{i}", b)
golden.save_npy(d, "mean", np.concatenate(batches).mean(axis=0))
golden.save_npy(d, "variance", np.concatenate(batches).var(axis=0))

save_case("layers_normalization_given", layers.Normalization(mean=[1.0, -2.0, 0.5], variance=[4.0, 0.25, 1.0], invert=True,
                                                              name="denorm"), (3,), floats(4, 3))
save_case("layers_normalization_none", layers.Normalization(axis=None, mean=2.0, variance=9.0, name="norm_all"), (4, 6), x3)
