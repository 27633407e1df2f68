namespace DeepKeras.Layers;

/// <summary>
/// 1-D depthwise convolution (Keras <c>keras.layers.DepthwiseConv1D</c>): each channel of a sequence gets its own
/// <c>depthMultiplier</c> filters, with no mixing across channels. Input <c>(batch, steps, channels)</c> in channels_last;
/// kernel <c>(k, channels, depth_multiplier)</c>.
/// </summary>
/// <remarks>The constructor, with its parameters and their docs, is generated from <see cref="DepthwiseConv2D"/>'s.</remarks>
[RankVariant(typeof(DepthwiseConv2D), 1)]
public partial class DepthwiseConv1D : BaseDepthwiseConv;
