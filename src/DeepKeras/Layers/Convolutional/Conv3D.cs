namespace DeepKeras.Layers;

/// <summary>
/// 3-D convolution over volumes (e.g. video) (Keras <c>keras.layers.Conv3D</c>). Input <c>(batch, depth, height, width, channels)</c> in channels_last; kernel <c>(*kernel_size, channels / groups, filters)</c>.
/// </summary>
/// <remarks>The constructor, with its parameters and their docs, is generated from <see cref="Conv2D"/>'s.</remarks>
[RankVariant(typeof(Conv2D), 3)]
public partial class Conv3D : BaseConv;
