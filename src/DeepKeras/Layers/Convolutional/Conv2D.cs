using DeepKeras.Activations;
using DeepKeras.Constraints;
using DeepKeras.Initializers;
using DeepKeras.Regularizers;

namespace DeepKeras.Layers;

/// <summary>
/// 2-D convolution over images (Keras <c>keras.layers.Conv2D</c>). Input <c>(batch, height, width, channels)</c> in channels_last; kernel <c>(*kernel_size, channels / groups, filters)</c>.
/// </summary>
public class Conv2D : BaseConv
{
    /// <summary>Creates the layer.</summary>
    /// <param name="filters">Positive number of output channels.</param>
    /// <param name="kernelSize">Window size: one int for every axis or one per axis.</param>
    /// <param name="strides">Step of the window (default 1).</param>
    /// <param name="padding"><c>valid</c> (no padding), <c>same</c> (output ⌈n/s⌉; the extra cell of uneven padding goes at the end) or, for Conv1D only, <c>causal</c> (left padding only: output t sees inputs ≤ t).</param>
    /// <param name="dataFormat"><c>channels_last</c> (default, null) or <c>channels_first</c>.</param>
    /// <param name="dilationRate">Dilation of the window (default 1); cannot be combined with strides &gt; 1.</param>
    /// <param name="groups">Number of channel groups; input channels and filters must divide by it.</param>
    /// <param name="activation">Activation name or delegate; default none (linear).</param>
    /// <param name="useBias">Whether to add a bias per filter (default true).</param>
    /// <param name="kernelInitializer">Kernel initializer (default <c>glorot_uniform</c>).</param>
    /// <param name="biasInitializer">Bias initializer (default <c>zeros</c>).</param>
    /// <param name="inputShape">Input shape without the batch axis, for the first layer of a Sequential.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the weights are trained.</param>
    /// <param name="kernelRegularizer">Penalty on the kernel added to the training loss (e.g. <c>"l2"</c>); default none.</param>
    /// <param name="biasRegularizer">Penalty on the bias; default none.</param>
    /// <param name="activityRegularizer">Penalty on the output (divided by the batch size); default none.</param>
    /// <param name="kernelConstraint">Projection applied to the kernel after each optimizer update (e.g. <c>new MaxNorm(3)</c>); default none.</param>
    /// <param name="biasConstraint">Projection applied to the bias after each optimizer update (e.g. <c>"non_neg"</c>); default none.</param>
    /// <exception cref="ArgumentException">An argument is out of range or inconsistent; the message names it.</exception>
    public Conv2D(
        int filters,
        IntTuple kernelSize,
        IntTuple? strides = null,
        string padding = "valid",
        string? dataFormat = null,
        IntTuple? dilationRate = null,
        int groups = 1,
        ActivationFunction? activation = null,
        bool useBias = true,
        Initializer? kernelInitializer = null,
        Initializer? biasInitializer = null,
        Shape? inputShape = null,
        string? name = null,
        bool trainable = true,
        Regularizer? kernelRegularizer = null,
        Regularizer? biasRegularizer = null,
        Regularizer? activityRegularizer = null,
        Constraint? kernelConstraint = null,
        Constraint? biasConstraint = null)
        : base(2, filters, kernelSize, strides, padding, dataFormat, dilationRate, groups, activation, useBias,
            kernelInitializer, biasInitializer, inputShape, name, trainable, kernelRegularizer, biasRegularizer, activityRegularizer, kernelConstraint, biasConstraint)
    {
    }
}
