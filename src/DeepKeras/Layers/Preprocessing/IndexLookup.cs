using DeepKeras.Engine;
using DeepKeras.Saving;
using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// The vocabulary core shared by <see cref="StringLookup"/> and <see cref="IntegerLookup"/> (Keras's <c>IndexLookup</c>):
/// maps tokens to indices (or back, with <c>invert</c>), learns a vocabulary with <c>Adapt</c> or takes one given as a list
/// or a file, and encodes the indices in the output modes <c>"int"</c>, <c>"one_hot"</c>, <c>"multi_hot"</c>, <c>"count"</c>
/// and <c>"tf_idf"</c>.
/// </summary>
/// <remarks>
/// Index layout: the mask token (if any, in <c>"int"</c> mode) at 0, then <c>numOovIndices</c> out-of-vocabulary indices,
/// then the vocabulary. Unknown tokens go to the single OOV index, or, with several, to a bucket chosen by hashing
/// (FarmHash64, SipHash-2-4 with a salt, or <c>floormod</c> for integers) exactly as TensorFlow does for Keras. The
/// lookups run on the host: the layer has no weights (in <c>"tf_idf"</c> mode it keeps the idf weights).
/// </remarks>
/// <typeparam name="TToken">The token type: <see cref="string"/> or <see cref="long"/>.</typeparam>
public abstract class IndexLookup<TToken> : Layer, IVocabularyAssets
    where TToken : notnull
{
    private static readonly string[] OutputModes = ["int", "one_hot", "multi_hot", "count", "tf_idf"];

    private readonly bool _hasMask;
    private readonly TToken _mask;
    private List<TToken> _tokens = [];
    private Dictionary<TToken, long> _index = [];
    private float[]? _idfWeights;
    private bool _hasInputVocabulary;

    /// <summary>Checks the arguments and sets the layer up (the derived constructor then sets the vocabulary).</summary>
    /// <param name="layerName">The Keras class name, for messages.</param>
    /// <param name="maxTokens">Largest vocabulary size, special tokens included; null for no limit.</param>
    /// <param name="numOovIndices">How many out-of-vocabulary indices.</param>
    /// <param name="hasMask">Whether there is a mask token.</param>
    /// <param name="maskToken">The mask token (when <paramref name="hasMask"/>).</param>
    /// <param name="oovToken">The token returned for OOV indices by an inverted layer.</param>
    /// <param name="invert">Whether the layer maps indices back to tokens.</param>
    /// <param name="outputMode">The output mode.</param>
    /// <param name="sparse">Must be false.</param>
    /// <param name="padToMaxTokens">Whether vector outputs are <paramref name="maxTokens"/> long.</param>
    /// <param name="idfWeightsGiven">Whether idf weights were given.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Keras <c>trainable</c>.</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    private protected IndexLookup(string layerName, int? maxTokens, int numOovIndices, bool hasMask, TToken maskToken, TToken oovToken,
        bool invert, string outputMode, bool sparse, bool padToMaxTokens, bool idfWeightsGiven, string? name, bool trainable, Shape? inputShape)
        : base(name, trainable, inputShape)
    {
        if (maxTokens is <= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxTokens), maxTokens,
                $"{layerName} '{Name}': If set, `max_tokens` must be greater than 1. Received: max_tokens={maxTokens}");
        }

        if (padToMaxTokens && maxTokens is null)
        {
            throw new ArgumentException($"{layerName} '{Name}': If pad_to_max_tokens is True, must set `max_tokens`. Received: max_tokens=None",
                nameof(padToMaxTokens));
        }

        if (numOovIndices < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(numOovIndices), numOovIndices,
                $"{layerName} '{Name}': `num_oov_indices` must be greater than or equal to 0. Received: num_oov_indices={numOovIndices}");
        }

        outputMode = outputMode switch { "binary" => "multi_hot", "tf-idf" => "tf_idf", _ => outputMode };
        CategoricalOutput.CheckString(outputMode, OutputModes, layerName, "output_mode", nameof(outputMode));
        if (invert && outputMode != "int")
        {
            throw new ArgumentException($"{layerName} '{Name}': `output_mode` must be `'int'` when `invert` is true. Received: output_mode={outputMode}",
                nameof(invert));
        }

        if (sparse)
        {
            throw new ArgumentException($"{layerName} '{Name}': `sparse=True` can only be used with the TensorFlow backend.", nameof(sparse));
        }

        if (idfWeightsGiven && outputMode != "tf_idf")
        {
            throw new ArgumentException(
                $"{layerName} '{Name}': `idf_weights` should only be set if `output_mode` is `'tf_idf'`. Received: output_mode={outputMode}",
                "idfWeights");
        }

        MaxTokens = maxTokens;
        NumOovIndices = numOovIndices;
        _hasMask = hasMask;
        _mask = maskToken;
        OovToken = oovToken;
        Invert = invert;
        OutputMode = outputMode;
        PadToMaxTokens = padToMaxTokens;
    }

    /// <summary>Gets the largest vocabulary size (special tokens included), or null.</summary>
    public int? MaxTokens { get; }

    /// <summary>Gets the number of out-of-vocabulary indices.</summary>
    public int NumOovIndices { get; }

    /// <summary>Gets the token returned for OOV indices when inverted.</summary>
    public TToken OovToken { get; }

    /// <summary>Gets whether the layer maps indices back to tokens.</summary>
    public bool Invert { get; }

    /// <summary>Gets the output mode: <c>"int"</c>, <c>"one_hot"</c>, <c>"multi_hot"</c>, <c>"count"</c> or <c>"tf_idf"</c>.</summary>
    public string OutputMode { get; }

    /// <summary>Gets whether vector outputs are padded to <see cref="MaxTokens"/>.</summary>
    public bool PadToMaxTokens { get; }

    /// <summary>Gets the vocabulary given to the constructor as a list (saved in the config), or null.</summary>
    protected IReadOnlyList<TToken>? InputVocabulary { get; private set; }

    /// <summary>Gets the idf weights given to the constructor (saved in the config), or null.</summary>
    protected IReadOnlyList<double>? InputIdfWeights { get; private set; }

    /// <summary>Gets whether the mask token is set.</summary>
    protected bool HasMask => _hasMask;

    /// <summary>Gets the mask token (meaningful when <see cref="HasMask"/>).</summary>
    protected TToken Mask => _mask;

    private int OovStart => _hasMask && OutputMode == "int" ? 1 : 0;

    private int TokenStart => OovStart + NumOovIndices;

    private int Depth => PadToMaxTokens ? MaxTokens!.Value : VocabularySize();

    /// <summary>Returns the vocabulary; a token's position is its index (Keras <c>get_vocabulary</c>).</summary>
    /// <param name="includeSpecialTokens">Include the mask and OOV tokens at the start.</param>
    public IReadOnlyList<TToken> GetVocabulary(bool includeSpecialTokens = true) =>
        includeSpecialTokens ? [.. SpecialTokens(), .. _tokens] : [.. _tokens];

    /// <summary>Gets the vocabulary size, mask and OOV indices included (Keras <c>vocabulary_size()</c>).</summary>
    public int VocabularySize() => TokenStart + _tokens.Count;

    /// <summary>
    /// Sets the vocabulary directly instead of adapting (Keras <c>set_vocabulary</c>). The special tokens may be given at
    /// the start, in the order of <see cref="GetVocabulary"/>, or left out.
    /// </summary>
    /// <param name="vocabulary">The tokens, in index order.</param>
    /// <param name="idfWeights">In <c>"tf_idf"</c> mode (required there): one weight per entry of <paramref name="vocabulary"/>.</param>
    /// <exception cref="ArgumentException">Empty, repeated terms, a misplaced special token, too many terms, or idf weights that do not match.</exception>
    public void SetVocabulary(IEnumerable<TToken> vocabulary, IEnumerable<double>? idfWeights = null)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        var vocab = vocabulary.ToList();
        var idf = idfWeights?.ToList();
        CheckIdfGiven(idf is not null, idf);
        if (vocab.Count == 0)
        {
            throw new ArgumentException($"{ClassName} '{Name}': Cannot set an empty vocabulary. Received: vocabulary=[]", nameof(vocabulary));
        }

        var specials = SpecialTokens();
        var found = vocab.Count >= specials.Count && vocab.Take(specials.Count).SequenceEqual(specials);
        var tokens = found ? vocab.Skip(specials.Count).ToList() : vocab;
        CheckTokens(tokens, vocab, specials, nameof(vocabulary));
        if (idf is not null && idf.Count != vocab.Count)
        {
            throw new ArgumentException(
                $"{ClassName} '{Name}': `idf_weights` must be the same length as vocabulary. len(idf_weights) is {idf.Count}; len(vocabulary) is {vocab.Count}",
                nameof(idfWeights));
        }

        SetTokens(tokens);
        if (idf is not null)
        {
            // Without special tokens in the vocabulary, their slots get the mean weight (Keras).
            _idfWeights = found ? PadIdf(idf.Skip(TokenStart).ToList(), idf.Take(TokenStart).ToList()) : PadIdf(idf, Enumerable.Repeat(idf.Average(), TokenStart).ToList());
        }
    }

    /// <summary>
    /// Sets the vocabulary from a text file with one token per line (Keras <c>set_vocabulary(path)</c>); line <c>i</c>
    /// gets index <c>i</c> plus the number of special indices. Not available in <c>"tf_idf"</c> mode.
    /// </summary>
    /// <param name="path">The vocabulary file (UTF-8).</param>
    /// <exception cref="ArgumentException">The file does not exist, holds a bad token or repeated tokens, or the mode is <c>"tf_idf"</c>.</exception>
    public void SetVocabularyFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new ArgumentException($"{ClassName} '{Name}': Vocabulary file {path} does not exist.", "vocabulary");
        }

        if (OutputMode == "tf_idf")
        {
            throw new ArgumentException($"{ClassName} '{Name}': output_mode `'tf_idf'` does not support loading a vocabulary from file.", "vocabulary");
        }

        var tokens = ReadLines(File.ReadAllText(path)).Select((line, i) => ParseLine(line, path, i)).ToList();
        CheckTokens(tokens, tokens, SpecialTokens(), "vocabulary");
        SetTokens(tokens);
    }

    /// <summary>Maps tokens (row-major, of shape <paramref name="shape"/>) to the layer's output.</summary>
    /// <param name="tokens">The tokens.</param>
    /// <param name="shape">Their shape.</param>
    /// <param name="device">Where the result goes; null for the CPU.</param>
    private protected Tensor LookupTokens(IReadOnlyList<TToken> tokens, long[] shape, TorchSharp.torch.Device? device)
    {
        var ids = new long[tokens.Count];
        List<TToken>? oov = null;
        for (var i = 0; i < ids.Length; i++)
        {
            var t = tokens[i];
            if (_hasMask && EqualityComparer<TToken>.Default.Equals(t, _mask))
            {
                ids[i] = OutputMode == "int" ? 0 : -1;
            }
            else if (_index.TryGetValue(t, out var id))
            {
                ids[i] = id;
            }
            else if (NumOovIndices == 0)
            {
                (oov ??= []).Add(t);
            }
            else
            {
                ids[i] = OovStart + (NumOovIndices == 1 ? 0 : OovBucket(t, NumOovIndices));
            }
        }

        if (oov is not null)
        {
            throw new ArgumentException(
                $"{ClassName} '{Name}': When `num_oov_indices=0` all inputs should be in vocabulary, found OOV values " +
                $"[{string.Join(", ", oov.Take(10).Select(Quote))}], consider setting `num_oov_indices=1`.");
        }

        return CategoricalOutput.Encode(ids, shape, OutputMode, OutputMode == "int" ? 0 : Depth, _idfWeights, device);
    }

    /// <summary>Maps indices back to tokens (an inverted layer): the mask token at 0 (if set), the OOV token for unknown indices.</summary>
    /// <param name="ids">The indices.</param>
    private protected TToken[] LookupIndices(long[] ids)
    {
        var result = new TToken[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            var id = ids[i];
            result[i] = _hasMask && id == 0 ? _mask
                : id >= TokenStart && id < TokenStart + _tokens.Count ? _tokens[(int)(id - TokenStart)]
                : OovToken;
        }

        return result;
    }

    /// <summary>Gets whether a vocabulary was adapted, set or given.</summary>
    private protected bool HasVocabulary { get; private set; }

    /// <summary>Gets whether a vocabulary was adapted, set or given (for the layers that wrap a lookup).</summary>
    internal bool VocabularyIsSet => HasVocabulary;

    /// <summary>Throws in the vector modes (without <see cref="PadToMaxTokens"/>) when the layer has no vocabulary yet (Keras's check).</summary>
    private protected void EnsureKnownVocabularySize()
    {
        if (OutputMode != "int" && !PadToMaxTokens && !HasVocabulary)
        {
            throw new InvalidOperationException(
                $"{ClassName} '{Name}': When using `output_mode={OutputMode}` and `pad_to_max_tokens=False`, you must set the layer's vocabulary " +
                "before calling it. Either pass a `vocabulary` argument to the layer, or call `Adapt` with some sample data.");
        }
    }

    /// <summary>
    /// Learns the vocabulary from documents (Keras <c>adapt</c>): every token seen, most frequent first, ties broken by the
    /// token in descending order, cut to <see cref="MaxTokens"/>; in <c>"tf_idf"</c> mode also the idf weights
    /// <c>log(1 + documents / (1 + document count))</c>. Documents with no tokens leave the vocabulary as it was.
    /// </summary>
    /// <param name="documents">The documents, each a list of tokens.</param>
    /// <exception cref="InvalidOperationException">The vocabulary was given (constructor or <see cref="SetVocabulary"/>).</exception>
    private protected void AdaptDocuments(IEnumerable<IEnumerable<TToken>> documents)
    {
        if (_hasInputVocabulary)
        {
            throw new InvalidOperationException(
                $"Cannot adapt layer '{Name}' after setting a static vocabulary via `vocabulary` argument or `set_vocabulary()` method.");
        }

        var counts = new Dictionary<TToken, long>();
        var documentCounts = new Dictionary<TToken, long>();
        long documentsSeen = 0;
        foreach (var document in documents)
        {
            var tokens = document.ToList();
            foreach (var t in tokens)
            {
                counts[t] = counts.GetValueOrDefault(t) + 1;
            }

            foreach (var t in tokens.Distinct())
            {
                documentCounts[t] = documentCounts.GetValueOrDefault(t) + 1;
            }

            documentsSeen++;
        }

        if (_hasMask)
        {
            counts.Remove(_mask);
        }

        counts.Remove(OovToken);
        if (counts.Count == 0)
        {
            return;
        }

        var learned = counts.OrderByDescending(kv => kv.Value).ThenByDescending(kv => kv.Key, TokenOrder).Select(kv => kv.Key);
        if (MaxTokens is { } max)
        {
            learned = learned.Take(max - TokenStart);
        }

        SetTokens(learned.ToList());
        if (OutputMode == "tf_idf")
        {
            var idf = _tokens.Select(t => Math.Log(1 + (documentsSeen / (1.0 + documentCounts[t])))).ToList();
            _idfWeights = PadIdf(idf, Enumerable.Repeat(idf.Average(), TokenStart).ToList());
        }
    }

    /// <summary>Sets the vocabulary given to the constructor: a list (kept for the config) or nothing.</summary>
    /// <param name="vocabulary">The list, or null.</param>
    /// <param name="idfWeights">The idf weights, or null.</param>
    private protected void InitVocabulary(IEnumerable<TToken>? vocabulary, IEnumerable<double>? idfWeights)
    {
        InputIdfWeights = idfWeights?.ToList();
        if (OutputMode == "tf_idf" && vocabulary is not null && InputIdfWeights is null)
        {
            throw new ArgumentException(
                $"{ClassName} '{Name}': When specifying the `vocabulary` argument, in TF-IDF output mode, the `idf_weights` argument must also be provided.",
                "idfWeights");
        }

        if (vocabulary is not null)
        {
            InputVocabulary = vocabulary.ToList();
            SetVocabulary(InputVocabulary, InputIdfWeights);
            _hasInputVocabulary = true;
        }
    }

    /// <summary>Gets or sets whether the vocabulary was given (then <c>Adapt</c> is refused); saved models restore it.</summary>
    private protected bool HasInputVocabulary
    {
        get => _hasInputVocabulary;
        set => _hasInputVocabulary = value;
    }

    /// <summary>The idf weight per output index (<c>"tf_idf"</c> mode), or null.</summary>
    private protected float[]? IdfWeights => _idfWeights;

    /// <summary>The bucket (0 ≤ bucket &lt; <paramref name="buckets"/>) of an out-of-vocabulary token.</summary>
    /// <param name="token">The token.</param>
    /// <param name="buckets">The number of OOV indices (at least 2).</param>
    private protected abstract long OovBucket(TToken token, int buckets);

    /// <summary>Gets the descending tie-break order of adapted tokens with equal counts.</summary>
    private protected abstract IComparer<TToken> TokenOrder { get; }

    /// <summary>Parses one line of a vocabulary file (or of the saved <c>vocabulary.txt</c> asset).</summary>
    /// <param name="line">The line.</param>
    private protected abstract TToken ParseToken(string line);

    /// <summary>A token as a line of a vocabulary file.</summary>
    /// <param name="token">The token.</param>
    private protected abstract string Format(TToken token);

    /// <summary>A token as Python prints it in a list (strings quoted).</summary>
    /// <param name="token">The token.</param>
    private protected abstract string Quote(TToken token);

    /// <summary>The output shape for an input shape.</summary>
    /// <param name="inputShape">The input shape.</param>
    public override Shape ComputeOutputShape(Shape inputShape) =>
        CategoricalOutput.OutputShape(inputShape, OutputMode, OutputMode == "int" ? null : Depth);

    /// <summary>The saved vocabulary (Keras's <c>vocabulary.txt</c> asset): every token with the special ones, one a line; null when the config holds it.</summary>
    string? IVocabularyAssets.VocabularyAsset() =>
        InputVocabulary is not null ? null : string.Join("\n", GetVocabulary(includeSpecialTokens: true).Select(Format));

    /// <summary>Restores the vocabulary from the saved asset text (Keras <c>load_assets</c>).</summary>
    /// <param name="text">The <c>vocabulary.txt</c> content.</param>
    void IVocabularyAssets.LoadVocabularyAsset(string text)
    {
        if (InputVocabulary is not null)
        {
            return;
        }

        var lines = ReadLines(text).Select((line, i) => ParseLine(line, ModelAssets.VocabularyFile, i)).ToList();
        if (OutputMode == "tf_idf")
        {
            throw new NotSupportedException(
                $"{ClassName} '{Name}': restoring an adapted vocabulary in `output_mode='tf_idf'` needs the saved `idf_weights` variable, which DeepKeras does not read yet.");
        }

        var keep = _hasInputVocabulary;
        _hasInputVocabulary = false;
        if (lines.Count > 0)
        {
            SetVocabulary(lines);
        }

        _hasInputVocabulary = keep;
    }

    /// <summary>Adds Keras's <c>IndexLookup</c> config keys.</summary>
    /// <param name="config">The base config.</param>
    private protected void AddLookupConfig(Dictionary<string, object?> config)
    {
        config["invert"] = Invert;
        config["max_tokens"] = MaxTokens;
        config["num_oov_indices"] = NumOovIndices;
        config["oov_token"] = OovToken;
        config["mask_token"] = _hasMask ? _mask : null;
        config["output_mode"] = OutputMode;
        config["sparse"] = false;
        config["pad_to_max_tokens"] = PadToMaxTokens;
        config["idf_weights"] = InputIdfWeights?.ToArray();
        config["vocabulary"] = InputVocabulary?.ToArray();
        config["vocabulary_size"] = VocabularyIsSet ? VocabularySize() : null; // Keras: None until a vocabulary is set
    }

    /// <summary>Splits asset or file text into lines, dropping trailing empty lines (Keras <c>load_assets</c>).</summary>
    private static List<string> ReadLines(string text)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }

    private TToken ParseLine(string line, string source, int index)
    {
        try
        {
            return ParseToken(line);
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"{ClassName} '{Name}': line {index + 1} of {source} is not a valid token ('{line}'): {e.Message}", "vocabulary", e);
        }
    }

    private List<TToken> SpecialTokens()
    {
        var specials = new List<TToken>();
        if (OovStart == 1)
        {
            specials.Add(_mask);
        }

        specials.AddRange(Enumerable.Repeat(OovToken, NumOovIndices));
        return specials;
    }

    private void CheckIdfGiven(bool given, List<double>? idf)
    {
        if (OutputMode == "tf_idf" && !given)
        {
            throw new ArgumentException($"{ClassName} '{Name}': `idf_weights` must be set if output_mode is 'tf_idf'.", "idfWeights");
        }

        if (OutputMode != "tf_idf" && given)
        {
            throw new ArgumentException(
                $"{ClassName} '{Name}': `idf_weights` should only be set if output_mode is `'tf_idf'`. Received: output_mode={OutputMode} " +
                $"and idf_weights=[{string.Join(", ", idf!)}]", "idfWeights");
        }
    }

    private void CheckTokens(List<TToken> tokens, List<TToken> vocab, List<TToken> specials, string paramName)
    {
        var repeated = tokens.GroupBy(t => t).Where(g => g.Count() > 1).Select(g => Quote(g.Key)).ToList();
        if (repeated.Count > 0)
        {
            throw new ArgumentException(
                $"{ClassName} '{Name}': The passed vocabulary has at least one repeated term. Please uniquify your dataset. " +
                $"The repeated terms are: [{string.Join(", ", repeated)}]", paramName);
        }

        var specialText = $"[{string.Join(", ", specials.Select(Quote))}]";
        if (_hasMask && tokens.Contains(_mask))
        {
            throw new ArgumentException(
                $"{ClassName} '{Name}': Found reserved mask token at unexpected location in `vocabulary`. Note that passed `vocabulary` does not " +
                "need to include the OOV and mask tokens. Either remove all mask and OOV tokens, or include them only at the start of the " +
                $"vocabulary in precisely this order: {specialText}. Received: mask_token={_mask} at vocabulary index {vocab.LastIndexOf(_mask)}",
                paramName);
        }

        if (Invert && tokens.Contains(OovToken))
        {
            throw new ArgumentException(
                $"{ClassName} '{Name}': Found reserved OOV token at unexpected location in `vocabulary`. Note that passed `vocabulary` does not " +
                "need to include the OOV and mask tokens. Either remove all mask and OOV tokens, or include them only at the start of the " +
                $"vocabulary in precisely this order: {specialText}. Received: oov_token={OovToken} at vocabulary index {vocab.LastIndexOf(OovToken)}",
                paramName);
        }

        var newSize = TokenStart + tokens.Count;
        if (MaxTokens is { } max && newSize > max)
        {
            throw new ArgumentException(
                $"{ClassName} '{Name}': Attempted to set a vocabulary larger than the maximum vocab size. Received vocabulary size is {newSize}; " +
                $"`max_tokens` is {max}.", paramName);
        }
    }

    private void SetTokens(List<TToken> tokens)
    {
        _tokens = tokens;
        _index = new Dictionary<TToken, long>(tokens.Count);
        for (var i = 0; i < tokens.Count; i++)
        {
            _index.TryAdd(tokens[i], TokenStart + i);
        }

        HasVocabulary = true;
    }

    /// <summary>Lays out idf weights by output index: the special slots first, then the tokens, then zeros up to <see cref="MaxTokens"/>.</summary>
    private float[] PadIdf(List<double> tokenWeights, List<double> specialWeights)
    {
        var depth = PadToMaxTokens ? MaxTokens!.Value : TokenStart + tokenWeights.Count;
        var weights = new float[depth];
        for (var i = 0; i < specialWeights.Count; i++)
        {
            weights[i] = (float)specialWeights[i];
        }

        for (var i = 0; i < tokenWeights.Count; i++)
        {
            weights[TokenStart + i] = (float)tokenWeights[i];
        }

        return weights;
    }
}
