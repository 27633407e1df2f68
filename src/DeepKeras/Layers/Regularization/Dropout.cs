using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// Sets a fraction <c>rate</c> of inputs to 0 during training and scales the rest by 1/(1−rate) (inverted dropout);
/// does nothing at inference (Keras <c>keras.layers.Dropout</c>).
/// </summary>
public sealed class Dropout : Layer
{
    /// <summary>Creates the layer.</summary>
    /// <param name="rate">Fraction of units to drop, in [0, 1).</param>
    /// <param name="seed">Unused seed kept for Keras signature compatibility; dropout draws from the global seeded generator.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is outside [0, 1).</exception>
    public Dropout(double rate, int? seed = null, string? name = null, bool trainable = true, Shape? inputShape = null)
        : base(name, trainable, inputShape)
    {
        Rate = DropoutRate.Check(rate);
        Seed = seed;
    }

    /// <summary>Gets the drop rate.</summary>
    public double Rate { get; }

    /// <summary>Gets the seed given at construction.</summary>
    public int? Seed { get; }

    /// <inheritdoc/>
    public override bool SupportsMasking => true;

    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training) =>
        training && Rate > 0 ? nn.functional.dropout(inputs, Rate, true) : inputs.alias();

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["rate"] = Rate;
        c["seed"] = Seed;
        c["noise_shape"] = null;
        return c;
    }
}
