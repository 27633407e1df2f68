using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// Multiplies its input by <c>scale</c> and adds <c>offset</c>, in training and inference alike (Keras
/// <c>keras.layers.Rescaling</c>): <c>scale: 1.0 / 255</c> maps pixels from [0, 255] to [0, 1], <c>scale: 1.0 / 127.5,
/// offset: -1</c> to [−1, 1]. Integer inputs become float32.
/// </summary>
/// <remarks>Input shape: any. Output shape: the input shape. No weights.</remarks>
/// <example><code>
/// var model = Sequential(Input(shape: (28, 28, 1)), Layers.Rescaling(1.0 / 255), Layers.Conv2D(32, 3, activation: "relu"));
/// </code></example>
public sealed class Rescaling : Layer
{
    /// <summary>Creates the layer.</summary>
    /// <param name="scale">The factor.</param>
    /// <param name="offset">Added after scaling (default 0).</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    public Rescaling(double scale, double offset = 0.0, string? name = null, bool trainable = true, Shape? inputShape = null)
        : base(name, trainable, inputShape)
    {
        Scale = scale;
        Offset = offset;
    }

    /// <summary>Gets the factor.</summary>
    public double Scale { get; }

    /// <summary>Gets the offset.</summary>
    public double Offset { get; }

    /// <inheritdoc/>
    public override bool SupportsMasking => true;

    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training)
    {
        var x = inputs.is_floating_point() ? inputs : inputs.to(float32);
        // Keras casts scale and offset to the float32 compute dtype.
        using var s = new ScalarScope();
        return x.mul(s.Of((float)Scale)).add(s.Of((float)Offset), ScalarScope.One);
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["scale"] = Scale;
        c["offset"] = Offset;
        return c;
    }
}
