"""Image preprocessing: keras.ops.image ops and the image preprocessing/augmentation layers (case prefix imageprep_).
Each case folder holds the inputs and what Keras 3 (torch backend) returns, as .npy; layer cases also hold the
layer/model config (config.json) and a saved model (model.keras). The C# tests (tests/DeepKeras.Tests/Layers/Preprocessing,
tests/DeepKeras.Tests/Ops/ImageOpsGoldenTests.cs) compute the same with DeepKeras and compare."""
import keras
import numpy as np
from keras import ops

import golden

rng = np.random.RandomState(0)


# ---------------------------------------------------------------- keras.ops.image.resize
def resize_case():
    d = golden.out_dir("imageprep_resize")
    x = rng.rand(2, 5, 7, 3).astype("float32")
    golden.save_npy(d, "x", x)
    xu = rng.randint(0, 256, size=(1, 6, 4, 2)).astype("uint8")
    golden.save_npy(d, "xu8", xu)
    out = {}
    for interp in ("bilinear", "nearest", "bicubic"):
        for aa in (False, True):
            sfx = f"{interp}_{'aa' if aa else 'noaa'}"
            out[f"down_{sfx}"] = ops.image.resize(x, (3, 4), interpolation=interp, antialias=aa)
            out[f"up_{sfx}"] = ops.image.resize(x, (8, 9), interpolation=interp, antialias=aa)
        out[f"crop_{interp}"] = ops.image.resize(x, (4, 4), interpolation=interp, crop_to_aspect_ratio=True)
        out[f"croptall_{interp}"] = ops.image.resize(x, (6, 2), interpolation=interp, crop_to_aspect_ratio=True)
        out[f"pad_{interp}"] = ops.image.resize(x, (4, 4), interpolation=interp, pad_to_aspect_ratio=True,
                                                fill_value=0.5)
        out[f"padwide_{interp}"] = ops.image.resize(x, (2, 6), interpolation=interp, pad_to_aspect_ratio=True)
        out[f"u8_{interp}"] = ops.image.resize(xu, (4, 3), interpolation=interp)
    out["single_bilinear"] = ops.image.resize(x[0], (3, 4))
    out["channels_first_bilinear"] = ops.image.resize(np.transpose(x, (0, 3, 1, 2)), (3, 4),
                                                      data_format="channels_first")
    for k, v in out.items():
        golden.save_npy(d, k, ops.convert_to_numpy(v))


resize_case()


# ---------------------------------------------------------------- keras.ops.image.affine_transform
def affine_case():
    d = golden.out_dir("imageprep_affine")
    x = rng.rand(2, 5, 6, 2).astype("float32")
    golden.save_npy(d, "x", x)
    c, s = np.cos(0.4), np.sin(0.4)
    t = np.array([[c, -s, 1.3, s, c, -0.7, 0, 0], [1.2, 0.1, -0.6, -0.2, 0.9, 0.8, 0, 0]], "float32")
    golden.save_npy(d, "t", t)
    for interp in ("bilinear", "nearest"):
        for fm in ("constant", "nearest", "wrap", "mirror", "reflect"):
            y = ops.image.affine_transform(x, t, interpolation=interp, fill_mode=fm, fill_value=0.25)
            golden.save_npy(d, f"{interp}_{fm}", ops.convert_to_numpy(y))
    y = ops.image.affine_transform(np.transpose(x, (0, 3, 1, 2)), t, data_format="channels_first")
    golden.save_npy(d, "channels_first", ops.convert_to_numpy(y))
    golden.save_npy(d, "single", ops.convert_to_numpy(ops.image.affine_transform(x[1], t[1])))


affine_case()


# ---------------------------------------------------------------- layers
def layer_case(case, layer, shape, x, train_calls=2, extra=None):
    """A Sequential(Input, layer) saved as model.keras, the layer config, the inference output of the model (y_infer)
    and, for random layers, `train_calls` successive training-mode calls of a fresh copy with the same seed (y_train0,
    y_train1, ...)."""
    d = golden.out_dir(case)
    golden.save_npy(d, "x", x)
    model = keras.Sequential([keras.Input(shape), layer])
    model.save(d + "/model.keras")
    golden.save_json(d, "layer_config", keras.saving.serialize_keras_object(layer))
    golden.save_npy(d, "y_infer", ops.convert_to_numpy(model.predict(x, verbose=0)))
    if train_calls:
        fresh = layer.__class__.from_config(layer.get_config())
        for i in range(train_calls):
            golden.save_npy(d, f"y_train{i}", ops.convert_to_numpy(fresh(x, training=True)))
    for k, v in (extra or {}).items():
        golden.save_npy(d, k, ops.convert_to_numpy(v))


img = rng.rand(3, 5, 7, 2).astype("float32")
L = keras.layers
layer_case("imageprep_resizing", L.Resizing(3, 4), (5, 7, 2), img, 0, {
    "bicubic_crop": L.Resizing(4, 4, interpolation="bicubic", crop_to_aspect_ratio=True)(img),
    "nearest_pad": L.Resizing(4, 4, interpolation="nearest", pad_to_aspect_ratio=True, fill_value=1.0)(img),
    "aa_down": L.Resizing(2, 3, antialias=True)(img),
})
layer_case("imageprep_center_crop", L.CenterCrop(3, 4), (5, 7, 2), img, 0, {
    "larger": L.CenterCrop(6, 8)(img),
    "taller": L.CenterCrop(6, 4)(img),
    "single": L.CenterCrop(2, 3)(img[0]),
})
layer_case("imageprep_random_flip", L.RandomFlip(seed=1337), (5, 7, 2), img, 3, {
    "horizontal": L.RandomFlip("horizontal", seed=7)(img, training=True),
    "vertical": L.RandomFlip("vertical", seed=7)(img, training=True),
})
layer_case("imageprep_random_rotation", L.RandomRotation(0.2, seed=42), (5, 7, 2), img, 2, {
    "constant_nearest": L.RandomRotation((-0.3, 0.1), fill_mode="constant", interpolation="nearest", fill_value=0.5,
                                         seed=3)(img, training=True),
    "wrap": L.RandomRotation(0.25, fill_mode="wrap", seed=5)(img, training=True),
    "nearest": L.RandomRotation(0.25, fill_mode="nearest", seed=5)(img, training=True),
})
layer_case("imageprep_random_zoom", L.RandomZoom((-0.3, 0.2), width_factor=0.25, seed=11), (5, 7, 2), img, 2, {
    "height_only": L.RandomZoom(0.4, seed=12, fill_mode="constant")(img, training=True),
})
layer_case("imageprep_random_translation", L.RandomTranslation(0.2, (-0.1, 0.3), seed=21), (5, 7, 2), img, 2, {
    "constant": L.RandomTranslation(0.3, 0.3, fill_mode="constant", fill_value=0.5, seed=22,
                                    interpolation="nearest")(img, training=True),
})
layer_case("imageprep_random_contrast", L.RandomContrast(0.5, value_range=(0, 1), seed=31), (5, 7, 2), img, 2, {
    "pair": L.RandomContrast((0.2, 0.6), seed=32)(img * 255, training=True),
})


# ---------------------------------------------------------------- Discretization
def adapt(layer, batches):
    """Discretization.adapt without TensorFlow (its isinstance check on tf.data needs it): the same reset, per-batch
    update_state and finalize_state that adapt runs."""
    layer.reset_state()
    for b in batches:
        layer.update_state(b)
    layer.finalize_state()


def discretization_cases():
    d = golden.out_dir("imageprep_discretization")
    x = np.array([[-2.0, -1.0, 0.2], [0.0, 0.5, 3.0], [1.9, 2.0, -0.5], [0.5, 0.5, 0.5]], "float32")
    golden.save_npy(d, "x", x)
    bounds = [-1.0, 0.0, 0.5, 2.0]
    layer = L.Discretization(bin_boundaries=bounds, name="disc")
    model = keras.Sequential([keras.Input((3,)), layer])
    model.save(d + "/model.keras")
    golden.save_json(d, "layer_config", keras.saving.serialize_keras_object(layer))
    golden.save_npy(d, "y_infer", ops.convert_to_numpy(model.predict(x, verbose=0)))
    for mode in ("int", "one_hot", "multi_hot", "count"):
        golden.save_npy(d, mode, ops.convert_to_numpy(L.Discretization(bin_boundaries=bounds, output_mode=mode)(x)))
    golden.save_npy(d, "one_hot_col", ops.convert_to_numpy(
        L.Discretization(bin_boundaries=bounds, output_mode="one_hot")(x[:, :1])))
    golden.save_npy(d, "count_row", ops.convert_to_numpy(L.Discretization(bin_boundaries=bounds, output_mode="count")(x[1])))

    d = golden.out_dir("imageprep_discretization_adapt")
    data = rng.randn(1000).astype("float32") * 3 + 1
    golden.save_npy(d, "data", data)
    layer = L.Discretization(num_bins=4, name="quartiles")
    adapt(layer, [data])
    golden.save_npy(d, "bounds_4", np.array(layer.bin_boundaries, "float32"))
    xq = np.array([[-5.0], [0.0], [1.0], [2.5], [9.0]], "float32")
    golden.save_npy(d, "x", xq)
    model = keras.Sequential([keras.Input((1,)), layer])
    model.save(d + "/model.keras")
    golden.save_json(d, "layer_config", keras.saving.serialize_keras_object(layer))
    golden.save_npy(d, "y_infer", ops.convert_to_numpy(model.predict(xq, verbose=0)))
    small = rng.rand(37).astype("float32")
    golden.save_npy(d, "small", small)
    l2 = L.Discretization(num_bins=5, epsilon=0.1)
    adapt(l2, [small])
    golden.save_npy(d, "bounds_small", np.array(l2.bin_boundaries, "float32"))
    batches = [rng.rand(50, 2).astype("float32") * (i + 1) for i in range(3)]
    for i, b in enumerate(batches):
        golden.save_npy(d, f"batch{i}", b)
    l3 = L.Discretization(num_bins=3, output_mode="one_hot")
    adapt(l3, batches)
    golden.save_npy(d, "bounds_batches", np.array(l3.bin_boundaries, "float32"))


discretization_cases()
