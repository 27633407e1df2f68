using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// Exponential linear unit: f(x) = x for x ≥ 0 and alpha·(exp(x) − 1) for x &lt; 0 (Keras <c>keras.layers.ELU</c>).
/// </summary>
/// <remarks>
/// Input shape: any. Output shape: the input shape. No weights.
/// </remarks>
/// <example><code>
/// var model = Sequential(Input(shape: 16), Layers.Dense(8), Layers.ELU(), Layers.Dense(1));
/// </code></example>
public sealed class ELU : Layer
{
    /// <summary>Creates the layer.</summary>
    /// <param name="alpha">Scale of the negative part (default 1.0).</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    public ELU(double alpha = 1.0, string? name = null, bool trainable = true, Shape? inputShape = null)
        : base(name, trainable, inputShape) => Alpha = alpha;

    /// <summary>Gets the scale of the negative part.</summary>
    public double Alpha { get; }

    /// <inheritdoc/>
    public override bool SupportsMasking => true;

    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training)
    {
        using var s = new ScalarScope();
        return inputs.elu(s.Of(Alpha), ScalarScope.One, ScalarScope.One);
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["alpha"] = Alpha;
        return c;
    }
}
