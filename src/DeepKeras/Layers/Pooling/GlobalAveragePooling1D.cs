using DeepKeras.Engine;
using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// Averages over the time axis: <c>(batch, steps, features)</c> → <c>(batch, features)</c> (Keras
/// <c>keras.layers.GlobalAveragePooling1D</c>). With a mask (e.g. from <c>Embedding(maskZero: true)</c>) only the unmasked
/// steps are averaged.
/// </summary>
public sealed class GlobalAveragePooling1D : Layer
{
    /// <summary>Creates the layer.</summary>
    /// <param name="dataFormat"><c>"channels_last"</c> (default, <c>(batch, steps, features)</c>) or <c>"channels_first"</c> (<c>(batch, features, steps)</c>).</param>
    /// <param name="keepdims">Whether to keep the time axis with length 1.</param>
    /// <param name="name">Layer name; default <c>global_average_pooling1d</c>, ….</param>
    /// <exception cref="ArgumentException">Unknown data format.</exception>
    public GlobalAveragePooling1D(string? dataFormat = null, bool keepdims = false, string? name = null)
        : base(name)
    {
        DataFormat = GlobalMaxPooling1D.CheckDataFormat(dataFormat);
        Keepdims = keepdims;
        InputSpec = new InputSpec { NDim = 3 };
    }

    /// <summary>Gets the data format.</summary>
    public string DataFormat { get; }

    /// <summary>Gets whether the time axis is kept.</summary>
    public bool Keepdims { get; }

    /// <inheritdoc/>
    public override bool SupportsMasking => true;

    private int StepsAxis => DataFormat == "channels_last" ? 1 : 2;

    /// <inheritdoc/>
    protected override Tensor[] CallOutputs(IReadOnlyList<Tensor> inputs, Tensor? mask, bool training)
    {
        var x = inputs[0];
        if (mask is null)
        {
            return [x.mean([StepsAxis], Keepdims)];
        }

        var m = mask.unsqueeze(DataFormat == "channels_last" ? 2 : 1).to_type(x.dtype);
        return [(x * m).sum([StepsAxis], Keepdims) / m.sum([StepsAxis], Keepdims)];
    }

    /// <inheritdoc/>
    public override Tensor? ComputeMask(IReadOnlyList<Tensor> inputs, Tensor? mask) => null;

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => GlobalMaxPooling1D.PooledShape(inputShape, StepsAxis, Keepdims);

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["data_format"] = DataFormat;
        c["keepdims"] = Keepdims;
        return c;
    }
}
