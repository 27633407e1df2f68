using DeepKeras.Activations;
using DeepKeras.Constraints;
using DeepKeras.Engine;
using DeepKeras.Initializers;
using DeepKeras.Regularizers;
using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// The shared base of transposed convolutions (Keras <c>BaseConvTranspose</c>), the "deconvolution" that goes from a
/// convolution's output shape back to its input shape. Kernel layout <c>(*kernel_size, filters, input_channels)</c>.
/// </summary>
/// <remarks>
/// Output length per axis (Keras/TensorFlow): valid → (n−1)·s + k + output_padding (default max(k, s) − k);
/// same → n·s, or (n−1)·s + k mod 2 + output_padding when <c>outputPadding</c> is given. The layer runs torch's
/// transposed convolution without padding (every contribution) and then crops or zero-extends each side to
/// TensorFlow's window, so the values match Keras even where torch's symmetric padding could not.
/// </remarks>
public abstract class BaseConvTranspose : ConvLayer
{
    private readonly WeightSettings _kernel;

    /// <summary>Validates and stores the configuration.</summary>
    /// <param name="rank">Number of spatial axes.</param>
    /// <param name="filters">Positive number of output channels.</param>
    /// <param name="kernelSize">Window size.</param>
    /// <param name="strides">Upsampling step (default 1).</param>
    /// <param name="padding"><c>valid</c> or <c>same</c>.</param>
    /// <param name="outputPadding">Extra cells at the end of each axis, each smaller than its stride; null picks Keras's default.</param>
    /// <param name="dataFormat"><c>channels_last</c> (default) or <c>channels_first</c>.</param>
    /// <param name="dilationRate">Dilation (default 1).</param>
    /// <param name="activation">Activation; default none.</param>
    /// <param name="useBias">Whether to add a bias per filter.</param>
    /// <param name="kernelInitializer">Kernel initializer (default glorot_uniform).</param>
    /// <param name="biasInitializer">Bias initializer (default zeros).</param>
    /// <param name="inputShape">Input shape without the batch axis.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the weights are trained.</param>
    /// <param name="kernelRegularizer">Penalty on the kernel added to the training loss; default none.</param>
    /// <param name="biasRegularizer">Penalty on the bias; default none.</param>
    /// <param name="activityRegularizer">Penalty on the output; default none.</param>
    /// <param name="kernelConstraint">Projection of the kernel after each optimizer update; default none.</param>
    /// <param name="biasConstraint">Projection of the bias after each optimizer update; default none.</param>
    protected BaseConvTranspose(int rank, int filters, IntTuple kernelSize, IntTuple? strides, string padding,
        IntTuple? outputPadding, string? dataFormat, IntTuple? dilationRate, ActivationFunction? activation, bool useBias,
        Initializer? kernelInitializer, Initializer? biasInitializer, Shape? inputShape, string? name, bool trainable,
        Regularizer? kernelRegularizer = null, Regularizer? biasRegularizer = null, Regularizer? activityRegularizer = null,
        Constraint? kernelConstraint = null, Constraint? biasConstraint = null)
        : base(rank, kernelSize, strides, padding, dataFormat, dilationRate, activation, useBias, biasInitializer,
            biasRegularizer, biasConstraint, activityRegularizer, inputShape, name, trainable)
    {
        Filters = Positive(filters, nameof(filters), "filters");
        OutputPadding = outputPadding?.Standardize(rank, "output_padding", min: 0);
        if (OutputPadding is { } op && op.Where((p, i) => p >= Strides[i]).Any())
        {
            throw new ArgumentException(
                $"Strides must be greater than output padding. Received strides={strides ?? 1}, output_padding={outputPadding}.",
                nameof(outputPadding));
        }

        _kernel = new WeightSettings("kernel", kernelInitializer ?? new GlorotUniform(), kernelRegularizer, kernelConstraint);
    }

    /// <summary>Gets the number of output channels.</summary>
    public int Filters { get; }

    /// <summary>Gets the output padding per axis, or null for Keras's default.</summary>
    public int[]? OutputPadding { get; }

    /// <summary>Gets the kernel initializer.</summary>
    public Initializer KernelInitializer => _kernel.Initializer;

    /// <summary>Gets the kernel regularizer, if any.</summary>
    public Regularizer? KernelRegularizer => _kernel.Regularizer;

    /// <summary>Gets the kernel constraint, if any.</summary>
    public Constraint? KernelConstraint => _kernel.Constraint;

    /// <summary>Gets the kernel, shape <c>(*kernel_size, filters, input_channels)</c>; null before build.</summary>
    public Variable? Kernel { get; private set; }

    /// <inheritdoc/>
    public override void Build(Shape inputShape)
    {
        var inChannels = InputChannels(inputShape);
        Kernel = AddWeight("kernel", new Shape([.. KernelSize.Select(k => (int?)k), Filters, inChannels]), _kernel);
        BuildBiasAndSpec(Filters, inChannels);
    }

    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training)
    {
        var x = SpatialLayout.ToTorch(inputs, ChannelsLast);
        var y = SpatialOps.ConvTranspose(x, SpatialLayout.KernelToTorch(Kernel!.Value), SpatialLayout.L(Strides), SpatialLayout.L(DilationRate));

        // y holds every contribution: (n−1)·s + k_eff per axis. Negative padding crops it to TensorFlow's window.
        var adjust = Enumerable.Range(0, Rank).Select(OutputAdjustment).ToArray();

        if (adjust.Any(a => a != (0, 0)))
        {
            y = nn.functional.pad(y, SpatialLayout.PadList(adjust));
        }

        if (Bias is not null)
        {
            var shape = Enumerable.Repeat(1L, Rank + 2).ToArray();
            shape[1] = Filters;
            y = y.add(Bias.Value.view(shape), ScalarScope.One);
        }

        return Activate(SpatialLayout.FromTorch(y, ChannelsLast));
    }

    /// <summary>
    /// The padding (positive) or cropping (negative) that turns the full transposed convolution along spatial axis
    /// <paramref name="i"/>, of length <c>(n−1)·s + k_eff</c>, into this layer's output (used by the ONNX exporter too).
    /// </summary>
    internal (int Left, int Right) OutputAdjustment(int i)
    {
        var (left, right) = TensorFlowPadding(i);
        var full = EffectiveKernel(i) - 1;
        return (left - full, right - full);
    }

    private int EffectiveKernel(int i) => ((KernelSize[i] - 1) * DilationRate[i]) + 1;

    /// <summary>The (left, right) padding TensorFlow/JAX apply to the stride-dilated input along axis <paramref name="i"/>.</summary>
    private (int Left, int Right) TensorFlowPadding(int i)
    {
        var k = EffectiveKernel(i);
        var s = Strides[i];
        if (Padding == "valid")
        {
            var op = OutputPadding?[i] ?? (Math.Max(k, s) - k);
            return (k - 1, k - 1 + op);
        }

        var padLen = OutputPadding is { } p ? k + (k % 2) - 2 + p[i] : s + k - 2;
        var left = Math.Min((padLen / 2) + (padLen % 2), k - 1);
        return (left, padLen - left);
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape)
    {
        var dims = inputShape.ToArray();
        var first = ChannelsLast ? 1 : 2;
        for (var i = 0; i < Rank; i++)
        {
            if (dims[first + i] is not { } n)
            {
                continue;
            }

            var k = EffectiveKernel(i);
            var s = Strides[i];
            dims[first + i] = Padding == "valid"
                ? ((n - 1) * s) + k + (OutputPadding?[i] ?? (Math.Max(k, s) - k))
                : OutputPadding is { } p ? ((n - 1) * s) + (k % 2) + p[i] : n * s;
        }

        dims[ChannelsLast ? Rank + 1 : 1] = Filters;
        return new Shape(dims);
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["filters"] = Filters;
        WriteWindowConfig(config);
        config["output_padding"] = Serialize(OutputPadding);
        WriteWeightConfig(config, _kernel);
        return config;
    }
}
