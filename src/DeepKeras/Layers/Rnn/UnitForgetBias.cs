using DeepKeras.Initializers;
using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// The LSTM bias initializer used with <c>unit_forget_bias=True</c>: the bias initializer for the input gate, ones
/// for the forget gate, the bias initializer for the cell and output gates (Keras <c>LSTMCell.build</c>).
/// </summary>
/// <param name="inner">The layer's bias initializer.</param>
/// <param name="units">The number of units per gate.</param>
internal sealed class UnitForgetBias(Initializer inner, int units) : Initializer
{
    /// <inheritdoc/>
    public override Tensor Call(long[] shape) =>
        cat([inner.Call([units]), ones(units, dtype: float32, device: Dev), inner.Call([2L * units])], 0);
}
