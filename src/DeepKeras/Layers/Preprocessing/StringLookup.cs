using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// Maps strings to integer indices from a vocabulary (Keras <c>keras.layers.StringLookup</c>), or indices back to strings
/// with <c>invert: true</c>. The vocabulary is learned by <see cref="Adapt(IEnumerable{string})"/>, given as a list, or
/// read from a file with one token per line.
/// </summary>
/// <remarks>
/// <para>
/// Index 0 is the mask token when one is set (in <c>"int"</c> mode), then come <c>numOovIndices</c> out-of-vocabulary
/// indices (default one, holding <c>"[UNK]"</c>), then the vocabulary. With several OOV indices an unknown string goes to
/// the bucket FarmHash64 (or SipHash-2-4 with a <c>salt</c>) picks, exactly as Keras on TensorFlow.
/// </para>
/// <para>
/// Strings are not tensors here: call the layer with <see cref="Apply(string[])"/> or <see cref="Apply(string[,])"/> (any rank
/// with <see cref="ApplyStrings"/>); the result is an int64 tensor (<c>"int"</c>) or a float32 encoding. An inverted layer
/// maps an integer tensor to a string array with <see cref="ApplyInverted"/>. In a model, the layer goes right after a
/// string <c>Input</c>.
/// </para>
/// </remarks>
/// <example><code>
/// var lookup = Layers.StringLookup(vocabulary: ["a", "b", "c", "d"]);
/// lookup.Apply(new[,] { { "a", "c", "d" }, { "d", "z", "b" } });   // [[1, 3, 4], [4, 0, 2]]
/// </code></example>
public sealed class StringLookup : IndexLookup<string>, IStringLayer
{
    private readonly long[]? _salt;

    /// <summary>Creates the layer with a vocabulary given as a list, or none (then call <c>Adapt</c> or <c>SetVocabulary</c>).</summary>
    /// <param name="maxTokens">Largest vocabulary size, mask and OOV indices included; null for no limit.</param>
    /// <param name="numOovIndices">How many out-of-vocabulary indices (default 1); 0 makes unknown strings an error.</param>
    /// <param name="maskToken">A string that maps to index 0 (dropped in the vector modes); null for none.</param>
    /// <param name="oovToken">The string an inverted layer returns for OOV indices (default <c>"[UNK]"</c>).</param>
    /// <param name="vocabulary">The vocabulary (special tokens optional, at the start); the layer then cannot be adapted.</param>
    /// <param name="idfWeights">With <c>"tf_idf"</c> and a <paramref name="vocabulary"/>: one inverse document frequency per term.</param>
    /// <param name="invert">Map indices back to strings instead.</param>
    /// <param name="outputMode"><c>"int"</c> (default), <c>"one_hot"</c>, <c>"multi_hot"</c>, <c>"count"</c> or <c>"tf_idf"</c>.</param>
    /// <param name="padToMaxTokens">In the vector modes, make the last axis <paramref name="maxTokens"/> long.</param>
    /// <param name="sparse">Must be false: sparse outputs need TensorFlow.</param>
    /// <param name="encoding">The text encoding; only <c>"utf-8"</c>.</param>
    /// <param name="salt">With several OOV indices: hash unknown strings with SipHash under this key (one value or two).</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Keras <c>trainable</c> (the layer has no trainable weights).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    /// <exception cref="ArgumentException">Bad options or vocabulary (Keras's messages, naming the layer).</exception>
    public StringLookup(int? maxTokens = null, int numOovIndices = 1, string? maskToken = null, string oovToken = "[UNK]",
        IEnumerable<string>? vocabulary = null, IEnumerable<double>? idfWeights = null, bool invert = false, string outputMode = "int",
        bool padToMaxTokens = false, bool sparse = false, string encoding = "utf-8", long[]? salt = null, string? name = null, bool trainable = true,
        Shape? inputShape = null)
        : base("StringLookup", maxTokens, numOovIndices, maskToken is not null, maskToken ?? string.Empty, oovToken, invert, outputMode, sparse,
            padToMaxTokens, idfWeights is not null, name, trainable, inputShape)
    {
        if (!string.Equals(encoding, "utf-8", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"StringLookup '{Name}': only `encoding='utf-8'` is supported. Received: encoding={encoding}", nameof(encoding));
        }

        _salt = SipHash.NormalizeSalt(salt, "IndexLookup");
        InitVocabulary(vocabulary, idfWeights);
    }

    /// <summary>Creates the layer with its vocabulary read from a file, one token per line (saved as an asset, not in the config).</summary>
    /// <param name="vocabulary">The path of the vocabulary file (UTF-8).</param>
    /// <param name="maxTokens">Largest vocabulary size, mask and OOV indices included; null for no limit.</param>
    /// <param name="numOovIndices">How many out-of-vocabulary indices (default 1).</param>
    /// <param name="maskToken">A string that maps to index 0; null for none.</param>
    /// <param name="oovToken">The string an inverted layer returns for OOV indices.</param>
    /// <param name="invert">Map indices back to strings instead.</param>
    /// <param name="outputMode"><c>"int"</c> (default), <c>"one_hot"</c>, <c>"multi_hot"</c> or <c>"count"</c>.</param>
    /// <param name="padToMaxTokens">In the vector modes, make the last axis <paramref name="maxTokens"/> long.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Keras <c>trainable</c>.</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    /// <exception cref="ArgumentException">The file does not exist or holds repeated tokens.</exception>
    public StringLookup(string vocabulary, int? maxTokens = null, int numOovIndices = 1, string? maskToken = null, string oovToken = "[UNK]",
        bool invert = false, string outputMode = "int", bool padToMaxTokens = false, string? name = null, bool trainable = true, Shape? inputShape = null)
        : this(maxTokens, numOovIndices, maskToken, oovToken, null, null, invert, outputMode, padToMaxTokens, false, "utf-8", null, name, trainable, inputShape)
    {
        SetVocabularyFile(vocabulary);
        HasInputVocabulary = true;
    }

    /// <summary>Gets the mask token, or null.</summary>
    public string? MaskToken => HasMask ? Mask : null;

    /// <summary>Learns the vocabulary from strings, each its own document (Keras <c>adapt</c> on a rank-1 array).</summary>
    /// <param name="data">The strings.</param>
    /// <exception cref="InvalidOperationException">The vocabulary was given to the constructor.</exception>
    public void Adapt(IEnumerable<string> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        AdaptDocuments(data.Select(s => new[] { s ?? throw new ArgumentException($"StringLookup '{Name}': `data` contains a null string.", nameof(data)) }));
    }

    /// <summary>Learns the vocabulary from a batch of documents, one row each.</summary>
    /// <param name="data">The strings, one document a row.</param>
    public void Adapt(string[,] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        AdaptDocuments(Enumerable.Range(0, data.GetLength(0)).Select(r => Enumerable.Range(0, data.GetLength(1)).Select(c => data[r, c])));
    }

    /// <summary>Learns the vocabulary from documents given as token lists (ragged rows).</summary>
    /// <param name="documents">The documents.</param>
    public void Adapt(IEnumerable<IEnumerable<string>> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        AdaptDocuments(documents);
    }

    /// <summary>Looks the strings up (Keras <c>layer(data)</c> on a rank-1 array).</summary>
    /// <param name="inputs">The strings.</param>
    /// <returns>int64 <c>(n)</c> indices, or the encoding (e.g. <c>(n, depth)</c> for <c>"one_hot"</c>).</returns>
    public Tensor Apply(string[] inputs) => ApplyStrings(inputs);

    /// <summary>Looks a batch of string rows up (Keras <c>layer(data)</c> on a rank-2 array).</summary>
    /// <param name="inputs">The strings.</param>
    /// <returns>int64 indices of the same shape, or the encoding.</returns>
    public Tensor Apply(string[,] inputs) => ApplyStrings(inputs);

    /// <summary>Looks up a string array of any rank.</summary>
    /// <param name="inputs">A <c>string[]</c>, <c>string[,]</c>, … array.</param>
    /// <exception cref="InvalidOperationException">The layer is inverted (it takes indices).</exception>
    public Tensor ApplyStrings(Array inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (Invert)
        {
            throw new InvalidOperationException($"StringLookup '{Name}' has `invert=True`: it maps integer indices to strings; call `ApplyInverted(indices)`.");
        }

        EnsureKnownVocabularySize();
        var (tokens, shape) = StringArrays.Flatten(inputs, this, nameof(inputs));
        return LookupTokens(tokens, shape, null);
    }

    /// <summary>Maps indices back to strings (a layer created with <c>invert: true</c>).</summary>
    /// <param name="indices">Integer indices, any shape.</param>
    /// <returns>A string array with the shape of <paramref name="indices"/> (<c>string[]</c>, <c>string[,]</c>, …).</returns>
    /// <exception cref="InvalidOperationException">The layer is not inverted.</exception>
    public Array ApplyInverted(Tensor indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        if (!Invert)
        {
            throw new InvalidOperationException($"StringLookup '{Name}' maps strings to indices; `ApplyInverted` needs a layer created with `invert: true`.");
        }

        using var cpu = indices.to(int64).cpu();
        return StringArrays.Shape(LookupIndices(cpu.data<long>().ToArray()), cpu.shape);
    }

    /// <inheritdoc/>
    Tensor IStringLayer.CallStrings(Array inputs) => ApplyStrings(inputs);

    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training) =>
        throw new ArgumentException(Invert
            ? $"StringLookup '{Name}' is inverted: its output is strings, which tensors cannot hold; call `ApplyInverted(indices)`."
            : $"StringLookup '{Name}' expects strings (a string array, or a string `Input`), but received a tensor of dtype {inputs.dtype}.");

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        AddLookupConfig(c);
        c["oov_method"] = "floormod";
        c["salt"] = _salt;
        c["encoding"] = "utf-8";
        return c;
    }

    /// <inheritdoc/>
    private protected override long OovBucket(string token, int buckets) => SipHash.Bucket(token, buckets, _salt);

    /// <inheritdoc/>
    private protected override IComparer<string> TokenOrder { get; } = Comparer<string>.Create(TextPreprocessing.CompareCodePoints);

    /// <inheritdoc/>
    private protected override string ParseToken(string line) => line;

    /// <inheritdoc/>
    private protected override string Format(string token) => token;

    /// <inheritdoc/>
    private protected override string Quote(string token) => $"'{token}'";
}
