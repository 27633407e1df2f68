using DeepKeras.Activations;
using DeepKeras.Constraints;
using DeepKeras.Initializers;
using DeepKeras.Regularizers;

namespace DeepKeras.Layers;

/// <summary>
/// 2-D depthwise-separable convolution (Keras <c>keras.layers.SeparableConv2D</c>): a depthwise convolution per
/// channel followed by a 1×1 convolution mixing channels; far fewer weights than <see cref="Conv2D"/>.
/// Param count: kh·kw·C·m + C·m·filters + filters.
/// </summary>
public class SeparableConv2D : BaseSeparableConv
{
    /// <summary>Creates the layer.</summary>
    /// <param name="filters">Positive number of output channels.</param>
    /// <param name="kernelSize">Window size: one int for every axis or one per axis.</param>
    /// <param name="strides">Step of the window (default 1).</param>
    /// <param name="padding"><c>valid</c> or <c>same</c>.</param>
    /// <param name="dataFormat"><c>channels_last</c> (default, null) or <c>channels_first</c>.</param>
    /// <param name="dilationRate">Dilation of the window (default 1).</param>
    /// <param name="depthMultiplier">Depthwise filters per input channel (default 1).</param>
    /// <param name="activation">Activation name or delegate; default none (linear).</param>
    /// <param name="useBias">Whether to add a bias per filter (default true).</param>
    /// <param name="depthwiseInitializer">Depthwise kernel initializer (default <c>glorot_uniform</c>).</param>
    /// <param name="pointwiseInitializer">Pointwise kernel initializer (default <c>glorot_uniform</c>).</param>
    /// <param name="biasInitializer">Bias initializer (default <c>zeros</c>).</param>
    /// <param name="inputShape">Input shape without the batch axis, for the first layer of a Sequential.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the weights are trained.</param>
    /// <param name="depthwiseRegularizer">Penalty on the depthwise kernel added to the training loss (e.g. <c>"l2"</c>); default none.</param>
    /// <param name="pointwiseRegularizer">Penalty on the pointwise kernel; default none.</param>
    /// <param name="biasRegularizer">Penalty on the bias; default none.</param>
    /// <param name="activityRegularizer">Penalty on the output (divided by the batch size); default none.</param>
    /// <param name="depthwiseConstraint">Projection applied to the depthwise kernel after each optimizer update; default none.</param>
    /// <param name="pointwiseConstraint">Projection applied to the pointwise kernel after each optimizer update; default none.</param>
    /// <param name="biasConstraint">Projection applied to the bias after each optimizer update (e.g. <c>"non_neg"</c>); default none.</param>
    /// <exception cref="ArgumentException">An argument is out of range; the message names it.</exception>
    public SeparableConv2D(
        int filters,
        IntTuple kernelSize,
        IntTuple? strides = null,
        string padding = "valid",
        string? dataFormat = null,
        IntTuple? dilationRate = null,
        int depthMultiplier = 1,
        ActivationFunction? activation = null,
        bool useBias = true,
        Initializer? depthwiseInitializer = null,
        Initializer? pointwiseInitializer = null,
        Initializer? biasInitializer = null,
        Shape? inputShape = null,
        string? name = null,
        bool trainable = true,
        Regularizer? depthwiseRegularizer = null,
        Regularizer? pointwiseRegularizer = null,
        Regularizer? biasRegularizer = null,
        Regularizer? activityRegularizer = null,
        Constraint? depthwiseConstraint = null,
        Constraint? pointwiseConstraint = null,
        Constraint? biasConstraint = null)
        : base(2, depthMultiplier, filters, kernelSize, strides, padding, dataFormat, dilationRate, activation, useBias,
            depthwiseInitializer, pointwiseInitializer, biasInitializer, inputShape, name, trainable, depthwiseRegularizer, pointwiseRegularizer, biasRegularizer, activityRegularizer, depthwiseConstraint, pointwiseConstraint, biasConstraint)
    {
    }
}
