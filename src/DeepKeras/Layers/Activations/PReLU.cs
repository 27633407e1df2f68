using DeepKeras.Engine;
using DeepKeras.Initializers;
using DeepKeras.Regularizers;
using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// Parametric rectified linear unit: f(x) = x for x ≥ 0 and alpha·x for x &lt; 0, with alpha learned per input
/// element (Keras <c>keras.layers.PReLU</c>).
/// </summary>
/// <remarks>
/// Input shape: any, with known sizes on the axes that are not shared. Output shape: the input shape. Weight
/// <c>alpha</c> has the input shape without the batch axis, with size 1 on each of <see cref="SharedAxes"/>
/// (e.g. <c>sharedAxes: [1, 2]</c> on <c>(None, h, w, c)</c> gives one alpha per channel, shape <c>(1, 1, c)</c>).
/// </remarks>
/// <example><code>
/// var model = Sequential(Input(shape: 784), Layers.Dense(64), Layers.PReLU(), Layers.Dense(10));
/// </code></example>
public sealed class PReLU : Layer
{
    /// <summary>Creates the layer.</summary>
    /// <param name="alphaInitializer">Initializer of alpha (default <c>"zeros"</c>, so the layer starts as a ReLU).</param>
    /// <param name="alphaRegularizer">Penalty on alpha added to the training loss, or null.</param>
    /// <param name="sharedAxes">Axes (1-based, the batch axis is 0) along which one alpha is shared, or null.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    /// <exception cref="ArgumentOutOfRangeException">An entry of <paramref name="sharedAxes"/> is not positive.</exception>
    public PReLU(Initializer? alphaInitializer = null, Regularizer? alphaRegularizer = null, IReadOnlyList<int>? sharedAxes = null,
        string? name = null, bool trainable = true, Shape? inputShape = null)
        : base(name, trainable, inputShape)
    {
        if (sharedAxes is not null && sharedAxes.Any(a => a <= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(sharedAxes), sharedAxes.First(a => a <= 0),
                $"Expected `shared_axes` to hold axes >= 1 (axis 0 is the batch). Received: shared_axes=[{string.Join(", ", sharedAxes)}]");
        }

        AlphaInitializer = alphaInitializer ?? new Zeros();
        AlphaRegularizer = alphaRegularizer;
        SharedAxes = sharedAxes?.ToArray();
    }

    /// <summary>Gets the initializer of alpha.</summary>
    public Initializer AlphaInitializer { get; }

    /// <summary>Gets the penalty on alpha, if any.</summary>
    public Regularizer? AlphaRegularizer { get; }

    /// <summary>Gets the axes along which alpha is shared, if any.</summary>
    public IReadOnlyList<int>? SharedAxes { get; }

    /// <summary>Gets the learned slopes (after build).</summary>
    public Variable? Alpha { get; private set; }

    /// <inheritdoc/>
    public override bool SupportsMasking => true;

    /// <inheritdoc/>
    public override void Build(Shape inputShape)
    {
        var rank = inputShape.Rank;
        if (SharedAxes is not null && SharedAxes.Any(a => a >= rank))
        {
            var outOfRange = SharedAxes.First(a => a >= rank);
            throw new ArgumentException(
                $"Layer \"{Name}\" (PReLU): `shared_axes` must be axes of the input (1 to {rank - 1}). " +
                $"Received: shared_axes=[{string.Join(", ", SharedAxes)}] with input shape {inputShape}, axis {outOfRange} is out of range.");
        }

        var shape = new int?[rank - 1];
        var axes = new Dictionary<int, int>();
        for (var i = 1; i < rank; i++)
        {
            if (SharedAxes?.Contains(i) == true)
            {
                shape[i - 1] = 1;
                continue;
            }

            var size = inputShape[i] ?? throw new ArgumentException(
                $"Layer \"{Name}\" (PReLU) needs a known size on every axis that is not shared. Received: input_shape={inputShape}, axis {i} is unknown.");
            shape[i - 1] = size;
            axes[i] = size;
        }

        Alpha = AddWeight("alpha", new Shape(shape), AlphaInitializer, regularizer: AlphaRegularizer);
        InputSpec = new InputSpec { NDim = rank, Axes = axes };
    }

    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training) =>
        nn.functional.relu(inputs) - Alpha!.Value * nn.functional.relu(-inputs);

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["alpha_initializer"] = Serialize(AlphaInitializer);
        c["alpha_regularizer"] = Serialize(AlphaRegularizer);
        c["alpha_constraint"] = null;
        c["shared_axes"] = SharedAxes?.ToArray();
        return c;
    }
}
