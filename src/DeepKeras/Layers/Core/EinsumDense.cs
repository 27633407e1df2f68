using DeepKeras.Activations;
using DeepKeras.Constraints;
using DeepKeras.Engine;
using DeepKeras.Initializers;
using DeepKeras.Regularizers;
using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// A dense layer of any dimensionality written as an einsum equation (Keras <c>keras.layers.EinsumDense</c>):
/// <c>output = activation(einsum(equation, input, kernel) + bias)</c>. The kernel's axes are the letters of the second
/// operand; the bias covers the output axes named in <c>biasAxes</c> (and every later output axis, with size 1).
/// </summary>
/// <remarks>
/// Equations have the form <c>ab,bc-&gt;ac</c>, <c>...ab,bc-&gt;...ac</c> or <c>ab...,bc-&gt;ac...</c>. The
/// <c>outputShape</c> excludes the batch axis and the axes the ellipsis stands for; <c>null</c> marks an axis taken from
/// the input. A variance-scaling kernel initializer (the default glorot_uniform) takes its fans from the kernel axes
/// shared with the input and with the output, as in Keras.
/// </remarks>
/// <example><code>
/// // the same as Dense(64) on a (batch, 32) input
/// var dense = Layers.EinsumDense("ab,bc->ac", outputShape: 64, biasAxes: "c");
/// // a per-step projection to 4 heads of 8 units: (batch, time, 16) -> (batch, time, 4, 8)
/// var heads = Layers.EinsumDense("abc,cde->abde", outputShape: new int?[] { null, 4, 8 }, biasAxes: "de");
/// </code></example>
public class EinsumDense : Layer
{
    /// <summary>Creates the layer.</summary>
    /// <param name="equation">The einsum equation, e.g. <c>"ab,bc-&gt;ac"</c>.</param>
    /// <param name="outputShape">The output shape without the batch axis and the elided axes; null entries are taken from the input.</param>
    /// <param name="activation">Activation name or function; default none (linear).</param>
    /// <param name="biasAxes">The output axes (letters of the equation's output) that get a bias; default none.</param>
    /// <param name="kernelInitializer">Kernel initializer (default <c>glorot_uniform</c>).</param>
    /// <param name="biasInitializer">Bias initializer (default <c>zeros</c>).</param>
    /// <param name="kernelRegularizer">Penalty on the kernel; default none.</param>
    /// <param name="biasRegularizer">Penalty on the bias; default none.</param>
    /// <param name="kernelConstraint">Projection of the kernel after each optimizer update; default none.</param>
    /// <param name="biasConstraint">Projection of the bias after each optimizer update; default none.</param>
    /// <param name="activityRegularizer">Penalty on the output; default none.</param>
    /// <param name="name">Layer name; default <c>einsum_dense</c>, <c>einsum_dense_1</c>, ….</param>
    /// <param name="trainable">Whether the weights are trained.</param>
    /// <param name="inputShape">Input shape without the batch axis, for the first layer of a Sequential.</param>
    /// <exception cref="ArgumentException">The equation is not of a supported form.</exception>
    public EinsumDense(
        string equation,
        Shape outputShape,
        ActivationFunction? activation = null,
        string? biasAxes = null,
        Initializer? kernelInitializer = null,
        Initializer? biasInitializer = null,
        Regularizer? kernelRegularizer = null,
        Regularizer? biasRegularizer = null,
        Constraint? kernelConstraint = null,
        Constraint? biasConstraint = null,
        Regularizer? activityRegularizer = null,
        string? name = null,
        bool trainable = true,
        Shape? inputShape = null)
        : base(name, trainable, inputShape)
    {
        ArgumentNullException.ThrowIfNull(equation);
        EinsumShapes.Parse(equation);
        Equation = equation;
        PartialOutputShape = outputShape;
        Activation = activation ?? ActivationFunction.Get("linear");
        BiasAxes = biasAxes;
        KernelSettings = new WeightSettings("kernel", kernelInitializer ?? new GlorotUniform(), kernelRegularizer, kernelConstraint);
        BiasSettings = new WeightSettings("bias", biasInitializer ?? new Zeros(), biasRegularizer, biasConstraint);
        ActivityRegularizer = activityRegularizer;
    }

    /// <summary>Gets the einsum equation.</summary>
    public string Equation { get; }

    /// <summary>Gets the output shape given at construction (no batch axis, no elided axes).</summary>
    public Shape PartialOutputShape { get; }

    /// <summary>Gets the activation.</summary>
    public ActivationFunction Activation { get; }

    /// <summary>Gets the output axes that get a bias, or null.</summary>
    public string? BiasAxes { get; }

    /// <summary>Gets the kernel, in the layout of the equation's second operand; null before build.</summary>
    public Variable? Kernel { get; private set; }

    /// <summary>Gets the bias; null without <see cref="BiasAxes"/> or before build.</summary>
    public Variable? Bias { get; private set; }

    private WeightSettings KernelSettings { get; }

    private WeightSettings BiasSettings { get; }

    /// <inheritdoc/>
    public override void Build(Shape inputShape)
    {
        var shapes = Analyze(inputShape);
        InputSpec = new InputSpec { NDim = inputShape.Rank };
        var kernel = KnownShape(shapes.Kernel, "kernel", inputShape);
        var init = KernelSettings.Initializer is VarianceScaling { InputAxes: null } or VarianceScaling { OutputAxes: null }
            ? WithFans((VarianceScaling)KernelSettings.Initializer, shapes.InputAxes, shapes.OutputAxes)
            : KernelSettings.Initializer;
        Kernel = AddWeight("kernel", kernel, KernelSettings with { Initializer = init });
        if (shapes.Bias is { } bias)
        {
            Bias = AddWeight("bias", KnownShape(bias, "bias", inputShape), BiasSettings);
        }
    }

    // Keras re-creates a variance-scaling initializer with the fans of this equation's kernel axes.
    private static VarianceScaling WithFans(VarianceScaling v, int[] inputAxes, int[] outputAxes) =>
        new(v.Scale, v.Mode, v.Distribution, v.Seed, inputAxes, outputAxes);

    private Shape KnownShape(int?[] dims, string what, Shape inputShape) => dims.All(d => d.HasValue)
        ? new Shape(dims)
        : throw new ArgumentException(
            $"Layer \"{Name}\" (EinsumDense): the {what} shape {new Shape(dims)} of equation '{Equation}' must be fully known; " +
            $"give its sizes in `output_shape` or the input shape. Received: input_shape={inputShape}, output_shape={PartialOutputShape}");

    private EinsumShapes Analyze(Shape inputShape)
    {
        try
        {
            return EinsumShapes.Analyze(Equation, BiasAxes, inputShape, PartialOutputShape.ToArray());
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"Layer \"{Name}\" (EinsumDense): {e.Message}", e);
        }
    }

    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training)
    {
        var y = einsum(Equation, inputs, Kernel!.Value);
        if (Bias is not null)
        {
            y = y.add_(Bias.Value, ScalarScope.One);
        }

        return Activation.Name == "linear" ? y : Activation.Call(y);
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => new(Analyze(inputShape).Output);

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["output_shape"] = Serialize(PartialOutputShape);
        config["equation"] = Equation;
        config["activation"] = Serialize(Activation);
        config["bias_axes"] = BiasAxes;
        WeightSettings.WriteConfig(config, ActivityRegularizer, true, KernelSettings, BiasSettings);
        config["quantization_config"] = null;
        return config;
    }
}
