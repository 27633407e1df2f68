using DeepKeras.Activations;
using DeepKeras.Constraints;
using DeepKeras.Initializers;
using DeepKeras.Regularizers;

namespace DeepKeras.Layers;

/// <summary>
/// 2-D transposed convolution ("deconvolution", Keras <c>keras.layers.Conv2DTranspose</c>): upsamples feature maps, e.g.
/// in decoders and GAN generators. With <c>strides: 2, padding: "same"</c> a 7×7 map becomes 14×14. Kernel layout
/// <c>(kh, kw, filters, input_channels)</c>.
/// </summary>
public class Conv2DTranspose : BaseConvTranspose
{
    /// <summary>Creates the layer.</summary>
    /// <param name="filters">Positive number of output channels.</param>
    /// <param name="kernelSize">Window size: one int for every axis or one per axis.</param>
    /// <param name="strides">Upsampling step (default 1).</param>
    /// <param name="padding"><c>valid</c> (output (n−1)·s + max(k, s)) or <c>same</c> (output n·s).</param>
    /// <param name="outputPadding">Extra cells at the end of each axis, each smaller than its stride; null for the default.</param>
    /// <param name="dataFormat"><c>channels_last</c> (default, null) or <c>channels_first</c>.</param>
    /// <param name="dilationRate">Dilation of the window (default 1).</param>
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
    public Conv2DTranspose(
        int filters,
        IntTuple kernelSize,
        IntTuple? strides = null,
        string padding = "valid",
        IntTuple? outputPadding = null,
        string? dataFormat = null,
        IntTuple? dilationRate = null,
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
        : base(2, filters, kernelSize, strides, padding, outputPadding, dataFormat, dilationRate, activation, useBias,
            kernelInitializer, biasInitializer, inputShape, name, trainable, kernelRegularizer, biasRegularizer, activityRegularizer, kernelConstraint, biasConstraint)
    {
    }
}
