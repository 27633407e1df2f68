using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// Softmax over one axis or several axes together (Keras <c>keras.layers.Softmax</c>): exp(x − max) / Σ exp(x − max).
/// </summary>
/// <remarks>
/// Input shape: any. Output shape: the input shape. No weights. A mask (true or &gt; 0.5 keeps a position) that
/// broadcasts to the input sets the masked logits to −1e9 before the softmax and their outputs to 0 after it, so a
/// fully masked row gives zeros; Keras uses the mask the previous layer attached, when it broadcasts.
/// </remarks>
/// <example><code>
/// Layers.Softmax().Apply(tensor(new[] { 1f, 2f, 1f }));   // [0.2119, 0.5761, 0.2119]
/// </code></example>
public sealed class Softmax : Layer
{
    private readonly int[] _axis;
    private readonly bool _axisIsList;

    /// <summary>Creates the layer normalizing over one axis.</summary>
    /// <param name="axis">The axis (default −1, the last).</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    public Softmax(int axis = -1, string? name = null, bool trainable = true, Shape? inputShape = null)
        : base(name, trainable, inputShape) => _axis = [axis];

    /// <summary>Creates the layer normalizing over several axes together (e.g. <c>[-2, -1]</c>).</summary>
    /// <param name="axis">The axes.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    /// <exception cref="ArgumentException"><paramref name="axis"/> is empty.</exception>
    public Softmax(int[] axis, string? name = null, bool trainable = true, Shape? inputShape = null)
        : base(name, trainable, inputShape)
    {
        if (axis.Length == 0)
        {
            throw new ArgumentException("Expected an int or a list of ints for the argument `axis` of Softmax. Received: axis=[]", nameof(axis));
        }

        _axis = (int[])axis.Clone();
        _axisIsList = true;
    }

    /// <summary>Gets the normalized axes as given.</summary>
    public IReadOnlyList<int> Axis => _axis;

    /// <inheritdoc/>
    public override bool SupportsMasking => true;

    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training) => Compute(inputs, null);

    /// <inheritdoc/>
    protected override Tensor[] CallOutputs(IReadOnlyList<Tensor> inputs, Tensor? mask, bool training) =>
        inputs.Count == 1 ? [Compute(inputs[0], mask)] : base.CallOutputs(inputs, mask, training);

    /// <summary>The softmax of <paramref name="inputs"/>, with the masked positions left out.</summary>
    /// <param name="inputs">The logits.</param>
    /// <param name="mask">A mask that broadcasts to <paramref name="inputs"/> (booleans, or numbers where &gt; 0.5 keeps), or null.</param>
    internal Tensor Compute(Tensor inputs, Tensor? mask)
    {
        if (mask is not null)
        {
            CheckMask(inputs, mask);
            mask = mask.dtype == ScalarType.Bool ? mask : mask.gt(0.5);
            inputs = inputs.masked_fill(mask.logical_not(), inputs.dtype == ScalarType.Float16 ? -3e4 : -1e9);
        }

        var rank = inputs.dim();
        var axes = _axis.Select(a => (long)(a < 0 ? a + rank : a)).ToArray();
        Tensor outputs;
        if (axes.Length == 1)
        {
            outputs = inputs.softmax(axes[0]);
        }
        else
        {
            var exp = (inputs - inputs.amax(axes, keepdim: true)).exp();
            outputs = exp / exp.sum(axes, keepdim: true);
        }

        return mask is null ? outputs : outputs.masked_fill(mask.logical_not(), 0);
    }

    private void CheckMask(Tensor inputs, Tensor mask)
    {
        var ok = mask.dim() <= inputs.dim() &&
                 mask.shape.Reverse().Zip(inputs.shape.Reverse()).All(p => p.First == 1 || p.First == p.Second);
        if (!ok)
        {
            throw new ArgumentException(
                $"Layer \"{Name}\" (Softmax): the `mask` must be broadcastable to `inputs`: each mask dimension must be 1 or match the " +
                $"corresponding input dimension. Received: inputs.shape={(Shape)inputs.shape}, mask.shape={(Shape)mask.shape}");
        }
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["axis"] = _axisIsList ? _axis.ToArray() : _axis[0];
        return c;
    }
}
