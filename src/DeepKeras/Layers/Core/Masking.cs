using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// Masks time steps whose features all equal <c>maskValue</c> (Keras <c>keras.layers.Masking</c>): such steps are
/// zeroed and flagged in the mask, so following RNN layers skip them.
/// </summary>
/// <example><code>
/// var model = new Sequential(new Masking(0.0, inputShape: (10, 8)), new LSTM(32));
/// </code></example>
/// <param name="maskValue">The padding value (default 0).</param>
/// <param name="inputShape">Input shape without the batch axis, e.g. <c>(time, features)</c>, for a first layer.</param>
/// <param name="name">Layer name; default <c>masking</c>, <c>masking_1</c>, ….</param>
/// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
public sealed class Masking(double maskValue = 0.0, Shape? inputShape = null, string? name = null, bool trainable = true) : Layer(name, trainable, inputShape)
{
    /// <summary>Gets the padding value.</summary>
    public double MaskValue { get; } = maskValue;

    /// <inheritdoc/>
    public override bool SupportsMasking => true;

    /// <inheritdoc/>
    protected override bool ProducesMask => true;

    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training) => inputs * StepMask(inputs).unsqueeze(-1).to_type(inputs.dtype);

    /// <inheritdoc/>
    public override Tensor? ComputeMask(IReadOnlyList<Tensor> inputs, Tensor? mask) => StepMask(inputs[0]);

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["mask_value"] = MaskValue;
        return c;
    }

    private Tensor StepMask(Tensor inputs) => inputs.ne(MaskValue).any(-1);
}
