using static TorchSharp.torch;

namespace DeepKeras.Initializers;

/// <summary>Initializes with zeros (Keras <c>"zeros"</c>).</summary>
public sealed class Zeros : Initializer
{
    /// <inheritdoc/>
    public override Tensor Call(long[] shape) => zeros(shape, dtype: float32, device: Dev);
}

/// <summary>Initializes with ones (Keras <c>"ones"</c>).</summary>
public sealed class Ones : Initializer
{
    /// <inheritdoc/>
    public override Tensor Call(long[] shape) => ones(shape, dtype: float32, device: Dev);
}

/// <summary>Initializes with a constant value (Keras <c>Constant(value=0.0)</c>).</summary>
/// <param name="value">The fill value.</param>
public sealed class Constant(float value = 0f) : Initializer
{
    /// <summary>Gets the fill value.</summary>
    public float Value { get; } = value;

    /// <inheritdoc/>
    public override Tensor Call(long[] shape) => full(shape, Value, dtype: float32, device: Dev);

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig() => new() { ["value"] = Value };
}
