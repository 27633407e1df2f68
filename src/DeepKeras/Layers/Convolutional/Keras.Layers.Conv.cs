using DeepKeras.Activations;
using DeepKeras.Initializers;
using L = DeepKeras.Layers;

namespace DeepKeras;

public static partial class Keras
{
    public static partial class Layers
    {
        /// <summary>Creates a <see cref="L.Conv1D"/> layer (1-D convolution).</summary>
        /// <param name="filters">Number of output channels.</param>
        /// <param name="kernelSize">Window size: one int or one per axis.</param>
        /// <param name="strides">Step of the window (default 1).</param>
        /// <param name="padding"><c>valid</c>, <c>same</c> or <c>causal</c>.</param>
        /// <param name="dataFormat"><c>channels_last</c> (default) or <c>channels_first</c>.</param>
        /// <param name="dilationRate">Dilation of the window (default 1).</param>
        /// <param name="groups">Number of channel groups (default 1).</param>
        /// <param name="activation">Activation name or delegate.</param>
        /// <param name="useBias">Whether to add a bias.</param>
        /// <param name="kernelInitializer">Kernel initializer (default glorot_uniform).</param>
        /// <param name="biasInitializer">Bias initializer (default zeros).</param>
        /// <param name="inputShape">Input shape without the batch axis, for a first layer.</param>
        /// <param name="name">Layer name.</param>
        public static L.Conv1D Conv1D(int filters, L.IntTuple kernelSize, L.IntTuple? strides = null, string padding = "valid",
            string? dataFormat = null, L.IntTuple? dilationRate = null, int groups = 1, ActivationFunction? activation = null,
            bool useBias = true, Initializer? kernelInitializer = null, Initializer? biasInitializer = null,
            Shape? inputShape = null, string? name = null) =>
            new(filters, kernelSize, strides, padding, dataFormat, dilationRate, groups, activation, useBias,
                kernelInitializer, biasInitializer, inputShape, name);

        /// <summary>Creates a <see cref="L.Conv2D"/> layer (2-D convolution).</summary>
        /// <param name="filters">Number of output channels.</param>
        /// <param name="kernelSize">Window size: one int or one per axis.</param>
        /// <param name="strides">Step of the window (default 1).</param>
        /// <param name="padding"><c>valid</c> or <c>same</c>.</param>
        /// <param name="dataFormat"><c>channels_last</c> (default) or <c>channels_first</c>.</param>
        /// <param name="dilationRate">Dilation of the window (default 1).</param>
        /// <param name="groups">Number of channel groups (default 1).</param>
        /// <param name="activation">Activation name or delegate.</param>
        /// <param name="useBias">Whether to add a bias.</param>
        /// <param name="kernelInitializer">Kernel initializer (default glorot_uniform).</param>
        /// <param name="biasInitializer">Bias initializer (default zeros).</param>
        /// <param name="inputShape">Input shape without the batch axis, for a first layer.</param>
        /// <param name="name">Layer name.</param>
        public static L.Conv2D Conv2D(int filters, L.IntTuple kernelSize, L.IntTuple? strides = null, string padding = "valid",
            string? dataFormat = null, L.IntTuple? dilationRate = null, int groups = 1, ActivationFunction? activation = null,
            bool useBias = true, Initializer? kernelInitializer = null, Initializer? biasInitializer = null,
            Shape? inputShape = null, string? name = null) =>
            new(filters, kernelSize, strides, padding, dataFormat, dilationRate, groups, activation, useBias,
                kernelInitializer, biasInitializer, inputShape, name);

        /// <summary>Creates a <see cref="L.Conv3D"/> layer (3-D convolution).</summary>
        /// <param name="filters">Number of output channels.</param>
        /// <param name="kernelSize">Window size: one int or one per axis.</param>
        /// <param name="strides">Step of the window (default 1).</param>
        /// <param name="padding"><c>valid</c> or <c>same</c>.</param>
        /// <param name="dataFormat"><c>channels_last</c> (default) or <c>channels_first</c>.</param>
        /// <param name="dilationRate">Dilation of the window (default 1).</param>
        /// <param name="groups">Number of channel groups (default 1).</param>
        /// <param name="activation">Activation name or delegate.</param>
        /// <param name="useBias">Whether to add a bias.</param>
        /// <param name="kernelInitializer">Kernel initializer (default glorot_uniform).</param>
        /// <param name="biasInitializer">Bias initializer (default zeros).</param>
        /// <param name="inputShape">Input shape without the batch axis, for a first layer.</param>
        /// <param name="name">Layer name.</param>
        public static L.Conv3D Conv3D(int filters, L.IntTuple kernelSize, L.IntTuple? strides = null, string padding = "valid",
            string? dataFormat = null, L.IntTuple? dilationRate = null, int groups = 1, ActivationFunction? activation = null,
            bool useBias = true, Initializer? kernelInitializer = null, Initializer? biasInitializer = null,
            Shape? inputShape = null, string? name = null) =>
            new(filters, kernelSize, strides, padding, dataFormat, dilationRate, groups, activation, useBias,
                kernelInitializer, biasInitializer, inputShape, name);

        /// <summary>Creates a <see cref="L.Conv2DTranspose"/> layer (transposed convolution).</summary>
        /// <param name="filters">Number of output channels.</param>
        /// <param name="kernelSize">Window size.</param>
        /// <param name="strides">Upsampling step (default 1).</param>
        /// <param name="padding"><c>valid</c> or <c>same</c>.</param>
        /// <param name="outputPadding">Extra cells at the end of each axis; null for the default.</param>
        /// <param name="dataFormat"><c>channels_last</c> (default) or <c>channels_first</c>.</param>
        /// <param name="dilationRate">Dilation (default 1).</param>
        /// <param name="activation">Activation name or delegate.</param>
        /// <param name="useBias">Whether to add a bias.</param>
        /// <param name="kernelInitializer">Kernel initializer (default glorot_uniform).</param>
        /// <param name="biasInitializer">Bias initializer (default zeros).</param>
        /// <param name="inputShape">Input shape without the batch axis, for a first layer.</param>
        /// <param name="name">Layer name.</param>
        public static L.Conv2DTranspose Conv2DTranspose(int filters, L.IntTuple kernelSize, L.IntTuple? strides = null,
            string padding = "valid", L.IntTuple? outputPadding = null, string? dataFormat = null, L.IntTuple? dilationRate = null,
            ActivationFunction? activation = null, bool useBias = true, Initializer? kernelInitializer = null,
            Initializer? biasInitializer = null, Shape? inputShape = null, string? name = null) =>
            new(filters, kernelSize, strides, padding, outputPadding, dataFormat, dilationRate, activation, useBias,
                kernelInitializer, biasInitializer, inputShape, name);

        /// <summary>Creates a <see cref="L.SeparableConv2D"/> layer (depthwise then pointwise convolution).</summary>
        /// <param name="filters">Number of output channels.</param>
        /// <param name="kernelSize">Window size.</param>
        /// <param name="strides">Step (default 1).</param>
        /// <param name="padding"><c>valid</c> or <c>same</c>.</param>
        /// <param name="dataFormat"><c>channels_last</c> (default) or <c>channels_first</c>.</param>
        /// <param name="dilationRate">Dilation (default 1).</param>
        /// <param name="depthMultiplier">Depthwise filters per input channel (default 1).</param>
        /// <param name="activation">Activation name or delegate.</param>
        /// <param name="useBias">Whether to add a bias.</param>
        /// <param name="depthwiseInitializer">Depthwise kernel initializer (default glorot_uniform).</param>
        /// <param name="pointwiseInitializer">Pointwise kernel initializer (default glorot_uniform).</param>
        /// <param name="biasInitializer">Bias initializer (default zeros).</param>
        /// <param name="inputShape">Input shape without the batch axis, for a first layer.</param>
        /// <param name="name">Layer name.</param>
        public static L.SeparableConv2D SeparableConv2D(int filters, L.IntTuple kernelSize, L.IntTuple? strides = null,
            string padding = "valid", string? dataFormat = null, L.IntTuple? dilationRate = null, int depthMultiplier = 1,
            ActivationFunction? activation = null, bool useBias = true, Initializer? depthwiseInitializer = null,
            Initializer? pointwiseInitializer = null, Initializer? biasInitializer = null, Shape? inputShape = null,
            string? name = null) =>
            new(filters, kernelSize, strides, padding, dataFormat, dilationRate, depthMultiplier, activation, useBias,
                depthwiseInitializer, pointwiseInitializer, biasInitializer, inputShape, name);

        /// <summary>Creates a <see cref="L.DepthwiseConv2D"/> layer (one set of filters per channel).</summary>
        /// <param name="kernelSize">Window size.</param>
        /// <param name="strides">Step (default 1).</param>
        /// <param name="padding"><c>valid</c> or <c>same</c>.</param>
        /// <param name="depthMultiplier">Filters per input channel (default 1).</param>
        /// <param name="dataFormat"><c>channels_last</c> (default) or <c>channels_first</c>.</param>
        /// <param name="dilationRate">Dilation (default 1).</param>
        /// <param name="activation">Activation name or delegate.</param>
        /// <param name="useBias">Whether to add a bias.</param>
        /// <param name="depthwiseInitializer">Kernel initializer (default glorot_uniform).</param>
        /// <param name="biasInitializer">Bias initializer (default zeros).</param>
        /// <param name="inputShape">Input shape without the batch axis, for a first layer.</param>
        /// <param name="name">Layer name.</param>
        public static L.DepthwiseConv2D DepthwiseConv2D(L.IntTuple kernelSize, L.IntTuple? strides = null, string padding = "valid",
            int depthMultiplier = 1, string? dataFormat = null, L.IntTuple? dilationRate = null, ActivationFunction? activation = null,
            bool useBias = true, Initializer? depthwiseInitializer = null, Initializer? biasInitializer = null,
            Shape? inputShape = null, string? name = null) =>
            new(kernelSize, strides, padding, depthMultiplier, dataFormat, dilationRate, activation, useBias,
                depthwiseInitializer, biasInitializer, inputShape, name);
    }
}
