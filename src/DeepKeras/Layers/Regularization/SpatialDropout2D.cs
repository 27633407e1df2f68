namespace DeepKeras.Layers;

/// <summary>
/// Dropout of whole feature maps (Keras <c>keras.layers.SpatialDropout2D</c>): in training each channel of each sample is
/// zeroed with probability <c>rate</c> everywhere at once, and the kept channels are scaled by 1/(1 − rate). Better than
/// <see cref="Dropout"/> after convolutions, whose neighbouring pixels are strongly correlated. Does nothing at inference.
/// </summary>
public class SpatialDropout2D : BaseSpatialDropout
{
    /// <summary>Creates the layer.</summary>
    /// <param name="rate">Fraction of channels to drop, in [0, 1).</param>
    /// <param name="dataFormat"><c>channels_last</c> (default, null) or <c>channels_first</c>.</param>
    /// <param name="seed">Unused seed kept for Keras signature compatibility; the global seeded generator is used.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is outside [0, 1).</exception>
    public SpatialDropout2D(double rate, string? dataFormat = null, int? seed = null, string? name = null, bool trainable = true, Shape? inputShape = null)
        : base(2, rate, dataFormat, seed, name, trainable, inputShape)
    {
    }
}
