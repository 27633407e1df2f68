namespace DeepKeras.Layers;

/// <summary>
/// 3-D transposed convolution (Keras <c>keras.layers.Conv3DTranspose</c>): upsamples volumes (video, 3-D scans). Input
/// <c>(batch, d1, d2, d3, channels)</c> in channels_last; with <c>strides: 2, padding: "same"</c> a 4×4×4 volume becomes
/// 8×8×8. Kernel layout <c>(k1, k2, k3, filters, input_channels)</c>.
/// </summary>
/// <remarks>The constructor, with its parameters and their docs, is generated from <see cref="Conv2DTranspose"/>'s.</remarks>
[RankVariant(typeof(Conv2DTranspose), 3)]
public partial class Conv3DTranspose : BaseConvTranspose;
