using DeepKeras.Engine;
using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// Takes the maximum over the time axis: <c>(batch, steps, features)</c> → <c>(batch, features)</c> (Keras
/// <c>keras.layers.GlobalMaxPooling1D</c>). Like Keras, it does not look at masks: padded steps take part in the maximum.
/// </summary>
public sealed class GlobalMaxPooling1D : Layer
{
    /// <summary>Creates the layer.</summary>
    /// <param name="dataFormat"><c>"channels_last"</c> (default, <c>(batch, steps, features)</c>) or <c>"channels_first"</c> (<c>(batch, features, steps)</c>).</param>
    /// <param name="keepdims">Whether to keep the time axis with length 1.</param>
    /// <param name="name">Layer name; default <c>global_max_pooling1d</c>, ….</param>
    /// <exception cref="ArgumentException">Unknown data format.</exception>
    public GlobalMaxPooling1D(string? dataFormat = null, bool keepdims = false, string? name = null)
        : base(name)
    {
        DataFormat = CheckDataFormat(dataFormat);
        Keepdims = keepdims;
        InputSpec = new InputSpec { NDim = 3 };
    }

    /// <summary>Gets the data format.</summary>
    public string DataFormat { get; }

    /// <summary>Gets whether the time axis is kept.</summary>
    public bool Keepdims { get; }

    private int StepsAxis => DataFormat == "channels_last" ? 1 : 2;

    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training) => inputs.amax([StepsAxis], Keepdims);

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => PooledShape(inputShape, StepsAxis, Keepdims);

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["data_format"] = DataFormat;
        c["keepdims"] = Keepdims;
        return c;
    }

    internal static string CheckDataFormat(string? dataFormat) => dataFormat switch
    {
        null or "channels_last" => "channels_last",
        "channels_first" => "channels_first",
        _ => throw new ArgumentException(
            $"The `data_format` argument must be one of {{\"channels_first\", \"channels_last\"}}. Received: data_format={dataFormat}", nameof(dataFormat)),
    };

    internal static Shape PooledShape(Shape inputShape, int stepsAxis, bool keepdims) => keepdims
        ? inputShape.With(stepsAxis, 1)
        : new Shape(inputShape.Dims.Where((_, i) => i != stepsAxis).ToArray());
}
