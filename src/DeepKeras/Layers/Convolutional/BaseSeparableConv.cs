using DeepKeras.Activations;
using DeepKeras.Constraints;
using DeepKeras.Engine;
using DeepKeras.Initializers;
using DeepKeras.Regularizers;
using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// The shared base of separable convolutions (Keras <c>BaseSeparableConv</c>): a depthwise convolution (each channel
/// alone, <c>depth_multiplier</c> filters each) followed by a 1×1 pointwise convolution that mixes channels. Weights:
/// <c>depthwise_kernel (*kernel_size, channels, depth_multiplier)</c>, <c>pointwise_kernel (1, …, 1, channels ·
/// depth_multiplier, filters)</c> and <c>bias (filters,)</c>.
/// </summary>
public abstract class BaseSeparableConv : ConvLayer
{
    private readonly WeightSettings _depthwise;
    private readonly WeightSettings _pointwise;

    /// <summary>Validates and stores the configuration.</summary>
    /// <param name="rank">Number of spatial axes.</param>
    /// <param name="depthMultiplier">Positive number of depthwise filters per input channel.</param>
    /// <param name="filters">Positive number of output channels.</param>
    /// <param name="kernelSize">Window size.</param>
    /// <param name="strides">Step (default 1).</param>
    /// <param name="padding"><c>valid</c> or <c>same</c>.</param>
    /// <param name="dataFormat"><c>channels_last</c> (default) or <c>channels_first</c>.</param>
    /// <param name="dilationRate">Dilation (default 1).</param>
    /// <param name="activation">Activation; default none.</param>
    /// <param name="useBias">Whether to add a bias per filter.</param>
    /// <param name="depthwiseInitializer">Depthwise kernel initializer (default glorot_uniform).</param>
    /// <param name="pointwiseInitializer">Pointwise kernel initializer (default glorot_uniform).</param>
    /// <param name="biasInitializer">Bias initializer (default zeros).</param>
    /// <param name="inputShape">Input shape without the batch axis.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the weights are trained.</param>
    /// <param name="depthwiseRegularizer">Penalty on the depthwise kernel; default none.</param>
    /// <param name="pointwiseRegularizer">Penalty on the pointwise kernel; default none.</param>
    /// <param name="biasRegularizer">Penalty on the bias; default none.</param>
    /// <param name="activityRegularizer">Penalty on the output; default none.</param>
    /// <param name="depthwiseConstraint">Projection of the depthwise kernel after each optimizer update; default none.</param>
    /// <param name="pointwiseConstraint">Projection of the pointwise kernel after each optimizer update; default none.</param>
    /// <param name="biasConstraint">Projection of the bias after each optimizer update; default none.</param>
    protected BaseSeparableConv(int rank, int depthMultiplier, int filters, IntTuple kernelSize, IntTuple? strides,
        string padding, string? dataFormat, IntTuple? dilationRate, ActivationFunction? activation, bool useBias,
        Initializer? depthwiseInitializer, Initializer? pointwiseInitializer, Initializer? biasInitializer,
        Shape? inputShape, string? name, bool trainable, Regularizer? depthwiseRegularizer = null,
        Regularizer? pointwiseRegularizer = null, Regularizer? biasRegularizer = null, Regularizer? activityRegularizer = null,
        Constraint? depthwiseConstraint = null, Constraint? pointwiseConstraint = null, Constraint? biasConstraint = null)
        : base(rank, kernelSize, strides, padding, dataFormat, dilationRate, activation, useBias, biasInitializer,
            biasRegularizer, biasConstraint, activityRegularizer, inputShape, name, trainable)
    {
        DepthMultiplier = Positive(depthMultiplier, nameof(depthMultiplier), "depth_multiplier");
        Filters = Positive(filters, nameof(filters), "filters");
        _depthwise = new WeightSettings("depthwise", depthwiseInitializer ?? new GlorotUniform(), depthwiseRegularizer, depthwiseConstraint);
        _pointwise = new WeightSettings("pointwise", pointwiseInitializer ?? new GlorotUniform(), pointwiseRegularizer, pointwiseConstraint);
    }

    /// <summary>Gets the number of depthwise filters per input channel.</summary>
    public int DepthMultiplier { get; }

    /// <summary>Gets the number of output channels.</summary>
    public int Filters { get; }

    /// <summary>Gets the depthwise kernel initializer.</summary>
    public Initializer DepthwiseInitializer => _depthwise.Initializer;

    /// <summary>Gets the pointwise kernel initializer.</summary>
    public Initializer PointwiseInitializer => _pointwise.Initializer;

    /// <summary>Gets the depthwise kernel regularizer, if any.</summary>
    public Regularizer? DepthwiseRegularizer => _depthwise.Regularizer;

    /// <summary>Gets the pointwise kernel regularizer, if any.</summary>
    public Regularizer? PointwiseRegularizer => _pointwise.Regularizer;

    /// <summary>Gets the depthwise kernel constraint, if any.</summary>
    public Constraint? DepthwiseConstraint => _depthwise.Constraint;

    /// <summary>Gets the pointwise kernel constraint, if any.</summary>
    public Constraint? PointwiseConstraint => _pointwise.Constraint;

    /// <summary>Gets the depthwise kernel <c>(*kernel_size, channels, depth_multiplier)</c>; null before build.</summary>
    public Variable? DepthwiseKernel { get; private set; }

    /// <summary>Gets the pointwise kernel <c>(1, …, 1, channels · depth_multiplier, filters)</c>; null before build.</summary>
    public Variable? PointwiseKernel { get; private set; }

    /// <inheritdoc/>
    public override void Build(Shape inputShape)
    {
        var inChannels = InputChannels(inputShape);
        ComputeOutputShape(inputShape);
        DepthwiseKernel = AddWeight("depthwise_kernel",
            new Shape([.. KernelSize.Select(k => (int?)k), inChannels, DepthMultiplier]), _depthwise);
        PointwiseKernel = AddWeight("pointwise_kernel",
            new Shape([.. Enumerable.Repeat((int?)1, Rank), inChannels * DepthMultiplier, Filters]), _pointwise);
        BuildBiasAndSpec(Filters, inChannels);
    }

    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training)
    {
        var x = SpatialLayout.ToTorch(inputs, ChannelsLast);
        long[] pad = new long[Rank];
        if (Padding == "same")
        {
            (x, pad) = SpatialLayout.PadSame(x, KernelSize, Strides, DilationRate);
        }

        // Depthwise: (*k, C, m) → (*k, 1, C·m) as a grouped conv with one group per channel, then the 1×1 pointwise conv.
        var dk = DepthwiseKernel!.Value;
        var channels = dk.shape[Rank];
        var dw = dk.reshape([.. dk.shape[..Rank], 1, channels * DepthMultiplier]);
        var h = SpatialOps.Conv(x, SpatialLayout.KernelToTorch(dw), null, SpatialLayout.L(Strides), pad,
            SpatialLayout.L(DilationRate), channels);
        var ones = Enumerable.Repeat(1L, Rank).ToArray();
        var y = SpatialOps.Conv(h, SpatialLayout.KernelToTorch(PointwiseKernel!.Value), Bias?.Value, ones, new long[Rank], ones, 1);
        return Activate(SpatialLayout.FromTorch(y, ChannelsLast));
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => ConvArgs.WindowOutputShape(
        this, inputShape, Rank, ChannelsLast, Filters, KernelSize, Strides, DilationRate, Padding);

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["depth_multiplier"] = DepthMultiplier;
        config["filters"] = Filters;
        WriteWindowConfig(config);
        WriteWeightConfig(config, _depthwise, _pointwise);
        return config;
    }
}
