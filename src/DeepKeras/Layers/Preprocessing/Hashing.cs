using System.Globalization;
using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// Hashes strings or integers into a fixed number of bins (Keras <c>keras.layers.Hashing</c>), with TensorFlow's own hash
/// functions so the bins match Keras: FarmHash64 (<c>tf.strings.to_hash_bucket_fast</c>) by default, SipHash-2-4 keyed by
/// <c>salt</c> (<c>to_hash_bucket_strong</c>) when a salt is given. Integers are hashed as their decimal text, floats
/// after truncation to integers.
/// </summary>
/// <remarks>
/// With a <c>maskValue</c>, that value goes to bin 0 and the others to bins 1 … <c>numBins − 1</c>. Output: int64 bins of the
/// input's shape (<c>"int"</c>), or a float32 <c>"one_hot"</c>, <c>"multi_hot"</c> or <c>"count"</c> encoding of depth
/// <c>numBins</c>. Strings go in through <see cref="Apply(string[])"/>, <see cref="Apply(string[,])"/> or a string
/// <c>Input</c>; integer tensors through <c>Apply</c> like any layer. No weights.
/// </remarks>
/// <example><code>
/// var hashing = Layers.Hashing(numBins: 3);
/// hashing.Apply(new[,] { { "A" }, { "B" }, { "C" }, { "D" }, { "E" } });   // [[1], [0], [1], [1], [2]]
/// </code></example>
public sealed class Hashing : Layer, IStringLayer
{
    private static readonly string[] Modes = ["int", "one_hot", "multi_hot", "count"];
    private readonly string? _maskText;
    private readonly long[]? _salt;

    /// <summary>Creates the layer.</summary>
    /// <param name="numBins">The number of bins, the mask bin included.</param>
    /// <param name="maskValue">A value (string or integer) that goes to bin 0; null for none.</param>
    /// <param name="salt">A SipHash key (one value, used twice, or two); null for FarmHash64.</param>
    /// <param name="outputMode"><c>"int"</c> (default), <c>"one_hot"</c>, <c>"multi_hot"</c> or <c>"count"</c>.</param>
    /// <param name="sparse">Must be false: sparse outputs need TensorFlow.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Keras <c>trainable</c> (the layer has no weights).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    /// <exception cref="ArgumentException"><paramref name="numBins"/> below 1, an unknown mode, a bad salt or mask value, or <paramref name="sparse"/>.</exception>
    public Hashing(int numBins, object? maskValue = null, long[]? salt = null, string outputMode = "int", bool sparse = false, string? name = null,
        bool trainable = true, Shape? inputShape = null)
        : base(name, trainable, inputShape)
    {
        if (numBins <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(numBins), numBins,
                $"Hashing '{Name}': the `num_bins` for `Hashing` cannot be `None` or non-positive values. Received: num_bins={numBins}.");
        }

        if (!Modes.Contains(outputMode))
        {
            throw new ArgumentException(
                $"Hashing '{Name}': invalid value for argument `output_mode`. Expected one of ('int', 'one_hot', 'multi_hot', 'count'). " +
                $"Received: output_mode={outputMode}", nameof(outputMode));
        }

        if (sparse)
        {
            throw new ArgumentException($"Hashing '{Name}': `sparse=True` can only be used with the TensorFlow backend.", nameof(sparse));
        }

        _maskText = maskValue switch
        {
            null => null,
            string s => s,
            int or long or short or sbyte or byte or uint or ushort => Convert.ToInt64(maskValue, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
            _ => throw new ArgumentException($"Hashing '{Name}': `mask_value` must be a string or an integer. Received: mask_value={maskValue}", nameof(maskValue)),
        };
        NumBins = numBins;
        MaskValue = maskValue;
        _salt = SipHash.NormalizeSalt(salt, "Hashing");
        OutputMode = outputMode;
    }

    /// <summary>Gets the number of bins.</summary>
    public int NumBins { get; }

    /// <summary>Gets the mask value, or null.</summary>
    public object? MaskValue { get; }

    /// <summary>Gets the output mode.</summary>
    public string OutputMode { get; }

    /// <summary>Gets the SipHash key halves, or null when FarmHash64 is used.</summary>
    public IReadOnlyList<long>? Salt => _salt;

    /// <summary>Hashes strings (Keras <c>layer(data)</c> on a rank-1 array).</summary>
    /// <param name="inputs">The strings.</param>
    public Tensor Apply(string[] inputs) => ApplyStrings(inputs);

    /// <summary>Hashes a batch of string rows.</summary>
    /// <param name="inputs">The strings.</param>
    public Tensor Apply(string[,] inputs) => ApplyStrings(inputs);

    /// <summary>Hashes a string array of any rank.</summary>
    /// <param name="inputs">A <c>string[]</c>, <c>string[,]</c>, … array.</param>
    public Tensor ApplyStrings(Array inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var (values, shape) = StringArrays.Flatten(inputs, this, nameof(inputs));
        return Encode(values, shape, null);
    }

    /// <inheritdoc/>
    Tensor IStringLayer.CallStrings(Array inputs) => ApplyStrings(inputs);

    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training)
    {
        using var cpu = inputs.to(int64).cpu();
        var values = cpu.data<long>().ToArray().Select(v => v.ToString(CultureInfo.InvariantCulture)).ToArray();
        return Encode(values, cpu.shape, inputs.device);
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => CategoricalOutput.OutputShape(inputShape, OutputMode, NumBins);

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        if (OutputMode == "int")
        {
            ((Dictionary<string, object?>)c["dtype"]!)["config"] = new Dictionary<string, object?> { ["name"] = "int64" };
        }

        c["num_bins"] = NumBins;
        c["salt"] = _salt;
        c["mask_value"] = MaskValue;
        c["output_mode"] = OutputMode;
        c["sparse"] = false;
        return c;
    }

    private Tensor Encode(string[] values, long[] shape, TorchSharp.torch.Device? device)
    {
        var bins = _maskText is not null && NumBins > 1 ? NumBins - 1 : NumBins;
        var masked = _maskText is not null && NumBins > 1;
        var ids = new long[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            ids[i] = masked && values[i] == _maskText ? 0 : SipHash.Bucket(values[i], bins, _salt) + (masked ? 1 : 0);
        }

        return CategoricalOutput.Encode(ids, shape, OutputMode, NumBins, null, device);
    }
}
