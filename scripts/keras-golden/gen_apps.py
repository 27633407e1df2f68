"""Applications beyond VGG16: VGG19, ResNet50/101/152, MobileNetV2, Xception, their preprocessing and decoding.

Cases (tests/DeepKeras.Tests/Data/keras3/apps_*):
- apps_<arch>_summary: summary.txt / summary_notop.txt of keras.applications.X(weights=None) (default input size)
  and counts.json (parameter counts with and without the top, layer names, model names).
- apps_<arch>_model: a Keras-built instance at a small input size whose weights are set to a deterministic
  pattern (see `pattern_weights`), saved by Keras three ways: model.keras, model.weights.h5 (save_weights) and
  legacy.h5 (the legacy HDF5 weights layout of Keras's pretrained files), each gzip-compressed (.gz) because the
  pattern repeats every 4,093 values and compresses ~100x, which keeps even ResNet50's 100 MB of weights to a few
  hundred KB; plus x.npy (raw 0-255 images), x_pre.npy (Keras's preprocess_input of x) and y.npy (predictions).
- apps_relu: the ReLU layer (MobileNetV2's ReLU(6.0)) on a fixed input for several configurations, with configs.
- apps_preprocess: imagenet_utils.preprocess_input in the caffe/tf/torch modes, channels_last and channels_first.
- apps_decode: decode_predictions with a synthetic class index (Keras caches it in CLASS_INDEX; the real file is a
  download, not shipped).
"""
import gzip
import os

import h5py
import keras
import numpy as np
from keras.src.applications import imagenet_utils
from keras.src.legacy.saving import legacy_h5_format

import golden

TABLE = np.random.RandomState(1234).uniform(-1.0, 1.0, 509).astype("float32")


def pattern_weights(model):
    """Sets every variable to a slice of a fixed random table: kernels LeCun-uniform scaled, BN near identity."""
    for i, v in enumerate(model.weights):
        n = int(np.prod(v.shape))
        t = TABLE[(np.arange(n) + (i * 977)) % TABLE.size].reshape(v.shape)
        name = v.path.split("/")[-1]
        if name in ("kernel", "depthwise_kernel", "pointwise_kernel"):
            shape = v.shape
            fan_in = shape[0] * shape[1] if name == "depthwise_kernel" else int(np.prod(shape[:-1]))
            value = t * np.sqrt(3.0 / fan_in) * GAIN
        elif name == "gamma":
            value = 1.0 + 0.2 * t
        elif name == "moving_variance":
            value = 1.0 + 0.5 * np.abs(t)
        else:  # bias, beta, moving_mean
            value = 0.1 * t
        v.assign(value.astype("float32"))


def gz(path):
    """Compresses a file with gzip twice (<name>.gz.gz): the first pass turns the periodic weights into a run of
    near-identical back-references, which the second pass squeezes again (ResNet50's 100 MB end near 100 KB)."""
    with open(path, "rb") as src:
        data = src.read()
    for _ in range(2):
        data = gzip.compress(data, compresslevel=9, mtime=0)
    with open(path + ".gz.gz", "wb") as dst:
        dst.write(data)
    os.remove(path)


def summary_case(arch, fn, line_length, **kw):
    d = golden.out_dir(f"apps_{arch}_summary")
    keras.backend.clear_session()
    top = fn(weights=None, **kw)
    golden.save_text(d, "summary", golden.summary_text(top, line_length))
    keras.backend.clear_session()
    notop = fn(weights=None, include_top=False, **kw)
    golden.save_text(d, "summary_notop", golden.summary_text(notop, line_length))
    golden.save_json(d, "counts", {
        "name": top.name,
        "params": top.count_params(),
        "layers": [l.name for l in top.layers],
        "input_shape": list(top.input_shape),
        "output_shape": list(top.output_shape),
        "notop_name": notop.name,
        "notop_params": notop.count_params(),
        "notop_output_shape": list(notop.output_shape),
    })


def model_case(arch, fn, preprocess, input_shape, **kw):
    global GAIN
    d = golden.out_dir(f"apps_{arch}_model")
    keras.backend.clear_session()
    keras.utils.set_random_seed(7)
    model = fn(weights=None, input_shape=input_shape, **kw)
    GAIN = GAINS[arch]
    pattern_weights(model)
    x = np.random.RandomState(0).uniform(0, 255, (2,) + input_shape).astype("float32")
    x_pre = preprocess(x.copy())
    # Scale the classifier so the logits have a standard deviation of about 3: neither uniform nor one-hot softmax.
    top = model.get_layer("predictions")
    features = keras.Model(model.inputs, top.input).predict(x_pre, verbose=0)
    kernel, bias = top.get_weights()
    scale = 3.0 / (features @ kernel + bias).std()
    top.set_weights([kernel * scale, bias * scale])
    y = model.predict(x_pre, verbose=0)
    print(arch, "prediction max", y.max(-1), "argmax", y.argmax(-1), model.name, model.count_params())
    golden.save_npy(d, "x", x)
    golden.save_npy(d, "x_pre", x_pre)
    golden.save_npy(d, "y", y)
    golden.save_json(d, "info", {"name": model.name, "params": model.count_params(), "input_shape": list(input_shape)})
    model.save(os.path.join(d, "model.keras"))
    model.save_weights(os.path.join(d, "model.weights.h5"))
    with h5py.File(os.path.join(d, "legacy.h5"), "w") as f:
        legacy_h5_format.save_weights_to_hdf5_group(f, model)
    for f in ("model.keras", "model.weights.h5", "legacy.h5"):
        gz(os.path.join(d, f))


A = keras.applications
GAINS = {"vgg19": 1.4, "resnet50": 1.0, "mobilenetv2": 1.0, "xception": 1.0}
GAIN = 1.0

# --- ReLU layer -------------------------------------------------------------------------------------------------
d = golden.out_dir("apps_relu")
rx = np.array([[-10.0, -5.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0, 5.0, 6.0, 7.5, 10.0]], dtype="float32")
golden.save_npy(d, "x", rx)
relu_configs = {
    "default": {},
    "relu6": {"max_value": 6.0},
    "slope": {"negative_slope": 0.5},
    "slope_max": {"max_value": 10.0, "negative_slope": 0.5},
    "threshold": {"threshold": 5.0},
    "all": {"max_value": 8.0, "negative_slope": 0.25, "threshold": 1.0},
    "max4": {"max_value": 4},
}
for key, cfg in relu_configs.items():
    layer = keras.layers.ReLU(**cfg, name=f"relu_{key}")
    golden.save_npy(d, f"y_{key}", layer(rx))
    golden.save_json(d, f"config_{key}", layer.get_config())

# --- preprocess_input -------------------------------------------------------------------------------------------
d = golden.out_dir("apps_preprocess")
img = np.random.RandomState(3).randint(0, 256, (2, 3, 4, 3)).astype("uint8")
golden.save_npy(d, "x", img)
for mode in ("caffe", "tf", "torch"):
    golden.save_npy(d, f"{mode}_last", imagenet_utils.preprocess_input(img.copy(), mode=mode))
    cf = np.transpose(img, (0, 3, 1, 2)).astype("float32")
    golden.save_npy(d, f"{mode}_first", imagenet_utils.preprocess_input(cf.copy(), data_format="channels_first", mode=mode))
    golden.save_npy(d, f"{mode}_first3", imagenet_utils.preprocess_input(cf[0].copy(), data_format="channels_first", mode=mode))
for fam, mod in (("vgg19", A.vgg19), ("resnet", A.resnet), ("resnet50", A.resnet50), ("mobilenet_v2", A.mobilenet_v2),
                 ("xception", A.xception)):
    golden.save_npy(d, f"family_{fam}", mod.preprocess_input(img.astype("float32")))

# --- decode_predictions -----------------------------------------------------------------------------------------
d = golden.out_dir("apps_decode")
imagenet_utils.CLASS_INDEX = {str(i): [f"n{i:08d}", f"class_{i}"] for i in range(1000)}
preds = np.random.RandomState(5).dirichlet(np.ones(1000) * 0.1, size=3).astype("float32")
golden.save_npy(d, "preds", preds)
golden.save_json(d, "class_index", imagenet_utils.CLASS_INDEX)
for top in (5, 3, 1):
    decoded = A.resnet50.decode_predictions(preds, top=top)
    golden.save_json(d, f"top{top}", [[[w, n, float(s)] for (w, n, s) in row] for row in decoded])

# --- architectures ----------------------------------------------------------------------------------------------
summary_case("vgg19", A.VGG19, 88)
summary_case("resnet50", A.ResNet50, 108)
summary_case("mobilenetv2", A.MobileNetV2, 108)
summary_case("xception", A.Xception, 108)

d = golden.out_dir("apps_counts")
counts = {}
for name, fn in (("resnet101", A.ResNet101), ("resnet152", A.ResNet152)):
    for top in (True, False):
        keras.backend.clear_session()
        counts[f"{name}_{top}"] = fn(weights=None, include_top=top).count_params()
for alpha in (0.35, 0.5, 0.75, 1.0, 1.3, 1.4):
    for top in (True, False):
        keras.backend.clear_session()
        m = A.MobileNetV2(weights=None, include_top=top, alpha=alpha, input_shape=(96, 96, 3))
        counts[f"mobilenetv2_{alpha}_{top}"] = m.count_params()
        counts[f"mobilenetv2_{alpha}_{top}_name"] = m.name
for shape in ((128, 128, 3), (100, 100, 3), (128, 96, 3)):
    keras.backend.clear_session()
    counts[f"mobilenetv2_name_{shape[0]}x{shape[1]}"] = A.MobileNetV2(weights=None, include_top=False, input_shape=shape).name
golden.save_json(d, "counts", counts)

model_case("vgg19", A.VGG19, A.vgg19.preprocess_input, (32, 32, 3))
model_case("resnet50", A.ResNet50, A.resnet50.preprocess_input, (32, 32, 3))
model_case("mobilenetv2", A.MobileNetV2, A.mobilenet_v2.preprocess_input, (40, 40, 3))
model_case("xception", A.Xception, A.xception.preprocess_input, (71, 71, 3))
