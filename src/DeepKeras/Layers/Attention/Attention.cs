using DeepKeras.Engine;
using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// Dot-product (Luong-style) attention (Keras <c>keras.layers.Attention</c>): scores query·keyᵀ (optionally times a learned
/// scalar), or with <c>scoreMode: "concat"</c> Σ tanh(query + key) times a learned scalar; softmax over the value steps;
/// output the weighted sum of the values.
/// </summary>
/// <remarks>
/// Inputs: <c>[query (batch, Tq, dim), value (batch, Tv, dim)]</c> or <c>[query, value, key]</c>. Output: <c>(batch, Tq, dim)</c>.
/// Weights: <c>scale</c> (scalar, with <c>useScale</c>), then <c>concat_score_weight</c> (scalar, with <c>"concat"</c>).
/// </remarks>
/// <example><code>
/// var query = Input(shape: (null, 16));
/// var value = Input(shape: (null, 16));
/// var context = Layers.Attention().Apply(query, value, useCausalMask: true);   // (None, None, 16)
/// </code></example>
public sealed class Attention : BaseDenseAttention
{
    /// <summary>Creates the layer.</summary>
    /// <param name="useScale">Whether to learn a scalar scale of the scores (default false).</param>
    /// <param name="scoreMode"><c>"dot"</c> (default) or <c>"concat"</c>.</param>
    /// <param name="dropout">Fraction of the attention weights dropped in training (default 0).</param>
    /// <param name="seed">Seed of the dropout, or null.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    /// <exception cref="ArgumentException"><paramref name="scoreMode"/> is not "dot" or "concat".</exception>
    public Attention(bool useScale = false, string scoreMode = "dot", double dropout = 0.0, int? seed = null, string? name = null,
        bool trainable = true, Shape? inputShape = null)
        : base(useScale, dropout, seed, name, trainable, inputShape)
    {
        if (scoreMode is not ("dot" or "concat"))
        {
            throw new ArgumentException(
                $"Invalid value for argument score_mode. Expected one of {{'dot', 'concat'}}. Received: score_mode={scoreMode}", nameof(scoreMode));
        }

        ScoreMode = scoreMode;
    }

    /// <summary>Gets the score function: "dot" or "concat".</summary>
    public string ScoreMode { get; }

    /// <summary>Gets the learned scale (with <c>useScale</c>, after build).</summary>
    public Variable? Scale { get; private set; }

    /// <summary>Gets the learned factor of the concat scores (with <c>"concat"</c>, after build).</summary>
    public Variable? ConcatScoreWeight { get; private set; }

    private protected override void BuildScores(Shape queryShape)
    {
        if (UseScale)
        {
            Scale = AddWeight("scale", new Shape(), new Initializers.Ones());
        }

        if (ScoreMode == "concat")
        {
            ConcatScoreWeight = AddWeight("concat_score_weight", new Shape(), new Initializers.Ones());
        }
    }

    private protected override Tensor Scores(Tensor query, Tensor key)
    {
        if (ScoreMode == "dot")
        {
            var scores = query.matmul(key.transpose(-2, -1));
            return Scale is null ? scores : scores * Scale.Value;
        }

        var sum = query.unsqueeze(-2) + key.unsqueeze(-3);
        return ConcatScoreWeight!.Value * (Scale is null ? sum : Scale.Value * sum).tanh().sum(-1);
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["score_mode"] = ScoreMode;
        return c;
    }
}
