using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// Returns its input unchanged (Keras <c>keras.layers.Identity</c>): a placeholder where a model needs a layer but no
/// operation, e.g. an optional block switched off.
/// </summary>
/// <remarks>Input shape: any. Output shape: the input shape. No weights; a mask passes through.</remarks>
/// <example><code>
/// var head = useDropout ? Layers.Dropout(0.5) : (Layer)Layers.Identity();
/// </code></example>
public sealed class Identity : Layer
{
    /// <summary>Creates the layer.</summary>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    public Identity(string? name = null, bool trainable = true, Shape? inputShape = null)
        : base(name, trainable, inputShape)
    {
    }

    /// <inheritdoc/>
    public override bool SupportsMasking => true;

    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training) => inputs.alias();

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;
}
