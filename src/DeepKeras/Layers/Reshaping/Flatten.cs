using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// Flattens every axis but the batch axis, in channels_last order as Keras does, so Dense weights line up with
/// Keras files (Keras <c>keras.layers.Flatten</c>).
/// </summary>
/// <param name="name">Layer name.</param>
/// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
/// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
public sealed class Flatten(string? name = null, bool trainable = true, Shape? inputShape = null) : Layer(name, trainable, inputShape)
{
    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training) => inputs.reshape(inputs.shape[0], -1);

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape)
    {
        var rest = inputShape.Dims.Skip(1).ToArray();
        int? n = rest.All(d => d.HasValue) ? rest.Aggregate(1, (a, d) => a * d!.Value) : null;
        return new Shape(inputShape[0], n);
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["data_format"] = "channels_last";
        return c;
    }
}
