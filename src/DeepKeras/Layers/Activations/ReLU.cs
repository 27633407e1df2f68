using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// Rectified linear unit with Keras's options (Keras <c>keras.layers.ReLU</c>): f(x) = max_value for x ≥ max_value,
/// x for threshold ≤ x &lt; max_value, and negative_slope·(x − threshold) otherwise.
/// </summary>
/// <remarks>
/// Input shape: any. Output shape: the input shape. No weights. With the defaults it is the plain ReLU; <c>maxValue: 6</c>
/// gives ReLU6 (MobileNet).
/// </remarks>
/// <example><code>
/// var layer = Layers.ReLU(maxValue: 10, negativeSlope: 0.5);
/// layer.Apply(tensor(new[] { -10f, -5f, 0f, 5f, 10f }));   // [-5, -2.5, 0, 5, 10]
/// </code></example>
public sealed class ReLU : Layer
{
    /// <summary>Creates the layer.</summary>
    /// <param name="maxValue">Largest output value, ≥ 0; null (default) for no limit.</param>
    /// <param name="negativeSlope">Slope below the threshold, ≥ 0 (default 0).</param>
    /// <param name="threshold">Inputs at or below it count as negative, ≥ 0 (default 0).</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is negative or NaN.</exception>
    public ReLU(double? maxValue = null, double negativeSlope = 0.0, double threshold = 0.0, string? name = null, bool trainable = true,
        Shape? inputShape = null)
        : base(name, trainable, inputShape)
    {
        if (maxValue is { } max && !(max >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(maxValue), maxValue,
                $"max_value of a ReLU layer cannot be a negative value. Received: max_value={max}");
        }

        if (!(negativeSlope >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(negativeSlope), negativeSlope,
                $"negative_slope of a ReLU layer cannot be None or a negative value. Received: negative_slope={negativeSlope}");
        }

        if (!(threshold >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold,
                $"threshold of a ReLU layer cannot be None or a negative value. Received: threshold={threshold}");
        }

        MaxValue = maxValue;
        NegativeSlope = negativeSlope;
        Threshold = threshold;
    }

    /// <summary>Gets the largest output value, or null.</summary>
    public double? MaxValue { get; }

    /// <summary>Gets the slope below the threshold.</summary>
    public double NegativeSlope { get; }

    /// <summary>Gets the threshold.</summary>
    public double Threshold { get; }

    /// <inheritdoc/>
    public override bool SupportsMasking => true;

    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training)
    {
        // The same steps as Keras's activations.relu, so results agree to the last bit.
        using var s = new ScalarScope();
        if (NegativeSlope != 0 && MaxValue is null && Threshold == 0)
        {
            return inputs.leaky_relu(s.Of(NegativeSlope));
        }

        var threshold = s.Of(Threshold);
        var negativePart = NegativeSlope == 0 ? null
            : nn.functional.relu(Threshold != 0 ? inputs.negative().add(threshold, ScalarScope.One) : -inputs);
        var y = Threshold != 0
            ? where(inputs.gt(threshold), inputs, zeros_like(inputs))
            : MaxValue == 6 ? nn.functional.relu6(inputs) : nn.functional.relu(inputs);
        if (MaxValue is { } max && !(Threshold == 0 && max == 6))
        {
            y = y.clamp(ScalarScope.Zero, s.Of(max));
        }

        return negativePart is null ? y : y - negativePart.mul(s.Of(NegativeSlope));
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["max_value"] = MaxValue;
        c["negative_slope"] = NegativeSlope;
        c["threshold"] = Threshold;
        return c;
    }
}
