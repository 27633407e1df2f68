using System.Globalization;
using DeepKeras.Training;
using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// Maps integer tokens (arbitrary ids such as 12, 1138) to contiguous indices from a vocabulary (Keras
/// <c>keras.layers.IntegerLookup</c>), or back with <c>invert: true</c>. The vocabulary is learned by
/// <see cref="Adapt(ArrayLike)"/>, given as a list, or read from a file with one integer per line.
/// </summary>
/// <remarks>
/// Index 0 is the mask token when one is set (in <c>"int"</c> mode), then come <c>numOovIndices</c> out-of-vocabulary
/// indices (OOV token −1), then the vocabulary. With several OOV indices an unknown id goes to bucket
/// <c>id mod numOovIndices</c> (<c>oovMethod: "floormod"</c>) or to the FarmHash64 (SipHash-2-4 with a <c>salt</c>) bucket of
/// its decimal text (<c>"farmhash"</c>). Input: an integer tensor of any shape; output: int64 indices of the same shape, or a
/// float32 encoding. Works inside models like any layer (no weights; the lookup runs on the host).
/// </remarks>
/// <example><code>
/// var lookup = Layers.IntegerLookup(vocabulary: [12, 36, 1138, 42]);
/// lookup.Apply(tensor(new long[,] { { 12, 1138, 42 }, { 42, 1000, 36 } }));   // [[1, 3, 4], [4, 0, 2]]
/// </code></example>
public sealed class IntegerLookup : IndexLookup<long>
{
    private static readonly string[] OovMethods = ["floormod", "farmhash"];
    private readonly long[]? _salt;

    /// <summary>Creates the layer with a vocabulary given as a list, or none (then call <c>Adapt</c> or <c>SetVocabulary</c>).</summary>
    /// <param name="maxTokens">Largest vocabulary size, mask and OOV indices included; null for no limit.</param>
    /// <param name="numOovIndices">How many out-of-vocabulary indices (default 1); 0 makes unknown ids an error.</param>
    /// <param name="maskToken">An id that maps to index 0 (dropped in the vector modes); null for none.</param>
    /// <param name="oovToken">The id an inverted layer returns for OOV indices (default −1).</param>
    /// <param name="vocabulary">The vocabulary (special tokens optional, at the start); the layer then cannot be adapted.</param>
    /// <param name="vocabularyDtype">Must be <c>"int64"</c>.</param>
    /// <param name="idfWeights">With <c>"tf_idf"</c> and a <paramref name="vocabulary"/>: one inverse document frequency per term.</param>
    /// <param name="invert">Map indices back to ids instead.</param>
    /// <param name="outputMode"><c>"int"</c> (default), <c>"one_hot"</c>, <c>"multi_hot"</c>, <c>"count"</c> or <c>"tf_idf"</c>.</param>
    /// <param name="sparse">Must be false: sparse outputs need TensorFlow.</param>
    /// <param name="padToMaxTokens">In the vector modes, make the last axis <paramref name="maxTokens"/> long.</param>
    /// <param name="oovMethod">With several OOV indices: <c>"floormod"</c> (default) or <c>"farmhash"</c>.</param>
    /// <param name="salt">With <c>"farmhash"</c>: hash with SipHash under this key (one value or two).</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Keras <c>trainable</c> (the layer has no trainable weights).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    /// <exception cref="ArgumentException">Bad options or vocabulary (Keras's messages, naming the layer).</exception>
    public IntegerLookup(int? maxTokens = null, int numOovIndices = 1, long? maskToken = null, long oovToken = -1, IEnumerable<long>? vocabulary = null,
        string vocabularyDtype = "int64", IEnumerable<double>? idfWeights = null, bool invert = false, string outputMode = "int", bool sparse = false,
        bool padToMaxTokens = false, string oovMethod = "floormod", long[]? salt = null, string? name = null, bool trainable = true, Shape? inputShape = null)
        : base("IntegerLookup", maxTokens, numOovIndices, maskToken.HasValue, maskToken ?? 0, oovToken, invert, outputMode, sparse, padToMaxTokens,
            idfWeights is not null, name, trainable, inputShape)
    {
        if (vocabularyDtype != "int64")
        {
            throw new ArgumentException(
                $"IntegerLookup '{Name}': only `vocabulary_dtype='int64'` is supported at this time. Received: vocabulary_dtype={vocabularyDtype}",
                nameof(vocabularyDtype));
        }

        CategoricalOutput.CheckString(oovMethod, OovMethods, "IntegerLookup", "oov_method", nameof(oovMethod));
        if (salt is not null && oovMethod != "farmhash")
        {
            throw new ArgumentException($"IntegerLookup '{Name}': `salt` can only be used when `oov_method='farmhash'`. Received: oov_method={oovMethod}",
                nameof(salt));
        }

        OovMethod = oovMethod;
        _salt = SipHash.NormalizeSalt(salt, "IndexLookup");
        InitVocabulary(vocabulary, idfWeights);
    }

    /// <summary>Creates the layer with its vocabulary read from a file, one integer per line (saved as an asset, not in the config).</summary>
    /// <param name="vocabulary">The path of the vocabulary file.</param>
    /// <param name="maxTokens">Largest vocabulary size, mask and OOV indices included; null for no limit.</param>
    /// <param name="numOovIndices">How many out-of-vocabulary indices (default 1).</param>
    /// <param name="maskToken">An id that maps to index 0; null for none.</param>
    /// <param name="oovToken">The id an inverted layer returns for OOV indices.</param>
    /// <param name="invert">Map indices back to ids instead.</param>
    /// <param name="outputMode"><c>"int"</c> (default), <c>"one_hot"</c>, <c>"multi_hot"</c> or <c>"count"</c>.</param>
    /// <param name="padToMaxTokens">In the vector modes, make the last axis <paramref name="maxTokens"/> long.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Keras <c>trainable</c>.</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    /// <exception cref="ArgumentException">The file does not exist, or holds a line that is not an integer, or repeated ids.</exception>
    public IntegerLookup(string vocabulary, int? maxTokens = null, int numOovIndices = 1, long? maskToken = null, long oovToken = -1, bool invert = false,
        string outputMode = "int", bool padToMaxTokens = false, string? name = null, bool trainable = true, Shape? inputShape = null)
        : this(maxTokens, numOovIndices, maskToken, oovToken, null, "int64", null, invert, outputMode, false, padToMaxTokens, "floormod", null, name,
            trainable, inputShape)
    {
        SetVocabularyFile(vocabulary);
        HasInputVocabulary = true;
    }

    /// <summary>Gets the mask token, or null.</summary>
    public long? MaskToken => HasMask ? Mask : null;

    /// <summary>Gets how unknown ids are spread over several OOV indices: <c>"floormod"</c> or <c>"farmhash"</c>.</summary>
    public string OovMethod { get; }

    /// <summary>
    /// Learns the vocabulary from integer data (Keras <c>adapt</c>): a rank-1 array is one token per document, a higher rank
    /// one document per row of the first axis.
    /// </summary>
    /// <param name="data">An integer array or tensor.</param>
    /// <exception cref="InvalidOperationException">The vocabulary was given to the constructor.</exception>
    public void Adapt(ArrayLike data)
    {
        using var t = AdaptData.One(data, this).to(int64).cpu();
        var values = t.data<long>().ToArray();
        var rows = t.dim() == 0 ? 1 : (int)t.shape[0];
        var perRow = t.dim() <= 1 ? 1 : values.Length / Math.Max(rows, 1);
        if (t.dim() == 1)
        {
            rows = values.Length;
        }

        AdaptDocuments(Enumerable.Range(0, rows).Select(r => values.Skip(r * perRow).Take(perRow)));
    }

    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training)
    {
        if (inputs.is_floating_point() || inputs.dtype == ScalarType.Bool)
        {
            throw new ArgumentException($"IntegerLookup '{Name}' expects integer inputs, but received a tensor of dtype {inputs.dtype}.", nameof(inputs));
        }

        using var cpu = inputs.to(int64).cpu();
        var ids = cpu.data<long>().ToArray();
        var shape = cpu.shape;
        if (Invert)
        {
            var back = tensor(LookupIndices(ids), shape, int64);
            return inputs.device.type == TorchSharp.DeviceType.CPU ? back : back.to(inputs.device);
        }

        EnsureKnownVocabularySize();
        return LookupTokens(ids, shape, inputs.device);
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        AddLookupConfig(c);
        c["vocabulary_dtype"] = "int64";
        c["oov_method"] = OovMethod;
        c["salt"] = _salt;
        return c;
    }

    /// <inheritdoc/>
    private protected override long OovBucket(long token, int buckets) => OovMethod == "floormod"
        ? ((token % buckets) + buckets) % buckets
        : SipHash.Bucket(token.ToString(CultureInfo.InvariantCulture), buckets, _salt);

    /// <inheritdoc/>
    private protected override IComparer<long> TokenOrder => Comparer<long>.Default;

    /// <inheritdoc/>
    private protected override long ParseToken(string line) => long.Parse(line.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    private protected override string Format(long token) => token.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    private protected override string Quote(long token) => token.ToString(CultureInfo.InvariantCulture);
}
