using DeepKeras.Regularizers;
using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// Passes its input through and adds an L1/L2 penalty on it to the training loss (Keras
/// <c>keras.layers.ActivityRegularization</c>): l1·Σ|x| + l2·Σx², divided by the batch size.
/// </summary>
/// <remarks>Input shape: any. Output shape: the input shape. No weights; the penalty appears in <see cref="Layer.Losses"/>.</remarks>
/// <example><code>
/// var model = Sequential(Input(shape: 32), Layers.Dense(16), Layers.ActivityRegularization(l1: 1e-3), Layers.Dense(1));
/// </code></example>
public sealed class ActivityRegularization : Layer
{
    /// <summary>Creates the layer.</summary>
    /// <param name="l1">L1 factor, ≥ 0 (default 0).</param>
    /// <param name="l2">L2 factor, ≥ 0 (default 0).</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    public ActivityRegularization(double l1 = 0.0, double l2 = 0.0, string? name = null, bool trainable = true, Shape? inputShape = null)
        : base(name, trainable, inputShape)
    {
        L1 = l1;
        L2 = l2;
        ActivityRegularizer = new L1L2(l1, l2);
    }

    /// <summary>Gets the L1 factor.</summary>
    public double L1 { get; }

    /// <summary>Gets the L2 factor.</summary>
    public double L2 { get; }

    /// <inheritdoc/>
    public override bool SupportsMasking => true;

    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training) => inputs.alias();

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c.Remove("activity_regularizer");
        c["l1"] = L1;
        c["l2"] = L2;
        return c;
    }
}
