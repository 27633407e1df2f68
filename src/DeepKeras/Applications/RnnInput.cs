using DeepKeras.Engine;
using DeepKeras.Layers;

namespace DeepKeras;

/// <summary>
/// What a recurrent model from <see cref="Applications.Rnn"/> reads: integer token ids turned into vectors by an
/// <c>Embedding</c> (text), or real-valued feature vectors per time step (series, images read row by row).
/// </summary>
/// <example><code>
/// var text = RnnInput.Tokens(vocabularySize: 20000, embeddingDim: 128);           // (batch, time) ids
/// var rows = RnnInput.Sequence(timesteps: 28, features: 28);                      // (batch, 28, 28) floats
/// </code></example>
public sealed class RnnInput
{
    private RnnInput(int? timesteps, int features, int? vocabularySize, bool maskZero)
    {
        Timesteps = timesteps;
        Features = features;
        VocabularySize = vocabularySize;
        MaskZero = maskZero;
    }

    /// <summary>Gets the sequence length, or null when sequences of any length are accepted.</summary>
    public int? Timesteps { get; }

    /// <summary>Gets the vector size per step: the embedding size for tokens, the number of features otherwise.</summary>
    public int Features { get; }

    /// <summary>Gets the vocabulary size (the embedding's <c>input_dim</c>) for token inputs; null for feature inputs.</summary>
    public int? VocabularySize { get; }

    /// <summary>Gets whether id 0 is padding that the recurrent layers skip (token inputs only).</summary>
    public bool MaskZero { get; }

    /// <summary>
    /// Token ids <c>(batch, time)</c> looked up in an <c>Embedding(vocabularySize, embeddingDim, maskZero)</c>.
    /// </summary>
    /// <param name="vocabularySize">Number of ids (largest id + 1), the embedding's <c>input_dim</c>.</param>
    /// <param name="embeddingDim">Size of each word vector, the embedding's <c>output_dim</c>.</param>
    /// <param name="maskZero">Whether id 0 is padding that the recurrent layers skip (use with <c>PadSequences</c>).</param>
    /// <param name="sequenceLength">A fixed sequence length, or null (default) for any length (Keras <c>shape=(None,)</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive.</exception>
    public static RnnInput Tokens(int vocabularySize, int embeddingDim, bool maskZero = false, int? sequenceLength = null)
    {
        Positive(vocabularySize, nameof(vocabularySize), "vocabulary_size");
        Positive(embeddingDim, nameof(embeddingDim), "embedding_dim");
        if (sequenceLength is { } n)
        {
            Positive(n, nameof(sequenceLength), "sequence_length");
        }

        return new RnnInput(sequenceLength, embeddingDim, vocabularySize, maskZero);
    }

    /// <summary>Real-valued sequences <c>(batch, timesteps, features)</c>.</summary>
    /// <param name="timesteps">Sequence length, or null for any length.</param>
    /// <param name="features">Values per time step.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive.</exception>
    public static RnnInput Sequence(int? timesteps, int features)
    {
        Positive(features, nameof(features), "features");
        if (timesteps is { } t)
        {
            Positive(t, nameof(timesteps), "timesteps");
        }

        return new RnnInput(timesteps, features, null, false);
    }

    /// <summary>The input layer, and the embedding for token inputs.</summary>
    internal IEnumerable<Layer> CreateLayers()
    {
        if (VocabularySize is { } vocabulary)
        {
            yield return new InputLayer(new Shape(Timesteps), dtype: "int32");
            yield return new Embedding(vocabulary, Features, maskZero: MaskZero);
        }
        else
        {
            yield return new InputLayer(new Shape(Timesteps, Features));
        }
    }

    /// <inheritdoc/>
    public override string ToString() => VocabularySize is { } v
        ? $"Tokens(vocabulary_size={v}, embedding_dim={Features}, mask_zero={MaskZero}, sequence_length={Timesteps?.ToString() ?? "None"})"
        : $"Sequence(timesteps={Timesteps?.ToString() ?? "None"}, features={Features})";

    private static void Positive(int value, string argument, string kerasName)
    {
        if (value <= 0)
        {
            throw new ArgumentOutOfRangeException(argument, value,
                $"Received an invalid value for `{kerasName}`, expected a positive integer. Received: {kerasName}={value}");
        }
    }
}
