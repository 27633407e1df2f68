"""Config cases: Keras's get_config() for one construction (non-default arguments) of every built-in layer type that
DeepKeras has, plus a Sequential and a functional model whose configs DeepKeras must turn into the same models.

config_layers/layers.json   {case name: layer.get_config()}; ConfigGoldenTests builds the same layers in C#
config_layers/serialized.json {case name: serialize_keras_object(layer)} for the custom-object cases
config_sequential/, config_functional/   config.json (model.get_config()) and summary.txt
"""
import keras
from keras import initializers as I
from keras import layers as L
from keras import regularizers as R

import golden


@keras.saving.register_keras_serializable(package="config_tests")
def double_it(x):
    return x * 2


@keras.saving.register_keras_serializable(package="config_tests")
class ConfigScale(L.Layer):
    def __init__(self, factor=2.0, **kwargs):
        super().__init__(**kwargs)
        self.factor = factor

    def call(self, x):
        return x * self.factor

    def get_config(self):
        config = super().get_config()
        config["factor"] = self.factor
        return config


class Unregistered(L.Layer):
    def __init__(self, k=1, **kwargs):
        super().__init__(**kwargs)
        self.k = k

    def call(self, x):
        return x

    def get_config(self):
        config = super().get_config()
        config["k"] = self.k
        return config


LAYERS = {
    "dense_default": lambda: L.Dense(3, name="dense_default"),
    "dense": lambda: L.Dense(5, activation="relu", use_bias=False, kernel_initializer="he_normal",
                             bias_initializer="ones", kernel_regularizer=R.L2(0.02), bias_regularizer=R.L1(0.01),
                             activity_regularizer=R.L1L2(0.1, 0.2), name="dense_cfg"),
    "dense_frozen": lambda: L.Dense(2, activation="softmax", kernel_initializer=I.RandomNormal(0.1, 0.2, seed=5),
                                    trainable=False, name="dense_frozen"),
    "dense_registered_activation": lambda: L.Dense(2, activation=double_it, name="dense_fn"),
    "activation": lambda: L.Activation("tanh", name="act"),
    "dropout": lambda: L.Dropout(0.3, seed=7, name="drop"),
    "flatten": lambda: L.Flatten(name="flat"),
    "reshape": lambda: L.Reshape((2, -1), name="reshape"),
    "concatenate": lambda: L.Concatenate(axis=1, name="concat"),
    "add": lambda: L.Add(name="add"),
    "subtract": lambda: L.Subtract(name="sub"),
    "multiply": lambda: L.Multiply(name="mul"),
    "average": lambda: L.Average(name="avg"),
    "maximum": lambda: L.Maximum(name="max"),
    "minimum": lambda: L.Minimum(name="min"),
    "dot": lambda: L.Dot(axes=(1, 2), normalize=True, name="dot"),
    "embedding": lambda: L.Embedding(50, 8, embeddings_initializer="random_uniform", mask_zero=True, name="emb"),
    "masking": lambda: L.Masking(mask_value=-1.0, name="mask"),
    "lambda": lambda: L.Lambda(double_it, name="lam"),
    "input_layer": lambda: L.InputLayer(shape=(4, 3), batch_size=2, name="inp"),
    "leaky_relu": lambda: L.LeakyReLU(negative_slope=0.2, name="lrelu"),
    "relu": lambda: L.ReLU(max_value=6.0, negative_slope=0.1, threshold=0.5, name="relu"),
    "prelu": lambda: L.PReLU(alpha_initializer=I.Constant(0.25), alpha_regularizer=R.L2(0.001), shared_axes=[1, 2],
                             name="prelu"),
    "conv1d": lambda: L.Conv1D(4, 3, strides=2, padding="same", activation="relu", use_bias=False,
                               kernel_initializer="he_uniform", name="conv1d"),
    "conv2d": lambda: L.Conv2D(6, (3, 2), strides=(2, 1), padding="same", dilation_rate=1, groups=2,
                               activation="sigmoid", bias_initializer=I.Constant(0.1), name="conv2d"),
    "conv3d": lambda: L.Conv3D(2, 2, dilation_rate=(1, 2, 1), activation="elu", name="conv3d"),
    "conv2d_transpose": lambda: L.Conv2DTranspose(3, 3, strides=2, padding="same", output_padding=1,
                                                  kernel_initializer="lecun_normal", name="deconv"),
    "separable_conv2d": lambda: L.SeparableConv2D(4, 3, padding="same", depth_multiplier=2, activation="relu",
                                                  depthwise_initializer="glorot_normal",
                                                  pointwise_initializer="orthogonal", name="sep"),
    "depthwise_conv2d": lambda: L.DepthwiseConv2D(3, strides=2, depth_multiplier=2, use_bias=False,
                                                  depthwise_initializer=I.TruncatedNormal(stddev=0.02, seed=1),
                                                  name="dw"),
    "conv1d_transpose": lambda: L.Conv1DTranspose(2, 3, strides=2, padding="same", output_padding=1, name="deconv1"),
    "conv3d_transpose": lambda: L.Conv3DTranspose(3, (2, 2, 1), dilation_rate=2, use_bias=False,
                                                  kernel_regularizer=R.L2(0.01), name="deconv3"),
    "separable_conv1d": lambda: L.SeparableConv1D(3, 2, depth_multiplier=2, data_format="channels_first",
                                                  pointwise_regularizer=R.L1(0.01), name="sep1"),
    "depthwise_conv1d": lambda: L.DepthwiseConv1D(3, padding="same", depth_multiplier=2,
                                                  depthwise_initializer="he_normal", name="dw1"),
    "max_pooling1d": lambda: L.MaxPooling1D(3, strides=2, padding="same", name="mp1"),
    "max_pooling2d": lambda: L.MaxPooling2D((2, 3), name="mp2"),
    "max_pooling3d": lambda: L.MaxPooling3D(2, strides=1, name="mp3"),
    "average_pooling1d": lambda: L.AveragePooling1D(2, name="ap1"),
    "average_pooling2d": lambda: L.AveragePooling2D((3, 3), strides=1, padding="same", name="ap2"),
    "average_pooling3d": lambda: L.AveragePooling3D(2, name="ap3"),
    "global_max_pooling1d": lambda: L.GlobalMaxPooling1D(keepdims=True, name="gmp1"),
    "global_max_pooling2d": lambda: L.GlobalMaxPooling2D(name="gmp2"),
    "global_max_pooling3d": lambda: L.GlobalMaxPooling3D(name="gmp3"),
    "global_average_pooling1d": lambda: L.GlobalAveragePooling1D(name="gap1"),
    "global_average_pooling2d": lambda: L.GlobalAveragePooling2D(keepdims=True, name="gap2"),
    "global_average_pooling3d": lambda: L.GlobalAveragePooling3D(name="gap3"),
    "batch_normalization": lambda: L.BatchNormalization(momentum=0.9, epsilon=1e-5, center=False,
                                                        gamma_initializer=I.RandomUniform(0.9, 1.1, seed=2),
                                                        moving_variance_initializer="zeros", name="bn"),
    "layer_normalization": lambda: L.LayerNormalization(epsilon=1e-5, scale=False, beta_initializer="ones",
                                                        name="ln"),
    "spatial_dropout2d": lambda: L.SpatialDropout2D(0.2, seed=3, name="sdrop"),
    "spatial_dropout1d": lambda: L.SpatialDropout1D(0.1, name="sdrop1"),
    "spatial_dropout3d": lambda: L.SpatialDropout3D(0.3, data_format="channels_first", seed=5, name="sdrop3"),
    "gaussian_noise": lambda: L.GaussianNoise(0.5, seed=2, name="gnoise"),
    "gaussian_dropout": lambda: L.GaussianDropout(0.25, seed=4, name="gdrop"),
    "zero_padding2d": lambda: L.ZeroPadding2D(((1, 2), (3, 4)), name="zpad"),
    "cropping2d": lambda: L.Cropping2D(((1, 0), (2, 1)), name="crop"),
    "up_sampling2d": lambda: L.UpSampling2D((2, 3), interpolation="bilinear", name="up"),
    "zero_padding1d": lambda: L.ZeroPadding1D((2, 0), name="zpad1"),
    "zero_padding3d": lambda: L.ZeroPadding3D((1, 2, 3), data_format="channels_first", name="zpad3"),
    "cropping1d": lambda: L.Cropping1D((0, 3), name="crop1"),
    "cropping3d": lambda: L.Cropping3D(((1, 2), (0, 1), (3, 0)), name="crop3"),
    "up_sampling1d": lambda: L.UpSampling1D(4, name="up1"),
    "up_sampling3d": lambda: L.UpSampling3D((1, 2, 3), data_format="channels_first", name="up3"),
    "repeat_vector": lambda: L.RepeatVector(4, name="repeat"),
    "simple_rnn": lambda: L.SimpleRNN(4, activation="relu", return_sequences=True, go_backwards=True, dropout=0.1,
                                      name="srnn"),
    "lstm": lambda: L.LSTM(5, recurrent_activation="hard_sigmoid", unit_forget_bias=False, recurrent_dropout=0.2,
                           return_state=True, recurrent_initializer="glorot_uniform", name="lstm"),
    "gru": lambda: L.GRU(3, activation="relu", reset_after=False, stateful=True, bias_initializer="ones", name="gru"),
    "bidirectional": lambda: L.Bidirectional(L.LSTM(4, return_sequences=True, name="enc"), merge_mode="sum",
                                             name="bidi"),
    "time_distributed": lambda: L.TimeDistributed(L.Dense(2, activation="relu", name="inner"), name="td"),
    "simple_rnn_cell": lambda: L.SimpleRNNCell(4, activation="relu", dropout=0.1, seed=3, name="srcell"),
    "lstm_cell": lambda: L.LSTMCell(5, recurrent_activation="hard_sigmoid", unit_forget_bias=False, name="lcell"),
    "gru_cell": lambda: L.GRUCell(3, reset_after=False, bias_initializer="ones", name="gcell"),
    "stacked_rnn_cells": lambda: L.StackedRNNCells([L.LSTMCell(4, name="s0"), L.GRUCell(2, name="s1")], name="stack"),
    "rnn": lambda: L.RNN(L.LSTMCell(3, name="inner_cell"), return_sequences=True, go_backwards=True, name="rnn"),
    "elu": lambda: L.ELU(alpha=0.4, name="elu"),
    "softmax": lambda: L.Softmax(axis=[1, 2], name="softmax"),
    "identity": lambda: L.Identity(name="ident"),
    "permute": lambda: L.Permute((3, 1, 2), name="perm"),
    "rescaling": lambda: L.Rescaling(0.5, offset=0.25, name="rescale"),
    "unit_normalization": lambda: L.UnitNormalization(axis=[1, 2], name="unit"),
    "group_normalization": lambda: L.GroupNormalization(groups=4, axis=1, epsilon=1e-5, scale=False,
                                                        beta_initializer="ones", beta_regularizer=R.L2(0.01), name="gn"),
    "activity_regularization": lambda: L.ActivityRegularization(l1=0.1, l2=0.2, name="actreg"),
    "alpha_dropout": lambda: L.AlphaDropout(0.2, noise_shape=(None, 1, 4), seed=3, name="adrop"),
    "category_encoding": lambda: L.CategoryEncoding(num_tokens=6, output_mode="one_hot", name="cat"),
    "normalization": lambda: L.Normalization(axis=(1, 2), name="norm"),
    "normalization_given": lambda: L.Normalization(mean=[1.0, 2.0], variance=[3.0, 4.0], invert=True, name="norm_given"),
    "resizing": lambda: L.Resizing(8, 6, interpolation="nearest", pad_to_aspect_ratio=True, fill_value=0.5, name="resize"),
    "center_crop": lambda: L.CenterCrop(4, 5, data_format="channels_first", name="ccrop"),
    "random_flip": lambda: L.RandomFlip("vertical", seed=3, name="flip"),
    "random_rotation": lambda: L.RandomRotation((-0.1, 0.3), fill_mode="constant", interpolation="nearest", seed=4,
                                                fill_value=0.5, name="rot"),
    "random_zoom": lambda: L.RandomZoom((-0.2, 0.3), width_factor=0.1, fill_mode="wrap", seed=5, name="zoom"),
    "random_translation": lambda: L.RandomTranslation(0.1, (-0.2, 0.1), fill_mode="nearest", name="shift"),
    "random_contrast": lambda: L.RandomContrast((0.1, 0.4), value_range=(0.0, 1.0), seed=6, name="contrast"),
    "discretization": lambda: L.Discretization(bin_boundaries=[0.0, 1.5], output_mode="count", name="disc"),
    "discretization_bins": lambda: L.Discretization(num_bins=4, epsilon=0.05, name="disc_bins"),
    "attention": lambda: L.Attention(use_scale=True, score_mode="concat", dropout=0.1, seed=2, name="attn"),
    "additive_attention": lambda: L.AdditiveAttention(use_scale=False, dropout=0.2, name="add_attn"),
    "multi_head_attention": lambda: L.MultiHeadAttention(2, 3, value_dim=4, dropout=0.1, use_bias=False, output_shape=(5,),
                                                         attention_axes=(1,), kernel_initializer="he_normal",
                                                         kernel_regularizer=R.L2(0.01), seed=4, name="mha"),
    "einsum_dense": lambda: L.EinsumDense("abc,cd->abd", output_shape=(None, 5), bias_axes="d", activation="relu", name="ed"),
}


def sequential_model():
    return keras.Sequential([
        keras.Input((8, 8, 1), name="image"),
        L.Conv2D(4, 3, activation="relu", name="c1"),
        L.MaxPooling2D(name="p1"),
        L.Flatten(name="f"),
        L.Dropout(0.5, name="d"),
        L.Dense(3, activation="softmax", name="out"),
    ], name="seq_cfg")


def functional_model():
    a = keras.Input((6,), name="a")
    b = keras.Input((2, 3), name="b")
    shared = L.Dense(6, activation="elu", name="shared")
    s = L.Add(name="sum")([shared(a), L.Flatten(name="flat")(b)])
    both = L.Concatenate(name="cat")([L.Dropout(0.4, name="drop")(s), a])
    out1 = L.Dense(2, name="out1")(both)
    out2 = shared(a)
    return keras.Model([a, b], [out1, out2], name="fn_cfg")


d = golden.out_dir("config_layers")
golden.save_json(d, "layers", {name: make().get_config() for name, make in LAYERS.items()})
golden.save_json(d, "serialized", {
    "registered_layer": keras.saving.serialize_keras_object(ConfigScale(2.5, name="scale")),
    "unregistered_layer": keras.saving.serialize_keras_object(Unregistered(3, name="unreg")),
    "registered_function": keras.saving.serialize_keras_object(double_it),
})
golden.save_json(d, "custom_objects", sorted(keras.saving.get_custom_objects().keys()))

for case, make in (("config_sequential", sequential_model), ("config_functional", functional_model)):
    keras.utils.set_random_seed(1)
    model = make()
    d = golden.out_dir(case)
    golden.save_json(d, "config", model.get_config())
    golden.save_text(d, "summary", golden.summary_text(model))
    golden.save_json(d, "serialized", keras.saving.serialize_keras_object(model))
