using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// Rectified linear unit with an optional cap, leak and threshold (Keras <c>keras.layers.ReLU</c>):
/// f(x) = maxValue for x ≥ maxValue, x for threshold ≤ x &lt; maxValue, negativeSlope·(x − threshold) otherwise.
/// MobileNetV2 uses it as <c>ReLU(6.0)</c> ("ReLU6").
/// </summary>
/// <remarks>Input shape: any. Output shape: the input shape. No weights. Masks pass through.</remarks>
/// <example><code>
/// var layer = Layers.ReLU(maxValue: 10, negativeSlope: 0.5);
/// layer.Apply(tensor(new[] { -10f, -5f, 0f, 5f, 10f }));   // [-5, -2.5, 0, 5, 10]
/// </code></example>
public sealed class ReLU : Layer
{
    /// <summary>Creates the layer.</summary>
    /// <param name="maxValue">The largest output, ≥ 0; null (default) for no cap.</param>
    /// <param name="negativeSlope">The slope below the threshold, ≥ 0 (default 0).</param>
    /// <param name="threshold">Inputs up to this value, ≥ 0, are damped by the negative slope instead of passed (default 0).</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is negative or NaN.</exception>
    public ReLU(double? maxValue = null, double negativeSlope = 0.0, double threshold = 0.0, string? name = null, bool trainable = true, Shape? inputShape = null)
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

    /// <summary>Gets the largest output, or null for no cap.</summary>
    public double? MaxValue { get; }

    /// <summary>Gets the slope below the threshold.</summary>
    public double NegativeSlope { get; }

    /// <summary>Gets the threshold below which inputs are damped.</summary>
    public double Threshold { get; }

    /// <inheritdoc/>
    public override bool SupportsMasking => true;

    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training)
    {
        // The same steps as Keras's activations.relu, so results agree to the last bit.
        if (NegativeSlope != 0 && MaxValue is null && Threshold == 0)
        {
            return nn.functional.leaky_relu(inputs, NegativeSlope);
        }

        var negativePart = NegativeSlope == 0 ? null : nn.functional.relu(Threshold != 0 ? inputs.neg().add(Threshold) : inputs.neg());
        Tensor x;
        var clipMax = MaxValue is not null;
        if (Threshold != 0)
        {
            x = where(inputs.gt(Threshold), inputs, zeros_like(inputs));
        }
        else if (MaxValue == 6)
        {
            x = nn.functional.relu6(inputs);
            clipMax = false;
        }
        else
        {
            x = nn.functional.relu(inputs);
        }

        if (clipMax)
        {
            x = x.clamp(0, MaxValue!.Value);
        }

        return negativePart is null ? x : x.sub(negativePart.mul(NegativeSlope));
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
