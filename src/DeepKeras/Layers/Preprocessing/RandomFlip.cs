using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// Randomly flips images in training (Keras <c>keras.layers.RandomFlip</c>): each image is flipped with probability
/// 1/2, left-right (<c>"horizontal"</c>), upside down (<c>"vertical"</c>) or both at once
/// (<c>"horizontal_and_vertical"</c>, one draw for both, as Keras). In inference the images pass through.
/// </summary>
/// <example><code>var augment = Keras.Sequential(Keras.Layers.RandomFlip("horizontal"), Keras.Layers.RandomRotation(0.1));</code></example>
public sealed class RandomFlip : RandomImageLayer
{
    /// <summary>Creates the layer.</summary>
    /// <param name="mode"><c>"horizontal_and_vertical"</c> (default), <c>"horizontal"</c> or <c>"vertical"</c>.</param>
    /// <param name="seed">The seed of the draws; null for torch's global generator.</param>
    /// <param name="dataFormat"><c>channels_last</c> (default, null) or <c>channels_first</c>.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    /// <exception cref="ArgumentException">An unknown mode.</exception>
    public RandomFlip(string mode = "horizontal_and_vertical", int? seed = null, string? dataFormat = null, string? name = null,
        bool trainable = true, Shape? inputShape = null)
        : base(seed, dataFormat, name, trainable, inputShape)
    {
        Mode = mode is "horizontal" or "vertical" or "horizontal_and_vertical"
            ? mode
            : throw new ArgumentException(
                $"Layer \"{Name}\" (RandomFlip): `mode` must be one of 'horizontal', 'vertical', 'horizontal_and_vertical'. Received: mode={mode}",
                nameof(mode));
    }

    /// <summary>Gets the flip mode.</summary>
    public string Mode { get; }

    /// <inheritdoc/>
    protected override Tensor Augment(Tensor images)
    {
        var x = Floating(images);
        var flips = Uniform([x.shape[0], 1, 1, 1], 0, 1, x.device) <= 0.5;
        var (hAxis, wAxis) = ChannelsLast ? (1L, 2L) : (2L, 3L);
        if (Mode != "vertical")
        {
            x = where(flips, x.flip(wAxis), x);
        }

        if (Mode != "horizontal")
        {
            x = where(flips, x.flip(hAxis), x);
        }

        return x;
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["mode"] = Mode;
        return config;
    }
}
