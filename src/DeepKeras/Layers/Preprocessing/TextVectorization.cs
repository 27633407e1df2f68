using System.Globalization;
using DeepKeras.Engine;
using NumSharp;

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
/// Like Keras on backends other than TensorFlow, this runs outside the model, in the input pipeline: call
/// <see cref="Transform"/> on the strings and feed the result (an int64 <see cref="NDArray"/> of shape
/// <c>(batch, sequenceLength)</c>, or float32 <c>(batch, vocabularySize)</c> in the other modes) to an <c>Embedding</c> or
/// <c>Dense</c> model. Not trainable; it has no weights.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var vectorizer = new TextVectorization(maxTokens: 20000, outputSequenceLength: 200);
/// vectorizer.Adapt(trainTexts);
/// var xTrain = vectorizer.Transform(trainTexts);   // (n, 200) int64
/// </code>
/// </example>
public sealed class TextVectorization
{
    /// <summary>The mask token, index 0 in <c>"int"</c> mode.</summary>
    public const string MaskToken = "";

    /// <summary>The out-of-vocabulary token: index 1 in <c>"int"</c> mode, index 0 in the other modes.</summary>
    public const string OovToken = "[UNK]";

    private static readonly string[] StandardizeModes = ["lower_and_strip_punctuation", "lower", "strip_punctuation"];
    private static readonly string[] SplitModes = ["whitespace", "character"];
    private static readonly string[] OutputModes = ["int", "multi_hot", "count", "tf_idf"];

    private readonly bool _hasInputVocabulary;
    private readonly List<string>? _inputVocabulary;
    private readonly List<double>? _inputIdfWeights;
    private List<string> _tokens = [];
    private Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private float[]? _idfWeights;
    private bool _hasVocabulary;

    /// <summary>Creates the layer; give a <paramref name="vocabulary"/> or call <see cref="Adapt"/> before <see cref="Transform"/>.</summary>
    /// <param name="maxTokens">Largest vocabulary size, special tokens included (learned words: <c>maxTokens − 2</c> in <c>"int"</c> mode, <c>− 1</c> otherwise); null for no limit.</param>
    /// <param name="standardize"><c>"lower_and_strip_punctuation"</c> (default), <c>"lower"</c>, <c>"strip_punctuation"</c> or null for none. Only ASCII letters and punctuation are affected, as in Keras.</param>
    /// <param name="split"><c>"whitespace"</c> (default), <c>"character"</c> (Unicode code points) or null (each string is one token).</param>
    /// <param name="outputMode"><c>"int"</c> (default): token indices; <c>"multi_hot"</c> (alias <c>"binary"</c>): 1 where a word occurs; <c>"count"</c>: occurrences; <c>"tf_idf"</c> (alias <c>"tf-idf"</c>): counts × inverse document frequency.</param>
    /// <param name="outputSequenceLength">In <c>"int"</c> mode: pad with 0 or cut (at the end) every row to this length; default the longest row of each call.</param>
    /// <param name="padToMaxTokens">In the vector modes: make rows <paramref name="maxTokens"/> long even when the vocabulary is smaller.</param>
    /// <param name="vocabulary">A fixed vocabulary (special tokens optional, at the start); the layer then cannot be adapted.</param>
    /// <param name="idfWeights">With <c>"tf_idf"</c> and a <paramref name="vocabulary"/>: one inverse document frequency per term.</param>
    /// <param name="name">Layer name (default <c>text_vectorization</c>, <c>text_vectorization_1</c>, …).</param>
    /// <exception cref="ArgumentException">An unknown mode, or options that do not go together (Keras messages).</exception>
    public TextVectorization(int? maxTokens = null, string? standardize = "lower_and_strip_punctuation", string? split = "whitespace",
        string outputMode = "int", int? outputSequenceLength = null, bool padToMaxTokens = false, IEnumerable<string>? vocabulary = null,
        IEnumerable<double>? idfWeights = null, string? name = null)
    {
        CheckString(standardize, StandardizeModes, nameof(standardize), "standardize", allowNull: true);
        CheckString(split, SplitModes, nameof(split), "split", allowNull: true);
        outputMode = outputMode switch { "binary" => "multi_hot", "tf-idf" => "tf_idf", _ => outputMode };
        CheckString(outputMode, OutputModes, nameof(outputMode), "output_mode", allowNull: false);
        if (outputMode != "int" && outputSequenceLength is not null)
        {
            throw new ArgumentException(
                $"`output_sequence_length` must not be set if `output_mode` is not 'int'. Received output_sequence_length={outputSequenceLength}.",
                nameof(outputSequenceLength));
        }

        if (outputSequenceLength is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(outputSequenceLength), outputSequenceLength,
                $"`output_sequence_length` must be a positive integer or null. Received: output_sequence_length={outputSequenceLength}");
        }

        if (maxTokens is <= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxTokens), maxTokens,
                $"If set, `max_tokens` must be greater than 1. Received: max_tokens={maxTokens}");
        }

        if (padToMaxTokens && maxTokens is null)
        {
            throw new ArgumentException("If pad_to_max_tokens is True, must set `max_tokens`. Received: max_tokens=None", nameof(maxTokens));
        }

        _inputIdfWeights = idfWeights?.ToList();
        if (_inputIdfWeights is not null && outputMode != "tf_idf")
        {
            throw new ArgumentException(
                $"`idf_weights` should only be set if `output_mode` is `'tf_idf'`. Received: output_mode={outputMode}.", nameof(idfWeights));
        }

        if (outputMode == "tf_idf" && vocabulary is not null && _inputIdfWeights is null)
        {
            throw new ArgumentException(
                "When specifying the `vocabulary` argument, in TF-IDF output mode, the `idf_weights` argument must also be provided.", nameof(idfWeights));
        }

        Name = string.IsNullOrEmpty(name) ? NameScope.Unique("text_vectorization") : name;
        MaxTokens = maxTokens;
        Standardize = standardize;
        Split = split;
        OutputMode = outputMode;
        OutputSequenceLength = outputSequenceLength;
        PadToMaxTokens = padToMaxTokens;
        if (vocabulary is not null)
        {
            _inputVocabulary = vocabulary.ToList();
            SetVocabulary(_inputVocabulary, _inputIdfWeights);
            _hasInputVocabulary = true;
        }
    }

    /// <summary>Gets the layer's name.</summary>
    public string Name { get; }

    /// <summary>Gets the largest vocabulary size (special tokens included), or null.</summary>
    public int? MaxTokens { get; }

    /// <summary>Gets the standardization: <c>"lower_and_strip_punctuation"</c>, <c>"lower"</c>, <c>"strip_punctuation"</c> or null.</summary>
    public string? Standardize { get; }

    /// <summary>Gets the split: <c>"whitespace"</c>, <c>"character"</c> or null.</summary>
    public string? Split { get; }

    /// <summary>Gets the output mode: <c>"int"</c>, <c>"multi_hot"</c>, <c>"count"</c> or <c>"tf_idf"</c>.</summary>
    public string OutputMode { get; }

    /// <summary>Gets the fixed row length of <c>"int"</c> output, or null.</summary>
    public int? OutputSequenceLength { get; }

    /// <summary>Gets whether vector rows are padded to <see cref="MaxTokens"/>.</summary>
    public bool PadToMaxTokens { get; }

    /// <summary>Gets false: the layer has no trainable weights.</summary>
    public bool Trainable => false;

    private int TokenStart => OutputMode == "int" ? 2 : 1;

    private string[] SpecialTokens => OutputMode == "int" ? [MaskToken, OovToken] : [OovToken];

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
        if (_hasInputVocabulary)
        {
            throw new InvalidOperationException(
                $"Cannot adapt layer '{Name}' after setting a static vocabulary via `vocabulary` argument or `set_vocabulary()` method.");
        }

        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var documentCounts = new Dictionary<string, long>(StringComparer.Ordinal);
        long documents = 0;
        foreach (var text in data)
        {
            var tokens = Tokenize(text ?? throw new ArgumentException("`data` contains a null string.", nameof(data)));
            foreach (var t in tokens)
            {
                counts[t] = counts.GetValueOrDefault(t) + 1;
            }

            if (OutputMode == "tf_idf")
            {
                foreach (var t in tokens.Distinct(StringComparer.Ordinal))
                {
                    documentCounts[t] = documentCounts.GetValueOrDefault(t) + 1;
                }

                documents++;
            }
        }

        counts.Remove(MaskToken);
        counts.Remove(OovToken);
        if (counts.Count == 0)
        {
            return;
        }

        var learned = counts
            .OrderByDescending(kv => kv.Value)
            .ThenByDescending(kv => kv.Key, Comparer<string>.Create(TextPreprocessing.CompareCodePoints))
            .Select(kv => kv.Key);
        if (MaxTokens is { } max)
        {
            learned = learned.Take(max - TokenStart);
        }

        SetTokens(learned.ToList());
        if (OutputMode == "tf_idf")
        {
            // Keras: idf = log(1 + documents / (1 + document count)); the OOV slot gets the mean of the learned weights.
            var idf = _tokens.Select(t => Math.Log(1 + (documents / (1.0 + documentCounts[t])))).ToList();
            _idfWeights = PadIdf(idf, idf.Average());
        }
    }

    /// <summary>Turns texts into token indices (<c>"int"</c>) or vectors (the other modes); Keras's <c>layer(texts)</c>.</summary>
    /// <param name="inputs">The texts.</param>
    /// <returns>
    /// <c>"int"</c>: int64 <c>(n, L)</c> with <c>L</c> = <see cref="OutputSequenceLength"/> or the longest row, padded with 0 at
    /// the end. Other modes: float32 <c>(n, depth)</c> with depth = the vocabulary size (or <see cref="MaxTokens"/> with
    /// <see cref="PadToMaxTokens"/>).
    /// </returns>
    /// <exception cref="InvalidOperationException">No vocabulary yet: call <see cref="Adapt"/> or <see cref="SetVocabulary"/> first.</exception>
    public NDArray Transform(IEnumerable<string> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (!_hasVocabulary)
        {
            throw new InvalidOperationException(
                $"TextVectorization layer '{Name}' has no vocabulary yet. Call `Adapt(texts)` or `SetVocabulary(words)` before `Transform`.");
        }

        var rows = inputs.Select(t => Tokenize(t ?? throw new ArgumentException("`inputs` contains a null string.", nameof(inputs)))).ToList();
        return OutputMode == "int" ? ToIndices(rows) : ToVectors(rows);
    }

    /// <summary>Returns the vocabulary: a word's position is its index in the output (Keras <c>get_vocabulary</c>).</summary>
    /// <param name="includeSpecialTokens">Include <c>""</c> and <c>"[UNK]"</c> (<c>"int"</c> mode) or <c>"[UNK]"</c> (other modes) at the start.</param>
    public IReadOnlyList<string> GetVocabulary(bool includeSpecialTokens = true) =>
        includeSpecialTokens ? [.. SpecialTokens, .. _tokens] : [.. _tokens];

    /// <summary>Gets the vocabulary size, special tokens included (Keras <c>vocabulary_size()</c>).</summary>
    public int VocabularySize() => TokenStart + _tokens.Count;

    /// <summary>
    /// Sets the vocabulary directly instead of adapting (Keras <c>set_vocabulary</c>). The special tokens may be given at
    /// the start, in the order of <see cref="GetVocabulary"/>, or left out.
    /// </summary>
    /// <param name="vocabulary">The words, in index order.</param>
    /// <param name="idfWeights">In <c>"tf_idf"</c> mode (required there): one weight per entry of <paramref name="vocabulary"/>.</param>
    /// <exception cref="ArgumentException">Empty, repeated terms, a misplaced mask token, too many terms for <see cref="MaxTokens"/>, or idf weights that do not match (Keras messages).</exception>
    public void SetVocabulary(IEnumerable<string> vocabulary, IEnumerable<double>? idfWeights = null)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        var vocab = vocabulary.ToList();
        var idf = idfWeights?.ToList();
        if (OutputMode == "tf_idf" && idf is null)
        {
            throw new ArgumentException("`idf_weights` must be set if output_mode is 'tf_idf'.", nameof(idfWeights));
        }

        if (OutputMode != "tf_idf" && idf is not null)
        {
            throw new ArgumentException(
                $"`idf_weights` should only be set if output_mode is `'tf_idf'`. Received: output_mode={OutputMode} and idf_weights=[{Join(idf)}]",
                nameof(idfWeights));
        }

        if (vocab.Count == 0)
        {
            throw new ArgumentException("Cannot set an empty vocabulary. Received: vocabulary=[]", nameof(vocabulary));
        }

        var specials = SpecialTokens;
        var foundSpecials = vocab.Count >= specials.Length && vocab.Take(specials.Length).SequenceEqual(specials, StringComparer.Ordinal);
        var tokens = foundSpecials ? vocab.Skip(specials.Length).ToList() : vocab;
        var repeated = tokens.GroupBy(t => t, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (repeated.Count > 0)
        {
            throw new ArgumentException(
                "The passed vocabulary has at least one repeated term. Please uniquify your dataset. " +
                $"The repeated terms are: [{Join(repeated)}]", nameof(vocabulary));
        }

        if (tokens.Contains(MaskToken))
        {
            throw new ArgumentException(
                "Found reserved mask token at unexpected location in `vocabulary`. Note that passed `vocabulary` does not need to " +
                "include the OOV and mask tokens. Either remove all mask and OOV tokens, or include them only at the start of the " +
                $"vocabulary in precisely this order: [{Join(specials)}]. Received: mask_token='' at vocabulary index " +
                $"{vocab.LastIndexOf(MaskToken)}", nameof(vocabulary));
        }

        var newSize = TokenStart + tokens.Count;
        if (MaxTokens is { } max && newSize > max)
        {
            throw new ArgumentException(
                $"Attempted to set a vocabulary larger than the maximum vocab size. Received vocabulary size is {newSize}; `max_tokens` is {max}.",
                nameof(vocabulary));
        }

        if (idf is not null && idf.Count != vocab.Count)
        {
            throw new ArgumentException(
                $"`idf_weights` must be the same length as vocabulary. len(idf_weights) is {idf.Count}; len(vocabulary) is {vocab.Count}",
                nameof(idfWeights));
        }

        SetTokens(tokens);
        if (idf is not null)
        {
            // Without special tokens in the vocabulary, the OOV slot gets the mean weight (Keras).
            _idfWeights = foundSpecials ? PadIdf(idf.Skip(TokenStart).ToList(), idf[0]) : PadIdf(idf, idf.Average());
        }
    }

    /// <summary>Returns the constructor arguments under Keras's keys (<c>max_tokens</c>, <c>output_mode</c>, …).</summary>
    public Dictionary<string, object?> GetConfig() => new()
    {
        ["name"] = Name,
        ["trainable"] = false,
        ["dtype"] = "string",
        ["max_tokens"] = MaxTokens,
        ["standardize"] = Standardize,
        ["split"] = Split,
        ["ngrams"] = null,
        ["output_mode"] = OutputMode,
        ["output_sequence_length"] = OutputSequenceLength,
        ["pad_to_max_tokens"] = PadToMaxTokens,
        ["sparse"] = false,
        ["ragged"] = false,
        ["vocabulary"] = _inputVocabulary?.ToArray(),
        ["idf_weights"] = _inputIdfWeights?.ToArray(),
        ["encoding"] = "utf-8",
        ["vocabulary_size"] = VocabularySize(),
    };

    /// <inheritdoc/>
    public override string ToString() => $"<TextVectorization name={Name}, vocabulary_size={VocabularySize()}>";

    private List<string> Tokenize(string text) => TextPreprocessing.Split(TextPreprocessing.Standardize(text, Standardize), Split);

    private void SetTokens(List<string> tokens)
    {
        _tokens = tokens;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < tokens.Count; i++)
        {
            _index.TryAdd(tokens[i], TokenStart + i);
        }

        _hasVocabulary = true;
    }

    /// <summary>Index of a token: 0 for the mask (int mode), the OOV index for unknown words.</summary>
    private int Lookup(string token) =>
        OutputMode == "int" && token.Length == 0 ? 0 : _index.GetValueOrDefault(token, TokenStart - 1);

    private NDArray ToIndices(List<List<string>> rows)
    {
        var length = OutputSequenceLength ?? rows.Select(r => r.Count).DefaultIfEmpty(0).Max();
        var ids = new long[rows.Count * length];
        for (var i = 0; i < rows.Count; i++)
        {
            var kept = Math.Min(rows[i].Count, length);
            for (var j = 0; j < kept; j++)
            {
                ids[(i * length) + j] = Lookup(rows[i][j]);
            }
        }

        return np.array(ids).reshape(rows.Count, length);
    }

    private NDArray ToVectors(List<List<string>> rows)
    {
        var depth = PadToMaxTokens ? MaxTokens!.Value : VocabularySize();
        var values = new float[rows.Count * depth];
        for (var i = 0; i < rows.Count; i++)
        {
            foreach (var token in rows[i])
            {
                if (token.Length == 0)
                {
                    continue;
                }

                var k = (i * depth) + Lookup(token);
                values[k] = OutputMode == "multi_hot" ? 1f : values[k] + 1f;
            }
        }

        if (OutputMode == "tf_idf")
        {
            for (var k = 0; k < values.Length; k++)
            {
                values[k] *= _idfWeights![k % depth];
            }
        }

        return np.array(values).reshape(rows.Count, depth);
    }

    /// <summary>Lays out idf weights by output index: the OOV slot first, then the tokens, then zeros up to <see cref="MaxTokens"/>.</summary>
    private float[] PadIdf(List<double> tokenWeights, double oovWeight)
    {
        var depth = PadToMaxTokens ? MaxTokens!.Value : TokenStart + tokenWeights.Count;
        var weights = new float[depth];
        weights[0] = (float)oovWeight;
        for (var i = 0; i < tokenWeights.Count; i++)
        {
            weights[TokenStart + i] = (float)tokenWeights[i];
        }

        return weights;
    }

    private static void CheckString(string? value, string[] allowed, string paramName, string kerasName, bool allowNull)
    {
        if ((value is null && allowNull) || (value is not null && allowed.Contains(value)))
        {
            return;
        }

        throw new ArgumentException(
            $"Unknown value for `{kerasName}` argument of TextVectorization. Allowed values are: ({Join(allowed)}). " +
            $"Received: {kerasName}={value ?? "None"}", paramName);
    }

    private static string Join(IEnumerable<string> items) => string.Join(", ", items.Select(s => $"'{s}'"));

    private static string Join(IEnumerable<double> items) => string.Join(", ", items.Select(v => v.ToString(CultureInfo.InvariantCulture)));
}
