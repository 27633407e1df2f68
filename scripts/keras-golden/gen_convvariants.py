"""The 1-D and 3-D convolution, padding, upsampling, cropping and spatial-dropout variants: for each case a tiny
Sequential model (Input + the layer, non-default arguments) saved as model.keras, a fixed input and Keras's output,
the layer's config, the summary and the parameter count. The C# tests (ConvVariantsGoldenTests) load and predict the
file, and build the same layer in DeepKeras to compare its config and summary."""
import keras
import numpy as np
from keras import layers as L

import golden

RND = "random_normal"

# case -> (input shape without the batch axis, layer factory). Names are fixed so summaries line up.
CASES = {
    "convvar_conv1d_transpose_same": ((5, 3), lambda: L.Conv1DTranspose(
        4, 3, strides=2, padding="same", bias_initializer=RND, activation="tanh", name="layer")),
    "convvar_conv1d_transpose_valid_cf": ((2, 6), lambda: L.Conv1DTranspose(
        3, 2, padding="valid", dilation_rate=2, data_format="channels_first", bias_initializer=RND, name="layer")),
    "convvar_conv1d_transpose_outpad": ((4, 2), lambda: L.Conv1DTranspose(
        2, 3, strides=3, padding="valid", output_padding=1, use_bias=False, name="layer")),
    "convvar_conv3d_transpose_same": ((3, 2, 3, 2), lambda: L.Conv3DTranspose(
        3, (2, 3, 2), strides=(2, 1, 2), padding="same", bias_initializer=RND, name="layer")),
    "convvar_conv3d_transpose_valid_cf": ((2, 3, 2, 3), lambda: L.Conv3DTranspose(
        2, 2, dilation_rate=(1, 2, 1), data_format="channels_first", bias_initializer=RND, activation="relu",
        name="layer")),
    "convvar_separable_conv1d_same": ((7, 3), lambda: L.SeparableConv1D(
        4, 3, padding="same", dilation_rate=2, depth_multiplier=2, bias_initializer=RND, name="layer")),
    "convvar_separable_conv1d_strided_cf": ((2, 9), lambda: L.SeparableConv1D(
        3, 2, strides=2, data_format="channels_first", bias_initializer=RND, activation="relu", name="layer")),
    "convvar_depthwise_conv1d_same": ((8, 3), lambda: L.DepthwiseConv1D(
        3, strides=2, padding="same", depth_multiplier=3, bias_initializer=RND, name="layer")),
    "convvar_depthwise_conv1d_dilated_cf": ((2, 9), lambda: L.DepthwiseConv1D(
        2, depth_multiplier=2, data_format="channels_first", dilation_rate=3, bias_initializer=RND, name="layer")),
    "convvar_zero_padding1d": ((4, 3), lambda: L.ZeroPadding1D((1, 2), name="layer")),
    "convvar_zero_padding1d_cf": ((3, 4), lambda: L.ZeroPadding1D(2, data_format="channels_first", name="layer")),
    "convvar_zero_padding3d": ((2, 3, 2, 2), lambda: L.ZeroPadding3D(((1, 0), (0, 2), (1, 1)), name="layer")),
    "convvar_zero_padding3d_cf": ((2, 2, 3, 2), lambda: L.ZeroPadding3D(
        (1, 2, 0), data_format="channels_first", name="layer")),
    "convvar_up_sampling1d": ((3, 2), lambda: L.UpSampling1D(3, name="layer")),
    "convvar_up_sampling3d": ((2, 2, 3, 2), lambda: L.UpSampling3D((2, 1, 3), name="layer")),
    "convvar_up_sampling3d_cf": ((2, 2, 1, 2), lambda: L.UpSampling3D(2, data_format="channels_first", name="layer")),
    "convvar_cropping1d": ((6, 2), lambda: L.Cropping1D((2, 1), name="layer")),
    "convvar_cropping3d": ((4, 5, 4, 2), lambda: L.Cropping3D(((1, 0), (0, 2), (1, 1)), name="layer")),
    "convvar_cropping3d_cf": ((2, 4, 4, 5), lambda: L.Cropping3D(
        (1, 0, 2), data_format="channels_first", name="layer")),
    "convvar_spatial_dropout1d": ((5, 4), lambda: L.SpatialDropout1D(0.3, seed=4, name="layer")),
    "convvar_spatial_dropout3d_cf": ((3, 2, 2, 2), lambda: L.SpatialDropout3D(
        0.4, data_format="channels_first", seed=2, name="layer")),
}

keras.utils.set_random_seed(17)
rs = np.random.RandomState(0)
for case, (shape, make) in CASES.items():
    d = golden.out_dir(case)
    model = keras.Sequential([keras.Input(shape), make()], name="convvar")
    x = rs.randn(2, *shape).astype("float32")
    golden.save_npy(d, "x", x)
    golden.save_npy(d, "y", model.predict(x, verbose=0))
    golden.save_json(d, "config", model.layers[0].get_config())
    golden.save_json(d, "params", {"count": model.count_params(), "output_shape": list(model.output_shape[1:])})
    golden.save_text(d, "summary", golden.summary_text(model))
    model.save(d + "/model.keras")
