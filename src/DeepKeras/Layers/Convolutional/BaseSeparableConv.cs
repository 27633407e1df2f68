using DeepKeras.Activations;
using DeepKeras.Engine;
using DeepKeras.Initializers;
using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// The shared base of separable convolutions (Keras <c>BaseSeparableConv</c>): a depthwise convolution (each channel
/// alone, <c>depth_multiplier</c> filters each) followed by a 1×1 pointwise convolution that mixes channels. Weights:
/// <c>depthwise_kernel (*kernel_size, channels, depth_multiplier)</c>, <c>pointwise_kernel (1, …, 1, channels ·
/// depth_multiplier, filters)</c> and <c>bias (filters,)</c>.
/// </summary>
public abstract class BaseSeparableConv : Layer
{
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
    protected BaseSeparableConv(int rank, int depthMultiplier, int filters, IntTuple kernelSize, IntTuple? strides,
        string padding, string? dataFormat, IntTuple? dilationRate, ActivationFunction? activation, bool useBias,
        Initializer? depthwiseInitializer, Initializer? pointwiseInitializer, Initializer? biasInitializer,
        Shape? inputShape, string? name, bool trainable)
        : base(name, trainable, inputShape)
    {
        if (depthMultiplier <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(depthMultiplier), depthMultiplier,
                $"Invalid value for argument `depth_multiplier`. Expected a strictly positive value. Received depth_multiplier={depthMultiplier}.");
        }

        if (filters <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(filters), filters,
                $"Invalid value for argument `filters`. Expected a strictly positive value. Received filters={filters}.");
        }

        Rank = rank;
        DepthMultiplier = depthMultiplier;
        Filters = filters;
        KernelSize = kernelSize.Standardize(rank, "kernel_size");
        Strides = (strides ?? 1).Standardize(rank, "strides");
        DilationRate = (dilationRate ?? 1).Standardize(rank, "dilation_rate");
        Padding = ConvArgs.Padding(padding);
        DataFormat = ConvArgs.DataFormat(dataFormat);
        if (Strides.Max() > 1 && DilationRate.Max() > 1)
        {
            throw new ArgumentException(
                "`strides > 1` not supported in conjunction with `dilation_rate > 1`. " +
                $"Received: strides={strides} and dilation_rate={dilationRate}", nameof(dilationRate));
        }

        Activation = activation ?? ActivationFunction.Get("linear");
        UseBias = useBias;
        DepthwiseInitializer = depthwiseInitializer ?? new GlorotUniform();
        PointwiseInitializer = pointwiseInitializer ?? new GlorotUniform();
        BiasInitializer = biasInitializer ?? new Zeros();
        InputSpec = new InputSpec { NDim = rank + 2 };
    }

    /// <summary>Gets the number of spatial axes.</summary>
    public int Rank { get; }

    /// <summary>Gets the number of depthwise filters per input channel.</summary>
    public int DepthMultiplier { get; }

    /// <summary>Gets the number of output channels.</summary>
    public int Filters { get; }

    /// <summary>Gets the window size per axis.</summary>
    public int[] KernelSize { get; }

    /// <summary>Gets the strides per axis.</summary>
    public int[] Strides { get; }

    /// <summary>Gets the padding mode.</summary>
    public string Padding { get; }

    /// <summary>Gets the data format.</summary>
    public string DataFormat { get; }

    /// <summary>Gets the dilation rates per axis.</summary>
    public int[] DilationRate { get; }

    /// <summary>Gets the activation.</summary>
    public ActivationFunction Activation { get; }

    /// <summary>Gets whether a bias is added.</summary>
    public bool UseBias { get; }

    /// <summary>Gets the depthwise kernel initializer.</summary>
    public Initializer DepthwiseInitializer { get; }

    /// <summary>Gets the pointwise kernel initializer.</summary>
    public Initializer PointwiseInitializer { get; }

    /// <summary>Gets the bias initializer.</summary>
    public Initializer BiasInitializer { get; }

    /// <summary>Gets the depthwise kernel <c>(*kernel_size, channels, depth_multiplier)</c>; null before build.</summary>
    public Variable? DepthwiseKernel { get; private set; }

    /// <summary>Gets the pointwise kernel <c>(1, …, 1, channels · depth_multiplier, filters)</c>; null before build.</summary>
    public Variable? PointwiseKernel { get; private set; }

    /// <summary>Gets the bias <c>(filters,)</c>; null without bias or before build.</summary>
    public Variable? Bias { get; private set; }

    private bool ChannelsLast => DataFormat == "channels_last";

    /// <inheritdoc/>
    public override void Build(Shape inputShape)
    {
        var axis = ChannelsLast ? -1 : 1;
        var inChannels = inputShape[axis] ?? throw new ArgumentException(
            $"The channel dimension of the inputs to layer \"{Name}\" ({ClassName}) should be defined. Received: input_shape={inputShape}");
        ComputeOutputShape(inputShape);
        DepthwiseKernel = AddWeight("depthwise_kernel",
            new Shape([.. KernelSize.Select(k => (int?)k), inChannels, DepthMultiplier]), DepthwiseInitializer);
        PointwiseKernel = AddWeight("pointwise_kernel",
            new Shape([.. Enumerable.Repeat((int?)1, Rank), inChannels * DepthMultiplier, Filters]), PointwiseInitializer);
        if (UseBias)
        {
            Bias = AddWeight("bias", Filters, BiasInitializer);
        }

        InputSpec = new InputSpec { NDim = Rank + 2, Axes = new Dictionary<int, int> { [axis] = inChannels } };
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
        y = SpatialLayout.FromTorch(y, ChannelsLast);
        return Activation.Name == "linear" ? y : Activation.Call(y);
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
        config["kernel_size"] = Serialize(KernelSize);
        config["strides"] = Serialize(Strides);
        config["padding"] = Padding;
        config["data_format"] = DataFormat;
        config["dilation_rate"] = Serialize(DilationRate);
        config["activation"] = Serialize(Activation);
        config["use_bias"] = UseBias;
        config["depthwise_initializer"] = Serialize(DepthwiseInitializer);
        config["pointwise_initializer"] = Serialize(PointwiseInitializer);
        config["bias_initializer"] = Serialize(BiasInitializer);
        config["depthwise_regularizer"] = null;
        config["pointwise_regularizer"] = null;
        config["bias_regularizer"] = null;
        config["activity_regularizer"] = Serialize(ActivityRegularizer);
        config["depthwise_constraint"] = null;
        config["pointwise_constraint"] = null;
        config["bias_constraint"] = null;
        return config;
    }
}
