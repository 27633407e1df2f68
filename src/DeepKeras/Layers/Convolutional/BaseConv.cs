using DeepKeras.Activations;
using DeepKeras.Constraints;
using DeepKeras.Engine;
using DeepKeras.Initializers;
using DeepKeras.Regularizers;
using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// The shared base of <see cref="Conv1D"/>, <see cref="Conv2D"/> and <see cref="Conv3D"/> (Keras <c>BaseConv</c>):
/// <c>output = activation(conv(input, kernel) + bias)</c>, cross-correlation as in Keras. The kernel has Keras's layout
/// <c>(*kernel_size, input_channels / groups, filters)</c>.
/// </summary>
public abstract class BaseConv : ConvLayer
{
    private readonly WeightSettings _kernel;

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
    /// <param name="kernelRegularizer">Penalty on the kernel added to the training loss; default none.</param>
    /// <param name="biasRegularizer">Penalty on the bias; default none.</param>
    /// <param name="activityRegularizer">Penalty on the output; default none.</param>
    /// <param name="kernelConstraint">Projection of the kernel after each optimizer update; default none.</param>
    /// <param name="biasConstraint">Projection of the bias after each optimizer update; default none.</param>
    protected BaseConv(int rank, int filters, IntTuple kernelSize, IntTuple? strides, string padding, string? dataFormat,
        IntTuple? dilationRate, int groups, ActivationFunction? activation, bool useBias, Initializer? kernelInitializer,
        Initializer? biasInitializer, Shape? inputShape, string? name, bool trainable, Regularizer? kernelRegularizer = null,
        Regularizer? biasRegularizer = null, Regularizer? activityRegularizer = null, Constraint? kernelConstraint = null,
        Constraint? biasConstraint = null)
        : base(rank, kernelSize, strides, padding, dataFormat, dilationRate, activation, useBias, biasInitializer,
            biasRegularizer, biasConstraint, activityRegularizer, inputShape, name, trainable, allowCausal: rank == 1)
    {
        Filters = Positive(filters, nameof(filters), "filters");
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

        Groups = groups;
        _kernel = new WeightSettings("kernel", kernelInitializer ?? new GlorotUniform(), kernelRegularizer, kernelConstraint);
    }

    /// <summary>Gets the number of output channels.</summary>
    public int Filters { get; }

    /// <summary>Gets the number of channel groups.</summary>
    public int Groups { get; }

    /// <summary>Gets the kernel initializer.</summary>
    public Initializer KernelInitializer => _kernel.Initializer;

    /// <summary>Gets the kernel regularizer, if any.</summary>
    public Regularizer? KernelRegularizer => _kernel.Regularizer;

    /// <summary>Gets the kernel constraint, if any.</summary>
    public Constraint? KernelConstraint => _kernel.Constraint;

    /// <summary>Gets the kernel, shape <c>(*kernel_size, in/groups, filters)</c>; null before build.</summary>
    public Variable? Kernel { get; private set; }

    /// <inheritdoc/>
    public override void Build(Shape inputShape)
    {
        var inChannels = InputChannels(inputShape);
        if (inChannels % Groups != 0)
        {
            throw new ArgumentException(
                $"The number of input channels must be evenly divisible by the number of groups. Received groups={Groups}, " +
                $"but the input has {inChannels} channels (full input shape is {inputShape}).");
        }

        ComputeOutputShape(inputShape);
        Kernel = AddWeight("kernel", new Shape([.. KernelSize.Select(k => (int?)k), inChannels / Groups, Filters]), _kernel);
        BuildBiasAndSpec(Filters, inChannels);
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
        return Activate(SpatialLayout.FromTorch(y, ChannelsLast));
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => ConvArgs.WindowOutputShape(
        this, inputShape, Rank, ChannelsLast, Filters, KernelSize, Strides, DilationRate, Padding == "valid" ? "valid" : "same");

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["filters"] = Filters;
        WriteWindowConfig(config);
        config["groups"] = Groups;
        WriteWeightConfig(config, _kernel);
        return config;
    }
}
