using DeepKeras.Activations;
using DeepKeras.Engine;
using DeepKeras.Initializers;
using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// The shared base of <see cref="Conv1D"/>, <see cref="Conv2D"/> and <see cref="Conv3D"/> (Keras <c>BaseConv</c>):
/// <c>output = activation(conv(input, kernel) + bias)</c>, cross-correlation as in Keras. The kernel has Keras's layout
/// <c>(*kernel_size, input_channels / groups, filters)</c>.
/// </summary>
public abstract class BaseConv : Layer
{
    /// <summary>Validates and stores the configuration.</summary>
    /// <param name="rank">Number of spatial axes (1, 2 or 3).</param>
    /// <param name="filters">Positive number of output channels.</param>
    /// <param name="kernelSize">Window size: one int for every axis or one per axis.</param>
    /// <param name="strides">Step of the window (default 1).</param>
    /// <param name="padding"><c>valid</c> (no padding), <c>same</c> (output ⌈n/s⌉) or, for 1-D, <c>causal</c>.</param>
    /// <param name="dataFormat"><c>channels_last</c> (default) or <c>channels_first</c>.</param>
    /// <param name="dilationRate">Dilation of the window (default 1); cannot be combined with strides &gt; 1.</param>
    /// <param name="groups">Number of channel groups; input channels and filters must divide by it.</param>
    /// <param name="activation">Activation; default none.</param>
    /// <param name="useBias">Whether to add a bias per filter.</param>
    /// <param name="kernelInitializer">Kernel initializer (default glorot_uniform).</param>
    /// <param name="biasInitializer">Bias initializer (default zeros).</param>
    /// <param name="inputShape">Input shape without the batch axis, for the first layer of a Sequential.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the weights are trained.</param>
    protected BaseConv(int rank, int filters, IntTuple kernelSize, IntTuple? strides, string padding, string? dataFormat,
        IntTuple? dilationRate, int groups, ActivationFunction? activation, bool useBias, Initializer? kernelInitializer,
        Initializer? biasInitializer, Shape? inputShape, string? name, bool trainable)
        : base(name, trainable, inputShape)
    {
        if (filters <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(filters), filters,
                $"Invalid value for argument `filters`. Expected a strictly positive value. Received filters={filters}.");
        }

        if (groups <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(groups), groups,
                $"The number of groups must be a positive integer. Received: groups={groups}.");
        }

        if (filters % groups != 0)
        {
            throw new ArgumentException(
                "The number of filters must be evenly divisible by the number of groups. " +
                $"Received: groups={groups}, filters={filters}.", nameof(groups));
        }

        Rank = rank;
        Filters = filters;
        Groups = groups;
        KernelSize = kernelSize.Standardize(rank, "kernel_size");
        Strides = (strides ?? 1).Standardize(rank, "strides");
        DilationRate = (dilationRate ?? 1).Standardize(rank, "dilation_rate");
        Padding = ConvArgs.Padding(padding, allowCausal: rank == 1);
        DataFormat = ConvArgs.DataFormat(dataFormat);
        if (Strides.Max() > 1 && DilationRate.Max() > 1)
        {
            throw new ArgumentException(
                "`strides > 1` not supported in conjunction with `dilation_rate > 1`. " +
                $"Received: strides={strides} and dilation_rate={dilationRate}", nameof(dilationRate));
        }

        Activation = activation ?? ActivationFunction.Get("linear");
        UseBias = useBias;
        KernelInitializer = kernelInitializer ?? new GlorotUniform();
        BiasInitializer = biasInitializer ?? new Zeros();
        InputSpec = new InputSpec { NDim = rank + 2 };
    }

    /// <summary>Gets the number of spatial axes.</summary>
    public int Rank { get; }

    /// <summary>Gets the number of output channels.</summary>
    public int Filters { get; }

    /// <summary>Gets the window size, one value per spatial axis.</summary>
    public int[] KernelSize { get; }

    /// <summary>Gets the strides, one value per spatial axis.</summary>
    public int[] Strides { get; }

    /// <summary>Gets the padding mode (<c>valid</c>, <c>same</c> or <c>causal</c>).</summary>
    public string Padding { get; }

    /// <summary>Gets the data format (<c>channels_last</c> or <c>channels_first</c>).</summary>
    public string DataFormat { get; }

    /// <summary>Gets the dilation rates, one value per spatial axis.</summary>
    public int[] DilationRate { get; }

    /// <summary>Gets the number of channel groups.</summary>
    public int Groups { get; }

    /// <summary>Gets the activation.</summary>
    public ActivationFunction Activation { get; }

    /// <summary>Gets whether a bias is added.</summary>
    public bool UseBias { get; }

    /// <summary>Gets the kernel initializer.</summary>
    public Initializer KernelInitializer { get; }

    /// <summary>Gets the bias initializer.</summary>
    public Initializer BiasInitializer { get; }

    /// <summary>Gets the kernel, shape <c>(*kernel_size, in/groups, filters)</c>; null before build.</summary>
    public Variable? Kernel { get; private set; }

    /// <summary>Gets the bias, shape <c>(filters,)</c>; null without bias or before build.</summary>
    public Variable? Bias { get; private set; }

    /// <summary>Gets whether the channel axis is last.</summary>
    protected bool ChannelsLast => DataFormat == "channels_last";

    /// <inheritdoc/>
    public override void Build(Shape inputShape)
    {
        var axis = ChannelsLast ? -1 : 1;
        var inChannels = inputShape[axis] ?? throw new ArgumentException(
            $"The channel dimension of the inputs to layer \"{Name}\" ({ClassName}) should be defined. Received: input_shape={inputShape}");
        if (inChannels % Groups != 0)
        {
            throw new ArgumentException(
                $"The number of input channels must be evenly divisible by the number of groups. Received groups={Groups}, " +
                $"but the input has {inChannels} channels (full input shape is {inputShape}).");
        }

        ComputeOutputShape(inputShape);
        Kernel = AddWeight("kernel", new Shape([.. KernelSize.Select(k => (int?)k), inChannels / Groups, Filters]), KernelInitializer);
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
        long[] pad;
        if (Padding == "same")
        {
            (x, pad) = SpatialLayout.PadSame(x, KernelSize, Strides, DilationRate);
        }
        else
        {
            if (Padding == "causal")
            {
                x = nn.functional.pad(x, [DilationRate[0] * (KernelSize[0] - 1), 0]);
            }

            pad = new long[Rank];
        }

        var y = SpatialOps.Conv(x, SpatialLayout.KernelToTorch(Kernel!.Value), Bias?.Value,
            SpatialLayout.L(Strides), pad, SpatialLayout.L(DilationRate), Groups);
        y = SpatialLayout.FromTorch(y, ChannelsLast);
        return Activation.Name == "linear" ? y : Activation.Call(y);
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => ConvArgs.WindowOutputShape(
        this, inputShape, Rank, ChannelsLast, Filters, KernelSize, Strides, DilationRate, Padding == "valid" ? "valid" : "same");

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["filters"] = Filters;
        config["kernel_size"] = Serialize(KernelSize);
        config["strides"] = Serialize(Strides);
        config["padding"] = Padding;
        config["data_format"] = DataFormat;
        config["dilation_rate"] = Serialize(DilationRate);
        config["groups"] = Groups;
        config["activation"] = Serialize(Activation);
        config["use_bias"] = UseBias;
        config["kernel_initializer"] = Serialize(KernelInitializer);
        config["bias_initializer"] = Serialize(BiasInitializer);
        config["kernel_regularizer"] = null;
        config["bias_regularizer"] = null;
        config["activity_regularizer"] = Serialize(ActivityRegularizer);
        config["kernel_constraint"] = null;
        config["bias_constraint"] = null;
        return config;
    }
}
