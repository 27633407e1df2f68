namespace DeepKeras.Layers;

/// <summary>
/// 1-D convolution over a sequence (temporal convolution) (Keras <c>keras.layers.Conv1D</c>). Input <c>(batch, steps, channels)</c> in channels_last; kernel <c>(*kernel_size, channels / groups, filters)</c>.
/// </summary>
/// <remarks>The constructor, with its parameters and their docs, is generated from <see cref="Conv2D"/>'s.</remarks>
[RankVariant(typeof(Conv2D), 1)]
public partial class Conv1D : BaseConv;
