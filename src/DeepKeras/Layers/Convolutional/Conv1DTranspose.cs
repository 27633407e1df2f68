namespace DeepKeras.Layers;

/// <summary>
/// 1-D transposed convolution (Keras <c>keras.layers.Conv1DTranspose</c>): upsamples sequences, e.g. in the decoder of a
/// sequence autoencoder. Input <c>(batch, steps, channels)</c> in channels_last; with <c>strides: 2, padding: "same"</c>
/// 10 steps become 20. Kernel layout <c>(k, filters, input_channels)</c>.
/// </summary>
/// <remarks>The constructor, with its parameters and their docs, is generated from <see cref="Conv2DTranspose"/>'s.</remarks>
[RankVariant(typeof(Conv2DTranspose), 1)]
public partial class Conv1DTranspose : BaseConvTranspose;
