namespace DeepKeras.Layers;

/// <summary>
/// 1-D depthwise-separable convolution (Keras <c>keras.layers.SeparableConv1D</c>): a depthwise convolution of each
/// channel of a sequence followed by a width-1 convolution mixing channels; fewer weights than <see cref="Conv1D"/>.
/// Param count: k·C·m + C·m·filters + filters.
/// </summary>
/// <remarks>The constructor, with its parameters and their docs, is generated from <see cref="SeparableConv2D"/>'s.</remarks>
[RankVariant(typeof(SeparableConv2D), 1)]
public partial class SeparableConv1D : BaseSeparableConv;
