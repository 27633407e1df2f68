using DeepKeras.Activations;
using DeepKeras.Engine;
using DeepKeras.Initializers;
using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// The shared base of depthwise convolutions (Keras <c>BaseDepthwiseConv</c>): every input channel is convolved with
/// its own <c>depth_multiplier</c> filters, giving <c>channels · depth_multiplier</c> outputs (channel c·m + j is filter
/// j of input channel c). Kernel layout <c>(*kernel_size, channels, depth_multiplier)</c>.
/// </summary>
public abstract class BaseDepthwiseConv : Layer
{
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
    protected BaseDepthwiseConv(int rank, int depthMultiplier, IntTuple kernelSize, IntTuple? strides, string padding,
        string? dataFormat, IntTuple? dilationRate, ActivationFunction? activation, bool useBias,
        Initializer? depthwiseInitializer, Initializer? biasInitializer, Shape? inputShape, string? name, bool trainable)
        : base(name, trainable, inputShape)
    {
        if (depthMultiplier <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(depthMultiplier), depthMultiplier,
                $"Invalid value for argument `depth_multiplier`. Expected a strictly positive value. Received depth_multiplier={depthMultiplier}.");
        }

        Rank = rank;
        DepthMultiplier = depthMultiplier;
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
        BiasInitializer = biasInitializer ?? new Zeros();
        InputSpec = new InputSpec { NDim = rank + 2 };
    }

    /// <summary>Gets the number of spatial axes.</summary>
    public int Rank { get; }

    /// <summary>Gets the number of filters per input channel.</summary>
    public int DepthMultiplier { get; }

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

    /// <summary>Gets the kernel initializer.</summary>
    public Initializer DepthwiseInitializer { get; }

    /// <summary>Gets the bias initializer.</summary>
    public Initializer BiasInitializer { get; }

    /// <summary>Gets the kernel, shape <c>(*kernel_size, channels, depth_multiplier)</c>; null before build.</summary>
    public Variable? Kernel { get; private set; }

    /// <summary>Gets the bias, shape <c>(channels · depth_multiplier,)</c>; null without bias or before build.</summary>
    public Variable? Bias { get; private set; }

    private bool ChannelsLast => DataFormat == "channels_last";

    private int InChannels => (int)Kernel!.Value.shape[Rank];

    /// <inheritdoc/>
    public override void Build(Shape inputShape)
    {
        var axis = ChannelsLast ? -1 : 1;
        var inChannels = inputShape[axis] ?? throw new ArgumentException(
            $"The channel dimension of the inputs to layer \"{Name}\" ({ClassName}) should be defined. Received: input_shape={inputShape}");
        Kernel = AddWeight("kernel", new Shape([.. KernelSize.Select(k => (int?)k), inChannels, DepthMultiplier]), DepthwiseInitializer);
        if (UseBias)
        {
            Bias = AddWeight("bias", inChannels * DepthMultiplier, BiasInitializer);
        }

        InputSpec = new InputSpec { NDim = Rank + 2, Axes = new Dictionary<int, int> { [axis] = inChannels } };
        ComputeOutputShape(inputShape);
    }

    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training)
    {
        var y = SpatialLayout.FromTorch(DepthwiseTorch(SpatialLayout.ToTorch(inputs, ChannelsLast), Bias?.Value), ChannelsLast);
        return Activation.Name == "linear" ? y : Activation.Call(y);
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
        config["kernel_size"] = Serialize(KernelSize);
        config["strides"] = Serialize(Strides);
        config["padding"] = Padding;
        config["data_format"] = DataFormat;
        config["dilation_rate"] = Serialize(DilationRate);
        config["activation"] = Serialize(Activation);
        config["use_bias"] = UseBias;
        config["depthwise_initializer"] = Serialize(DepthwiseInitializer);
        config["bias_initializer"] = Serialize(BiasInitializer);
        config["depthwise_regularizer"] = null;
        config["bias_regularizer"] = null;
        config["activity_regularizer"] = Serialize(ActivityRegularizer);
        config["depthwise_constraint"] = null;
        config["bias_constraint"] = null;
        return config;
    }
}
