using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>Reshapes each sample to <c>targetShape</c> (batch axis excluded; one <c>-1</c> allowed). Keras <c>keras.layers.Reshape</c>.</summary>
public sealed class Reshape : Layer
{
    /// <summary>Creates the layer.</summary>
    /// <param name="targetShape">The new sample shape, e.g. <c>(7, 7, 64)</c>; at most one dimension may be <c>-1</c>.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    public Reshape(int[] targetShape, string? name = null, bool trainable = true, Shape? inputShape = null)
        : base(name, trainable, inputShape)
    {
        if (targetShape.Count(d => d == -1) > 1 || targetShape.Any(d => d == 0 || d < -1))
        {
            throw new ArgumentException(
                $"Invalid `target_shape`: sizes must be positive with at most one -1. Received: target_shape=({string.Join(", ", targetShape)})",
                nameof(targetShape));
        }

        TargetShape = targetShape;
    }

    /// <summary>Creates the layer from a tuple such as <c>(7, 7, 64)</c>.</summary>
    /// <param name="targetShape">The new sample shape.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    public Reshape(Shape targetShape, string? name = null, bool trainable = true, Shape? inputShape = null)
        : this(targetShape.Dims.Select(d => d ?? -1).ToArray(), name, trainable, inputShape)
    {
    }

    /// <summary>Gets the target sample shape.</summary>
    public IReadOnlyList<int> TargetShape { get; }

    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training) =>
        inputs.reshape([inputs.shape[0], .. TargetShape.Select(d => (long)d)]);

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape)
    {
        var known = inputShape.Dims.Skip(1).All(d => d.HasValue);
        var total = known ? inputShape.Dims.Skip(1).Aggregate(1L, (a, d) => a * d!.Value) : -1;
        var fixedProduct = TargetShape.Where(d => d != -1).Aggregate(1L, (a, d) => a * d);
        if (known && (TargetShape.Contains(-1) ? total % fixedProduct != 0 : total != fixedProduct))
        {
            throw new ArgumentException(
                $"Layer \"{Name}\" (Reshape): total size of the new array must be unchanged, input_shape = {inputShape.WithoutBatch()}, " +
                $"output_shape = ({string.Join(", ", TargetShape)})");
        }

        var dims = TargetShape.Select(d => d == -1 ? (known ? (int?)(total / fixedProduct) : null) : d);
        return new Shape([inputShape[0], .. dims]);
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["target_shape"] = TargetShape.ToArray();
        return c;
    }
}
