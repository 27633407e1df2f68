using DeepKeras.Activations;
using DeepKeras.Constraints;
using DeepKeras.Initializers;
using DeepKeras.Regularizers;

namespace DeepKeras.Layers;

/// <summary>
/// A densely connected layer: <c>output = activation(dot(input, kernel) + bias)</c> on the last axis
/// (Keras <c>keras.layers.Dense</c>). The kernel has Keras's layout <c>(input_dim, units)</c>.
/// </summary>
/// <example><code>
/// var model = new Sequential(
///     new Dense(32, inputShape: 784),
///     new Dense(10, activation: "softmax"));
/// </code></example>
public class Dense : Layer
{
    /// <summary>Creates the layer.</summary>
    /// <param name="units">Positive number of output units.</param>
    /// <param name="activation">Activation name or delegate; default none (linear).</param>
    /// <param name="useBias">Whether to add a bias vector (default true).</param>
    /// <param name="kernelInitializer">Kernel initializer (default <c>glorot_uniform</c>).</param>
    /// <param name="biasInitializer">Bias initializer (default <c>zeros</c>).</param>
    /// <param name="inputShape">Input shape without the batch axis, for the first layer of a Sequential.</param>
    /// <param name="name">Layer name; default <c>dense</c>, <c>dense_1</c>, ….</param>
    /// <param name="trainable">Whether the weights are trained.</param>
    /// <param name="kernelRegularizer">Penalty on the kernel added to the training loss (e.g. <c>"l2"</c>); default none.</param>
    /// <param name="biasRegularizer">Penalty on the bias; default none.</param>
    /// <param name="activityRegularizer">Penalty on the output (divided by the batch size); default none.</param>
    /// <param name="kernelConstraint">Projection applied to the kernel after each optimizer update (e.g. <c>new MaxNorm(3)</c>); default none.</param>
    /// <param name="biasConstraint">Projection applied to the bias after each optimizer update; default none.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> is not positive.</exception>
    public Dense(
        int units,
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
        : base(name, trainable, inputShape)
    {
        if (units <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(units), units,
                $"Received an invalid value for `units`, expected a positive integer. Received: units={units}");
        }

        Units = units;
        Activation = activation ?? ActivationFunction.Get("linear");
        UseBias = useBias;
        KernelInitializer = kernelInitializer ?? new GlorotUniform();
        BiasInitializer = biasInitializer ?? new Zeros();
        KernelRegularizer = kernelRegularizer;
        BiasRegularizer = biasRegularizer;
        ActivityRegularizer = activityRegularizer;
        KernelConstraint = kernelConstraint;
        BiasConstraint = biasConstraint;
        InputSpec = new InputSpec { MinNDim = 2 };
    }

    /// <summary>Gets the number of output units.</summary>
    public int Units { get; }

    /// <summary>Gets the activation.</summary>
    public ActivationFunction Activation { get; }

    /// <summary>Gets whether a bias is added.</summary>
    public bool UseBias { get; }

    /// <summary>Gets the kernel initializer.</summary>
    public Initializer KernelInitializer { get; }

    /// <summary>Gets the bias initializer.</summary>
    public Initializer BiasInitializer { get; }

    /// <summary>Gets the kernel regularizer, if any.</summary>
    public Regularizer? KernelRegularizer { get; }

    /// <summary>Gets the bias regularizer, if any.</summary>
    public Regularizer? BiasRegularizer { get; }

    /// <summary>Gets the kernel constraint, if any.</summary>
    public Constraint? KernelConstraint { get; }

    /// <summary>Gets the bias constraint, if any.</summary>
    public Constraint? BiasConstraint { get; }

    /// <summary>Gets the kernel, shape <c>(input_dim, units)</c>; null before the layer is built.</summary>
    public Variable? Kernel { get; private set; }

    /// <summary>Gets the bias, shape <c>(units,)</c>; null without bias or before build.</summary>
    public Variable? Bias { get; private set; }

    /// <summary>Gets true: like Keras, a mask (e.g. from <c>Embedding(maskZero: true)</c>) passes through unchanged.</summary>
    public override bool SupportsMasking => true;

    /// <inheritdoc/>
    public override void Build(Shape inputShape)
    {
        var inputDim = inputShape[-1] ?? throw new ArgumentException(
            $"The last dimension of the input to layer \"{Name}\" (Dense) must be known. Received: input_shape={inputShape}");
        Kernel = AddWeight("kernel", (inputDim, Units), KernelInitializer, regularizer: KernelRegularizer, constraint: KernelConstraint);
        if (UseBias)
        {
            Bias = AddWeight("bias", Units, BiasInitializer, regularizer: BiasRegularizer, constraint: BiasConstraint);
        }

        InputSpec = new InputSpec { MinNDim = 2, Axes = new Dictionary<int, int> { [-1] = inputDim } };
    }

    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training)
    {
        var y = Bias is not null && inputs.dim() == 2
            ? addmm(Bias.Value, inputs, Kernel!.Value, 1, 1)
            : Bias is not null ? matmul(inputs, Kernel!.Value).add_(Bias.Value) : matmul(inputs, Kernel!.Value);
        return Activation.Name == "linear" ? y : Activation.Call(y);
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape.With(-1, Units);

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["units"] = Units;
        config["activation"] = Serialize(Activation);
        config["use_bias"] = UseBias;
        config["kernel_initializer"] = Serialize(KernelInitializer);
        config["bias_initializer"] = Serialize(BiasInitializer);
        config["kernel_regularizer"] = Serialize(KernelRegularizer);
        config["bias_regularizer"] = Serialize(BiasRegularizer);
        config["kernel_constraint"] = Serialize(KernelConstraint);
        config["bias_constraint"] = Serialize(BiasConstraint);
        config["quantization_config"] = null;
        return config;
    }
}
