using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// Leaky rectified linear unit: f(x) = x for x ≥ 0 and negativeSlope·x for x &lt; 0
/// (Keras <c>keras.layers.LeakyReLU</c>; the GAN's activation).
/// </summary>
/// <remarks>Input shape: any. Output shape: the input shape. No weights.</remarks>
/// <example><code>
/// var layer = Layers.LeakyReLU(negativeSlope: 0.5);
/// layer.Apply(tensor(new[] { -10f, -5f, 0f, 5f, 10f }));   // [-5, -2.5, 0, 5, 10]
/// </code></example>
public sealed class LeakyReLU : Layer
{
    /// <summary>Creates the layer.</summary>
    /// <param name="negativeSlope">Slope for negative inputs, ≥ 0 (Keras 3 default 0.3; the Keras GAN examples use 0.2).</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    /// <param name="alpha">Keras's deprecated name of <paramref name="negativeSlope"/> (Keras 3.15 still accepts it, and Keras 2
    /// files write it); when given it replaces <paramref name="negativeSlope"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="negativeSlope"/> is negative or NaN.</exception>
    public LeakyReLU(double negativeSlope = 0.3, string? name = null, bool trainable = true, Shape? inputShape = null, double? alpha = null)
        : base(name, trainable, inputShape)
    {
        negativeSlope = alpha ?? negativeSlope;
        if (negativeSlope < 0 || double.IsNaN(negativeSlope))
        {
            throw new ArgumentOutOfRangeException(nameof(negativeSlope), negativeSlope,
                "The negative_slope value of a Leaky ReLU layer cannot be None or negative value. Expected a float." +
                $" Received: negative_slope={negativeSlope}");
        }

        NegativeSlope = negativeSlope;
    }

    /// <summary>Gets the slope for negative inputs.</summary>
    public double NegativeSlope { get; }

    /// <inheritdoc/>
    public override bool SupportsMasking => true;

    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training)
    {
        using var s = new ScalarScope();
        return inputs.leaky_relu(s.Of(NegativeSlope));
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["negative_slope"] = NegativeSlope;
        return c;
    }
}
