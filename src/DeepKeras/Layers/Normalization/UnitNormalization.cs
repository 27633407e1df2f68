using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// Scales each sample to unit L2 norm over the given axes (Keras <c>keras.layers.UnitNormalization</c>):
/// x · min(1/√Σx², 1e12), as Keras's <c>ops.normalize(order=2, epsilon=1e-12)</c>.
/// </summary>
/// <remarks>Input shape: any. Output shape: the input shape. No weights.</remarks>
/// <example><code>
/// var y = Layers.UnitNormalization().Apply(tensor(new float[,] { { 0, 1, 2 }, { 3, 4, 5 } }));   // rows of norm 1
/// </code></example>
public sealed class UnitNormalization : Layer
{
    private readonly int[] _axis;
    private readonly bool _axisIsList;

    /// <summary>Creates the layer normalizing over one axis.</summary>
    /// <param name="axis">The axis (default −1, the features).</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    public UnitNormalization(int axis = -1, string? name = null, bool trainable = true, Shape? inputShape = null)
        : base(name, trainable, inputShape) => _axis = [axis];

    /// <summary>Creates the layer normalizing over several axes together.</summary>
    /// <param name="axis">The axes.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    /// <exception cref="ArgumentException"><paramref name="axis"/> is empty.</exception>
    public UnitNormalization(int[] axis, string? name = null, bool trainable = true, Shape? inputShape = null)
        : base(name, trainable, inputShape)
    {
        if (axis.Length == 0)
        {
            throw new ArgumentException("Invalid value for `axis` argument: expected an int or a list/tuple of ints. Received: axis=[]", nameof(axis));
        }

        _axis = (int[])axis.Clone();
        _axisIsList = true;
    }

    /// <summary>Gets the normalized axes as given.</summary>
    public IReadOnlyList<int> Axis => _axis;

    /// <inheritdoc/>
    public override bool SupportsMasking => true;

    /// <inheritdoc/>
    public override void Build(Shape inputShape) => ComputeOutputShape(inputShape);

    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training)
    {
        var squareSum = inputs.square().sum(_axis.Select(a => (long)a).ToArray(), keepdim: true);
        return inputs * squareSum.rsqrt().clamp_max(1e12);
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape)
    {
        foreach (var a in _axis)
        {
            if (a >= inputShape.Rank || a < -inputShape.Rank)
            {
                throw new ArgumentException($"Layer \"{Name}\" (UnitNormalization): Axis {AxisText} is out of bounds for input shape {inputShape}.");
            }
        }

        return inputShape;
    }

    private string AxisText => _axisIsList ? $"[{string.Join(", ", _axis)}]" : $"{_axis[0]}";

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["axis"] = _axisIsList ? _axis.ToArray() : _axis[0];
        return c;
    }
}
