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
