using DeepKeras.Engine;
using DeepKeras.Saving;
using NumSharp;
using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// Maps text to integer token sequences or to bag-of-words vectors (Keras <c>keras.layers.TextVectorization</c>):
/// standardize (lower-case, strip punctuation) → split into words → look each word up in a vocabulary learned by
/// <see cref="Adapt"/> or given with <see cref="SetVocabulary"/>.
/// </summary>
/// <remarks>
/// <para>
/// In <c>"int"</c> mode index 0 is the padding/mask token <c>""</c> and index 1 the out-of-vocabulary token <c>"[UNK]"</c>;
/// learned words follow, most frequent first, ties broken by the word in reverse code-point order (as Keras does).
/// Adapting <c>["foo bar", "bar baz", "baz bada boom"]</c> gives <c>["", "[UNK]", "baz", "bar", "foo", "boom", "bada"]</c>,
/// and <c>"foo qux bar"</c> becomes <c>[4, 1, 3]</c>.
/// </para>
/// <para>
/// A layer on string inputs: call it on strings with <see cref="Apply(string[])"/> (or <see cref="Transform"/> for an
/// <see cref="NDArray"/>), or put it right after a string <c>Input</c> in a model. It runs on the host and hands an int64
/// tensor <c>(batch, sequenceLength)</c> (or float32 <c>(batch, vocabularySize)</c> in the other modes) to the rest of the
/// model. <c>standardize</c> and <c>split</c> may be C# functions. No weights; the vocabulary lives in an inner
/// <see cref="StringLookup"/> and is saved like Keras's (config or <c>vocabulary.txt</c> asset).
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var vectorizer = new TextVectorization(maxTokens: 20000, outputSequenceLength: 200);
/// vectorizer.Adapt(trainTexts);
/// var xTrain = vectorizer.Transform(trainTexts);   // (n, 200) int64
/// </code>
/// </example>
public sealed class TextVectorization : Layer, IStringLayer, IVocabularyAssets
{
    /// <summary>The mask token, index 0 in <c>"int"</c> mode.</summary>
    public const string MaskToken = "";

    /// <summary>The out-of-vocabulary token: index 1 in <c>"int"</c> mode, index 0 in the other modes.</summary>
    public const string OovToken = "[UNK]";

    private static readonly string[] StandardizeModes = ["lower_and_strip_punctuation", "lower", "strip_punctuation"];
    private static readonly string[] SplitModes = ["whitespace", "character"];
    private static readonly string[] OutputModes = ["int", "multi_hot", "count", "tf_idf"];

    [KerasName("_lookup_layer")]
    private readonly StringLookup _lookup;
    private readonly Func<string, string>? _standardizeFunction;
    private readonly Func<string, IEnumerable<string>>? _splitFunction;

    /// <summary>Creates the layer; give a <paramref name="vocabulary"/> or call <see cref="Adapt"/> before using it.</summary>
    /// <param name="maxTokens">Largest vocabulary size, special tokens included (learned words: <c>maxTokens − 2</c> in <c>"int"</c> mode, <c>− 1</c> otherwise); null for no limit.</param>
    /// <param name="standardize"><c>"lower_and_strip_punctuation"</c> (default), <c>"lower"</c>, <c>"strip_punctuation"</c> or null for none. Only ASCII letters and punctuation are affected, as in Keras.</param>
    /// <param name="split"><c>"whitespace"</c> (default), <c>"character"</c> (Unicode code points) or null (each string is one token).</param>
    /// <param name="ngrams">Null for single tokens, or n: the tokens and their 2-, …, n-grams joined by a space (Keras's int
    /// <c>ngrams</c>; a tuple of widths is not supported).</param>
    /// <param name="outputMode"><c>"int"</c> (default): token indices; <c>"multi_hot"</c> (alias <c>"binary"</c>): 1 where a word occurs; <c>"count"</c>: occurrences; <c>"tf_idf"</c> (alias <c>"tf-idf"</c>): counts × inverse document frequency.</param>
    /// <param name="outputSequenceLength">In <c>"int"</c> mode: pad with 0 or cut (at the end) every row to this length; default the longest row of each call.</param>
    /// <param name="padToMaxTokens">In the vector modes: make rows <paramref name="maxTokens"/> long even when the vocabulary is smaller.</param>
    /// <param name="vocabulary">A fixed vocabulary (special tokens optional, at the start); the layer then cannot be adapted.</param>
    /// <param name="idfWeights">With <c>"tf_idf"</c> and a <paramref name="vocabulary"/>: one inverse document frequency per term.</param>
    /// <param name="sparse">Must be false: sparse outputs need TensorFlow.</param>
    /// <param name="ragged">Must be false: ragged outputs need TensorFlow.</param>
    /// <param name="encoding">The text encoding; only <c>"utf-8"</c>.</param>
    /// <param name="name">Layer name (default <c>text_vectorization</c>, <c>text_vectorization_1</c>, …).</param>
    /// <param name="trainable">Keras <c>trainable</c> (the layer has no trainable weights).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    /// <exception cref="ArgumentException">An unknown mode, or options that do not go together (Keras messages).</exception>
    public TextVectorization(int? maxTokens = null, string? standardize = "lower_and_strip_punctuation", string? split = "whitespace", int? ngrams = null,
        string outputMode = "int", int? outputSequenceLength = null, bool padToMaxTokens = false, IEnumerable<string>? vocabulary = null,
        IEnumerable<double>? idfWeights = null, bool sparse = false, bool ragged = false, string encoding = "utf-8", string? name = null,
        bool trainable = true, Shape? inputShape = null)
        : this(null, null, standardize, split, maxTokens, ngrams, outputMode, outputSequenceLength, padToMaxTokens, vocabulary, idfWeights, sparse, ragged,
            encoding, name, trainable, inputShape)
    {
    }

    /// <summary>Creates the layer with C# functions for the standardization and the split (Keras's callable <c>standardize</c> and <c>split</c>).</summary>
    /// <param name="standardize">Maps each text to its standardized form; null for none.</param>
    /// <param name="split">Splits a standardized text into tokens; null: each text is one token.</param>
    /// <param name="maxTokens">Largest vocabulary size, special tokens included; null for no limit.</param>
    /// <param name="outputMode"><c>"int"</c> (default), <c>"multi_hot"</c>, <c>"count"</c> or <c>"tf_idf"</c>.</param>
    /// <param name="outputSequenceLength">In <c>"int"</c> mode: the fixed row length.</param>
    /// <param name="padToMaxTokens">In the vector modes: make rows <paramref name="maxTokens"/> long.</param>
    /// <param name="vocabulary">A fixed vocabulary; the layer then cannot be adapted.</param>
    /// <param name="idfWeights">With <c>"tf_idf"</c> and a <paramref name="vocabulary"/>: the inverse document frequencies.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Keras <c>trainable</c>.</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    /// <remarks>Such a layer's config names the functions but cannot recreate them: a saved model with it does not load back.</remarks>
    public TextVectorization(Func<string, string>? standardize, Func<string, IEnumerable<string>>? split, int? maxTokens = null, string outputMode = "int",
        int? outputSequenceLength = null, bool padToMaxTokens = false, IEnumerable<string>? vocabulary = null, IEnumerable<double>? idfWeights = null,
        string? name = null, bool trainable = true, Shape? inputShape = null)
        : this(standardize, split, standardize is null ? null : "<function>", split is null ? null : "<function>", maxTokens, null, outputMode,
            outputSequenceLength, padToMaxTokens, vocabulary, idfWeights, false, false, "utf-8", name, trainable, inputShape)
    {
    }

    private TextVectorization(Func<string, string>? standardizeFunction, Func<string, IEnumerable<string>>? splitFunction, string? standardize,
        string? split, int? maxTokens, int? ngrams, string outputMode, int? outputSequenceLength, bool padToMaxTokens, IEnumerable<string>? vocabulary,
        IEnumerable<double>? idfWeights, bool sparse, bool ragged, string encoding, string? name, bool trainable, Shape? inputShape)
        : base(name, trainable, inputShape)
    {
        _standardizeFunction = standardizeFunction;
        _splitFunction = splitFunction;
        if (standardizeFunction is null)
        {
            CategoricalOutput.CheckString(standardize, StandardizeModes, "TextVectorization", "standardize", nameof(standardize), allowNull: true);
        }

        if (splitFunction is null)
        {
            CategoricalOutput.CheckString(split, SplitModes, "TextVectorization", "split", nameof(split), allowNull: true);
        }

        outputMode = outputMode switch { "binary" => "multi_hot", "tf-idf" => "tf_idf", _ => outputMode };
        CategoricalOutput.CheckString(outputMode, OutputModes, "TextVectorization", "output_mode", nameof(outputMode));
        if (ngrams is < 1)
        {
            throw new ArgumentException($"TextVectorization '{Name}': `ngrams` must be None or a positive integer. Received: ngrams={ngrams}", nameof(ngrams));
        }

        Ngrams = ngrams;

        if (sparse || ragged)
        {
            throw new ArgumentException(
                $"TextVectorization '{Name}': `sparse=True` and `ragged=True` need the TensorFlow backend. Received: sparse={sparse}, ragged={ragged}",
                sparse ? nameof(sparse) : nameof(ragged));
        }

        if (!string.Equals(encoding, "utf-8", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"TextVectorization '{Name}': only `encoding='utf-8'` is supported. Received: encoding={encoding}", nameof(encoding));
        }

        if (outputMode != "int" && outputSequenceLength is not null)
        {
            throw new ArgumentException(
                $"`output_sequence_length` must not be set if `output_mode` is not 'int'. Received: output_sequence_length={outputSequenceLength}.",
                nameof(outputSequenceLength));
        }

        if (outputSequenceLength is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(outputSequenceLength), outputSequenceLength,
                $"`output_sequence_length` must be a positive integer or null. Received: output_sequence_length={outputSequenceLength}");
        }

        Standardize = standardize;
        Split = split;
        OutputSequenceLength = outputSequenceLength;
        _lookup = new StringLookup(maxTokens: maxTokens, maskToken: MaskToken, oovToken: OovToken, vocabulary: vocabulary, idfWeights: idfWeights,
            outputMode: outputMode, padToMaxTokens: padToMaxTokens);
    }

    /// <summary>Gets the largest vocabulary size (special tokens included), or null.</summary>
    public int? MaxTokens => _lookup.MaxTokens;

    /// <summary>Gets the standardization: <c>"lower_and_strip_punctuation"</c>, <c>"lower"</c>, <c>"strip_punctuation"</c>, <c>"&lt;function&gt;"</c> or null.</summary>
    public string? Standardize { get; }

    /// <summary>Gets the split: <c>"whitespace"</c>, <c>"character"</c>, <c>"&lt;function&gt;"</c> or null.</summary>
    public string? Split { get; }

    /// <summary>Gets the output mode: <c>"int"</c>, <c>"multi_hot"</c>, <c>"count"</c> or <c>"tf_idf"</c>.</summary>
    public string OutputMode => _lookup.OutputMode;

    /// <summary>Gets the fixed row length of <c>"int"</c> output, or null.</summary>
    public int? OutputSequenceLength { get; }

    /// <summary>Gets whether vector rows are padded to <see cref="MaxTokens"/>.</summary>
    public bool PadToMaxTokens => _lookup.PadToMaxTokens;

    /// <summary>
    /// Learns the vocabulary from texts (Keras <c>adapt</c>): every word seen, most frequent first (ties: reverse
    /// code-point order), cut to <see cref="MaxTokens"/>; in <c>"tf_idf"</c> mode also the document frequencies.
    /// Replaces any earlier adapted or set vocabulary. Texts with no words leave the vocabulary as it was.
    /// </summary>
    /// <param name="data">The texts, one document each.</param>
    /// <exception cref="InvalidOperationException">The layer was created with a fixed <c>vocabulary</c>.</exception>
    public void Adapt(IEnumerable<string> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        _lookup.Adapt(data.Select(text => Tokenize(text ?? throw new ArgumentException("`data` contains a null string.", nameof(data)))).ToList());
    }

    /// <summary>Turns texts into token indices (<c>"int"</c>) or vectors (the other modes) as an <see cref="NDArray"/>; see <see cref="Apply(string[])"/>.</summary>
    /// <param name="inputs">The texts.</param>
    /// <returns>int64 <c>(n, L)</c> in <c>"int"</c> mode, float32 <c>(n, depth)</c> in the other modes.</returns>
    /// <exception cref="InvalidOperationException">No vocabulary yet: call <see cref="Adapt"/> or <see cref="SetVocabulary"/> first.</exception>
    public NDArray Transform(IEnumerable<string> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        using var result = ApplyStrings(inputs.ToArray());
        return OutputMode == "int"
            ? np.array(result.data<long>().ToArray()).reshape(result.shape.Select(d => (int)d).ToArray())
            : np.array(result.data<float>().ToArray()).reshape(result.shape.Select(d => (int)d).ToArray());
    }

    /// <summary>Turns texts into token indices or vectors (Keras <c>layer(texts)</c>).</summary>
    /// <param name="inputs">The texts.</param>
    /// <returns>
    /// <c>"int"</c>: int64 <c>(n, L)</c> with <c>L</c> = <see cref="OutputSequenceLength"/> or the longest row, padded with 0 at
    /// the end. Other modes: float32 <c>(n, depth)</c> with depth = the vocabulary size (or <see cref="MaxTokens"/> with
    /// <see cref="PadToMaxTokens"/>).
    /// </returns>
    public Tensor Apply(string[] inputs) => ApplyStrings(inputs);

    /// <summary>Turns a <c>(batch, 1)</c> array of texts into token indices or vectors.</summary>
    /// <param name="inputs">The texts, one per row.</param>
    public Tensor Apply(string[,] inputs) => ApplyStrings(inputs);

    /// <summary>Turns a string array of shape <c>(batch)</c> or <c>(batch, 1)</c> into token indices or vectors.</summary>
    /// <param name="inputs">The texts.</param>
    /// <exception cref="InvalidOperationException">No vocabulary yet.</exception>
    /// <exception cref="ArgumentException">An array of another shape, or a null string.</exception>
    public Tensor ApplyStrings(Array inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (!_lookup.VocabularyIsSet)
        {
            throw new InvalidOperationException(
                $"TextVectorization layer '{Name}' has no vocabulary yet. Call `Adapt(texts)` or `SetVocabulary(words)` before calling it.");
        }

        var (texts, shape) = StringArrays.Flatten(inputs, this, nameof(inputs));
        if (shape.Length > 2 || (shape.Length == 2 && shape[1] != 1))
        {
            throw new ArgumentException(
                $"Layer \"{Name}\" (TextVectorization) expects texts of shape (batch,) or (batch, 1). Received: shape=({string.Join(", ", shape)})",
                nameof(inputs));
        }

        var rows = texts.Select(Tokenize).ToList();
        var longest = rows.Select(r => r.Count).DefaultIfEmpty(0).Max();
        var length = OutputMode == "int" ? OutputSequenceLength ?? longest : longest;
        var padded = new string[rows.Count * length];
        for (var i = 0; i < rows.Count; i++)
        {
            for (var j = 0; j < length; j++)
            {
                padded[(i * length) + j] = j < rows[i].Count ? rows[i][j] : MaskToken;
            }
        }

        return _lookup.ApplyStrings(StringArrays.Shape(padded, [rows.Count, length]));
    }

    /// <inheritdoc/>
    Tensor IStringLayer.CallStrings(Array inputs) => ApplyStrings(inputs);

    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training) =>
        throw new ArgumentException($"TextVectorization '{Name}' expects strings (a string array, or a string `Input`), but received a tensor of dtype {inputs.dtype}.");

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape)
    {
        int? batch = inputShape.Rank > 0 ? inputShape[0] : null;
        return OutputMode == "int"
            ? new Shape(batch, OutputSequenceLength)
            : new Shape(batch, PadToMaxTokens ? MaxTokens : VocabularySize());
    }

    /// <summary>Returns the vocabulary: a word's position is its index in the output (Keras <c>get_vocabulary</c>).</summary>
    /// <param name="includeSpecialTokens">Include <c>""</c> and <c>"[UNK]"</c> (<c>"int"</c> mode) or <c>"[UNK]"</c> (other modes) at the start.</param>
    public IReadOnlyList<string> GetVocabulary(bool includeSpecialTokens = true) => _lookup.GetVocabulary(includeSpecialTokens);

    /// <summary>Gets the vocabulary size, special tokens included (Keras <c>vocabulary_size()</c>).</summary>
    public int VocabularySize() => _lookup.VocabularySize();

    /// <summary>
    /// Sets the vocabulary directly instead of adapting (Keras <c>set_vocabulary</c>). The special tokens may be given at
    /// the start, in the order of <see cref="GetVocabulary"/>, or left out.
    /// </summary>
    /// <param name="vocabulary">The words, in index order.</param>
    /// <param name="idfWeights">In <c>"tf_idf"</c> mode (required there): one weight per entry of <paramref name="vocabulary"/>.</param>
    /// <exception cref="ArgumentException">Empty, repeated terms, a misplaced mask token, too many terms for <see cref="MaxTokens"/>, or idf weights that do not match (Keras messages).</exception>
    public void SetVocabulary(IEnumerable<string> vocabulary, IEnumerable<double>? idfWeights = null) => _lookup.SetVocabulary(vocabulary, idfWeights);

    /// <summary>Returns the constructor arguments under Keras's keys (<c>max_tokens</c>, <c>output_mode</c>, …).</summary>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        var lookup = _lookup.GetConfig();
        c["max_tokens"] = MaxTokens;
        c["standardize"] = Standardize;
        c["split"] = Split;
        c["ngrams"] = Ngrams;
        c["output_mode"] = OutputMode;
        c["output_sequence_length"] = OutputSequenceLength;
        c["pad_to_max_tokens"] = PadToMaxTokens;
        c["sparse"] = false;
        c["ragged"] = false;
        c["vocabulary"] = lookup["vocabulary"];
        c["idf_weights"] = lookup["idf_weights"];
        c["encoding"] = "utf-8";
        c["vocabulary_size"] = VocabularySize();
        return c;
    }

    /// <inheritdoc/>
    string? IVocabularyAssets.VocabularyAsset() => ((IVocabularyAssets)_lookup).VocabularyAsset();

    /// <inheritdoc/>
    void IVocabularyAssets.LoadVocabularyAsset(string text) => ((IVocabularyAssets)_lookup).LoadVocabularyAsset(text);

    /// <summary>Gets the inner lookup layer (its vocabulary is saved as Keras saves TextVectorization's).</summary>
    internal StringLookup LookupLayer => _lookup;

    /// <summary>Gets the largest n-gram width (Keras <c>ngrams</c>), or null for single tokens.</summary>
    public int? Ngrams { get; }

    private List<string> Tokenize(string text)
    {
        var standardized = _standardizeFunction is not null ? _standardizeFunction(text) : TextPreprocessing.Standardize(text, Standardize);
        List<string> tokens = _splitFunction is not null ? [.. _splitFunction(standardized)] : TextPreprocessing.Split(standardized, Split);
        if (Ngrams is not { } n)
        {
            return tokens;
        }

        // tf.strings.ngrams(tokens, ngram_width=(1, …, n), separator=" "): the 1-grams, then the 2-grams, …; a text shorter
        // than a width has none of that width.
        var grams = new List<string>(tokens);
        for (var width = 2; width <= n; width++)
        {
            for (var start = 0; start + width <= tokens.Count; start++)
            {
                grams.Add(string.Join(' ', tokens.GetRange(start, width)));
            }
        }

        return grams;
    }
}
