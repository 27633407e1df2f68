using DeepKeras.Activations;
using DeepKeras.Constraints;
using DeepKeras.Engine;
using DeepKeras.Initializers;
using DeepKeras.Regularizers;
using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// What every convolution shares (<see cref="BaseConv"/>, <see cref="BaseConvTranspose"/>,
/// <see cref="BaseDepthwiseConv"/>, <see cref="BaseSeparableConv"/>): the window arguments (kernel size, strides,
/// padding, data format, dilation), the activation, the bias with its initializer, regularizer and constraint, the
/// channel check of <c>Build</c> and the config keys of these arguments. Each kernel is described by a
/// <see cref="WeightSettings"/> of the subclass.
/// </summary>
public abstract class ConvLayer : Layer
{
    private readonly WeightSettings _bias;

    private protected ConvLayer(int rank, IntTuple kernelSize, IntTuple? strides, string padding, string? dataFormat,
        IntTuple? dilationRate, ActivationFunction? activation, bool useBias, Initializer? biasInitializer,
        Regularizer? biasRegularizer, Constraint? biasConstraint, Regularizer? activityRegularizer, Shape? inputShape,
        string? name, bool trainable, bool allowCausal = false)
        : base(name, trainable, inputShape)
    {
        Rank = rank;
        KernelSize = kernelSize.Standardize(rank, "kernel_size");
        Strides = (strides ?? 1).Standardize(rank, "strides");
        DilationRate = (dilationRate ?? 1).Standardize(rank, "dilation_rate");
        Padding = ConvArgs.Padding(padding, allowCausal);
        DataFormat = ConvArgs.DataFormat(dataFormat);
        if (Strides.Max() > 1 && DilationRate.Max() > 1)
        {
            throw new ArgumentException(
                "`strides > 1` not supported in conjunction with `dilation_rate > 1`. " +
                $"Received: strides={strides} and dilation_rate={dilationRate}", nameof(dilationRate));
        }

        Activation = activation ?? ActivationFunction.Get("linear");
        UseBias = useBias;
        _bias = new WeightSettings("bias", biasInitializer ?? new Zeros(), biasRegularizer, biasConstraint);
        ActivityRegularizer = activityRegularizer;
        InputSpec = new InputSpec { NDim = rank + 2 };
    }

    /// <summary>Gets the number of spatial axes.</summary>
    public int Rank { get; }

    /// <summary>Gets the window size, one value per spatial axis.</summary>
    public int[] KernelSize { get; }

    /// <summary>Gets the strides, one value per spatial axis.</summary>
    public int[] Strides { get; }

    /// <summary>Gets the padding mode (<c>valid</c>, <c>same</c> or, for Conv1D, <c>causal</c>).</summary>
    public string Padding { get; }

    /// <summary>Gets the data format (<c>channels_last</c> or <c>channels_first</c>).</summary>
    public string DataFormat { get; }

    /// <summary>Gets the dilation rates, one value per spatial axis.</summary>
    public int[] DilationRate { get; }

    /// <summary>Gets the activation.</summary>
    public ActivationFunction Activation { get; }

    /// <summary>Gets whether a bias is added.</summary>
    public bool UseBias { get; }

    /// <summary>Gets the bias initializer.</summary>
    public Initializer BiasInitializer => _bias.Initializer;

    /// <summary>Gets the bias regularizer, if any.</summary>
    public Regularizer? BiasRegularizer => _bias.Regularizer;

    /// <summary>Gets the bias constraint, if any.</summary>
    public Constraint? BiasConstraint => _bias.Constraint;

    /// <summary>Gets the bias, one value per output channel; null without bias or before build.</summary>
    public Variable? Bias { get; private set; }

    /// <summary>Gets whether the channel axis is last.</summary>
    protected bool ChannelsLast => DataFormat == "channels_last";

    /// <summary>Checks a count argument (<c>filters</c>, <c>depth_multiplier</c>) is positive, as Keras does.</summary>
    /// <exception cref="ArgumentOutOfRangeException">It is zero or negative; the message names the Keras argument.</exception>
    private protected static int Positive(int value, string paramName, string kerasName) => value > 0
        ? value
        : throw new ArgumentOutOfRangeException(paramName, value,
            $"Invalid value for argument `{kerasName}`. Expected a strictly positive value. Received {kerasName}={value}.");

    /// <summary>The channel count of an input shape; fails with the layer's name when it is unknown.</summary>
    private protected int InputChannels(Shape inputShape) => inputShape[ChannelsLast ? -1 : 1] ?? throw new ArgumentException(
        $"The channel dimension of the inputs to layer \"{Name}\" ({ClassName}) should be defined. Received: input_shape={inputShape}");

    /// <summary>Creates the bias (when used) and pins the input's channel count; call at the end of <c>Build</c>.</summary>
    private protected void BuildBiasAndSpec(int biasSize, int inChannels)
    {
        if (UseBias)
        {
            Bias = AddWeight("bias", biasSize, _bias);
        }

        InputSpec = new InputSpec { NDim = Rank + 2, Axes = new Dictionary<int, int> { [ChannelsLast ? -1 : 1] = inChannels } };
    }

    /// <summary>Applies the activation (nothing for <c>linear</c>).</summary>
    private protected Tensor Activate(Tensor y) => Activation.Name == "linear" ? y : Activation.Call(y);

    /// <summary>Writes <c>kernel_size</c>, <c>strides</c>, <c>padding</c>, <c>data_format</c> and <c>dilation_rate</c>.</summary>
    private protected void WriteWindowConfig(Dictionary<string, object?> config)
    {
        config["kernel_size"] = Serialize(KernelSize);
        config["strides"] = Serialize(Strides);
        config["padding"] = Padding;
        config["data_format"] = DataFormat;
        config["dilation_rate"] = Serialize(DilationRate);
    }

    /// <summary>
    /// Writes <c>activation</c>, <c>use_bias</c> and the initializer, regularizer and constraint keys of the kernels
    /// and the bias, with <c>activity_regularizer</c>, in Keras's order.
    /// </summary>
    private protected void WriteWeightConfig(Dictionary<string, object?> config, params WeightSettings[] kernels)
    {
        config["activation"] = Serialize(Activation);
        config["use_bias"] = UseBias;
        WeightSettings.WriteConfig(config, ActivityRegularizer, writeActivity: true, [.. kernels, _bias]);
    }
}
