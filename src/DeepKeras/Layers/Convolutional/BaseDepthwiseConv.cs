using DeepKeras.Activations;
using DeepKeras.Constraints;
using DeepKeras.Engine;
using DeepKeras.Initializers;
using DeepKeras.Regularizers;
using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// The shared base of depthwise convolutions (Keras <c>BaseDepthwiseConv</c>): every input channel is convolved with
/// its own <c>depth_multiplier</c> filters, giving <c>channels · depth_multiplier</c> outputs (channel c·m + j is filter
/// j of input channel c). Kernel layout <c>(*kernel_size, channels, depth_multiplier)</c>.
/// </summary>
public abstract class BaseDepthwiseConv : ConvLayer
{
    private readonly WeightSettings _kernel;

    /// <summary>Validates and stores the configuration.</summary>
    /// <param name="rank">Number of spatial axes.</param>
    /// <param name="depthMultiplier">Positive number of filters per input channel.</param>
    /// <param name="kernelSize">Window size.</param>
    /// <param name="strides">Step (default 1).</param>
    /// <param name="padding"><c>valid</c> or <c>same</c>.</param>
    /// <param name="dataFormat"><c>channels_last</c> (default) or <c>channels_first</c>.</param>
    /// <param name="dilationRate">Dilation (default 1).</param>
    /// <param name="activation">Activation; default none.</param>
    /// <param name="useBias">Whether to add a bias per output channel.</param>
    /// <param name="depthwiseInitializer">Kernel initializer (default glorot_uniform).</param>
    /// <param name="biasInitializer">Bias initializer (default zeros).</param>
    /// <param name="inputShape">Input shape without the batch axis.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the weights are trained.</param>
    /// <param name="depthwiseRegularizer">Penalty on the kernel added to the training loss; default none.</param>
    /// <param name="biasRegularizer">Penalty on the bias; default none.</param>
    /// <param name="activityRegularizer">Penalty on the output; default none.</param>
    /// <param name="depthwiseConstraint">Projection of the kernel after each optimizer update; default none.</param>
    /// <param name="biasConstraint">Projection of the bias after each optimizer update; default none.</param>
    protected BaseDepthwiseConv(int rank, int depthMultiplier, IntTuple kernelSize, IntTuple? strides, string padding,
        string? dataFormat, IntTuple? dilationRate, ActivationFunction? activation, bool useBias,
        Initializer? depthwiseInitializer, Initializer? biasInitializer, Shape? inputShape, string? name, bool trainable,
        Regularizer? depthwiseRegularizer = null, Regularizer? biasRegularizer = null, Regularizer? activityRegularizer = null,
        Constraint? depthwiseConstraint = null, Constraint? biasConstraint = null)
        : base(rank, kernelSize, strides, padding, dataFormat, dilationRate, activation, useBias, biasInitializer,
            biasRegularizer, biasConstraint, activityRegularizer, inputShape, name, trainable)
    {
        DepthMultiplier = Positive(depthMultiplier, nameof(depthMultiplier), "depth_multiplier");
        _kernel = new WeightSettings("depthwise", depthwiseInitializer ?? new GlorotUniform(), depthwiseRegularizer, depthwiseConstraint);
    }

    /// <summary>Gets the number of filters per input channel.</summary>
    public int DepthMultiplier { get; }

    /// <summary>Gets the kernel initializer.</summary>
    public Initializer DepthwiseInitializer => _kernel.Initializer;

    /// <summary>Gets the kernel regularizer, if any.</summary>
    public Regularizer? DepthwiseRegularizer => _kernel.Regularizer;

    /// <summary>Gets the kernel constraint, if any.</summary>
    public Constraint? DepthwiseConstraint => _kernel.Constraint;

    /// <summary>Gets the kernel, shape <c>(*kernel_size, channels, depth_multiplier)</c>; null before build.</summary>
    public Variable? Kernel { get; private set; }

    private int InChannels => (int)Kernel!.Value.shape[Rank];

    /// <inheritdoc/>
    public override void Build(Shape inputShape)
    {
        var inChannels = InputChannels(inputShape);
        Kernel = AddWeight("kernel", new Shape([.. KernelSize.Select(k => (int?)k), inChannels, DepthMultiplier]), _kernel);
        BuildBiasAndSpec(inChannels * DepthMultiplier, inChannels);
        ComputeOutputShape(inputShape);
    }

    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training)
    {
        return Activate(SpatialLayout.FromTorch(DepthwiseTorch(SpatialLayout.ToTorch(inputs, ChannelsLast), Bias?.Value), ChannelsLast));
    }

    /// <summary>The depthwise convolution on a channels_first tensor: a grouped conv with one group per channel.</summary>
    private protected Tensor DepthwiseTorch(Tensor x, Tensor? bias)
    {
        long[] pad = new long[Rank];
        if (Padding == "same")
        {
            (x, pad) = SpatialLayout.PadSame(x, KernelSize, Strides, DilationRate);
        }

        // (*k, C, m) → (*k, 1, C·m): output channel c·m + j, which is torch's group order.
        var k = Kernel!.Value;
        var w = k.reshape([.. k.shape[..Rank], 1, InChannels * DepthMultiplier]);
        return SpatialOps.Conv(x, SpatialLayout.KernelToTorch(w), bias, SpatialLayout.L(Strides), pad,
            SpatialLayout.L(DilationRate), InChannels);
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape)
    {
        var channels = inputShape[ChannelsLast ? -1 : 1] * DepthMultiplier;
        return ConvArgs.WindowOutputShape(this, inputShape, Rank, ChannelsLast, channels ?? 0, KernelSize, Strides,
            DilationRate, Padding).With(ChannelsLast ? -1 : 1, channels);
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["depth_multiplier"] = DepthMultiplier;
        WriteWindowConfig(config);
        WriteWeightConfig(config, _kernel);
        return config;
    }
}
