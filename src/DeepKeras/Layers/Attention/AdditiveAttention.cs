using DeepKeras.Engine;
using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// Additive (Bahdanau-style) attention (Keras <c>keras.layers.AdditiveAttention</c>): scores Σ scale·tanh(query + key) over
/// the features, softmax over the value steps, output the weighted sum of the values.
/// </summary>
/// <remarks>
/// Inputs: <c>[query (batch, Tq, dim), value (batch, Tv, dim)]</c> or <c>[query, value, key]</c>. Output: <c>(batch, Tq, dim)</c>.
/// Weight <c>scale</c> of shape <c>(dim,)</c> (glorot_uniform) with <c>useScale</c>.
/// </remarks>
/// <example><code>
/// var context = Layers.AdditiveAttention().Apply(decoderStates, encoderStates);
/// </code></example>
public sealed class AdditiveAttention : BaseDenseAttention
{
    /// <summary>Creates the layer.</summary>
    /// <param name="useScale">Whether to learn a scale per feature (default true).</param>
    /// <param name="dropout">Fraction of the attention weights dropped in training (default 0).</param>
    /// <param name="seed">Seed of the dropout, or null.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    public AdditiveAttention(bool useScale = true, double dropout = 0.0, int? seed = null, string? name = null, bool trainable = true,
        Shape? inputShape = null)
        : base(useScale, dropout, seed, name, trainable, inputShape)
    {
    }

    /// <summary>Gets the learned scale per feature (with <c>useScale</c>, after build).</summary>
    public Variable? Scale { get; private set; }

    private protected override void BuildScores(Shape queryShape)
    {
        if (UseScale)
        {
            var dim = queryShape[-1] ?? throw new ArgumentException(
                $"Layer \"{Name}\" (AdditiveAttention): the last axis of the query must be known. Received: query.shape={queryShape}");
            Scale = AddWeight("scale", new Shape(dim), new Initializers.GlorotUniform());
        }
    }

    private protected override Tensor Scores(Tensor query, Tensor key)
    {
        var tanh = (query.unsqueeze(-2) + key.unsqueeze(-3)).tanh();
        return (Scale is null ? tanh : Scale.Value * tanh).sum(-1);
    }
}
