using DeepKeras.Engine;
using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// The call shared by <see cref="Attention"/> and <see cref="AdditiveAttention"/> (Keras's <c>Attention</c> base): scores of
/// the query against the key, a softmax over the value steps (a causal mask optional), then the weighted sum of the values.
/// </summary>
/// <remarks>
/// Inputs: <c>[query (batch, Tq, dim), value (batch, Tv, dim)]</c> or <c>[query, value, key (batch, Tv, dim)]</c>. Output:
/// <c>(batch, Tq, dim)</c>, and with <c>return_attention_scores</c> also the weights <c>(batch, Tq, Tv)</c>. A query mask
/// (the mask of the first input) zeroes the output rows it masks; a value mask (the mask of the second input) keeps the
/// padded value steps out of the softmax.
/// </remarks>
public abstract class BaseDenseAttention : Layer
{
    private readonly Keras.Random.SeedGenerator? _random;

    /// <summary>Creates the layer.</summary>
    /// <param name="useScale">Whether to learn a scale of the scores.</param>
    /// <param name="dropout">Fraction of the attention weights dropped in training, in [0, 1).</param>
    /// <param name="seed">Seed of the dropout, or null.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained.</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dropout"/> is outside [0, 1).</exception>
    private protected BaseDenseAttention(bool useScale, double dropout, int? seed, string? name, bool trainable, Shape? inputShape)
        : base(name, trainable, inputShape)
    {
        if (!(dropout is >= 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(dropout), dropout,
                $"Invalid value for argument `dropout` of {GetType().Name}: expected a float in [0, 1). Received: dropout={dropout}");
        }

        UseScale = useScale;
        Dropout = dropout;
        Seed = seed;
        _random = dropout > 0 ? new Keras.Random.SeedGenerator(seed) : null;
    }

    /// <summary>Gets whether the scores are scaled by a learned weight.</summary>
    public bool UseScale { get; }

    /// <summary>Gets the fraction of attention weights dropped in training.</summary>
    public double Dropout { get; }

    /// <summary>Gets the dropout seed given at construction.</summary>
    public int? Seed { get; }

    /// <inheritdoc/>
    public override bool SupportsMasking => true;

    /// <summary>Calls the layer on symbolic tensors (Keras <c>layer([query, value, key], use_causal_mask=...)</c>).</summary>
    /// <param name="query">The query, (batch, Tq, dim).</param>
    /// <param name="value">The value, (batch, Tv, dim).</param>
    /// <param name="key">The key, (batch, Tv, dim); null to use <paramref name="value"/>.</param>
    /// <param name="useCausalMask">Whether step i may attend only to steps j ≤ i (decoder self-attention).</param>
    public KerasTensor Apply(KerasTensor query, KerasTensor value, KerasTensor? key = null, bool useCausalMask = false) =>
        ApplySymbolic(key is null ? [query, value] : [query, value, key], Kwargs(useCausalMask, false))[0];

    /// <summary>Calls the layer on symbolic tensors and returns the output and the attention weights (Keras <c>return_attention_scores=True</c>).</summary>
    /// <param name="query">The query, (batch, Tq, dim).</param>
    /// <param name="value">The value, (batch, Tv, dim).</param>
    /// <param name="key">The key, (batch, Tv, dim); null to use <paramref name="value"/>.</param>
    /// <param name="useCausalMask">Whether step i may attend only to steps j ≤ i.</param>
    public (KerasTensor Output, KerasTensor Scores) ApplyWithScores(KerasTensor query, KerasTensor value, KerasTensor? key = null, bool useCausalMask = false)
    {
        var outputs = ApplySymbolic(key is null ? [query, value] : [query, value, key], Kwargs(useCausalMask, true));
        return (outputs[0], outputs[1]);
    }

    /// <summary>Computes the attention of concrete tensors (the masks they carry, e.g. from an Embedding with mask_zero, apply).</summary>
    /// <param name="query">The query, (batch, Tq, dim).</param>
    /// <param name="value">The value, (batch, Tv, dim).</param>
    /// <param name="key">The key; null to use <paramref name="value"/>.</param>
    /// <param name="useCausalMask">Whether step i may attend only to steps j ≤ i.</param>
    /// <param name="training">Whether to apply the dropout.</param>
    /// <returns>The output and the attention weights.</returns>
    public (Tensor Output, Tensor Scores) Apply(Tensor query, Tensor value, Tensor? key = null, bool useCausalMask = false, bool training = false)
    {
        var outputs = Invoke(key is null ? [query, value] : [query, value, key], KerasMask.Get(query), training, Kwargs(useCausalMask, true)).Outputs;
        return (outputs[0], outputs[1]);
    }

    // Keras records only the keyword arguments a call passes.
    private static Dictionary<string, object?> Kwargs(bool causal, bool scores)
    {
        var kwargs = new Dictionary<string, object?>();
        if (scores)
        {
            kwargs["return_attention_scores"] = true;
        }

        if (causal)
        {
            kwargs["use_causal_mask"] = true;
        }

        return kwargs;
    }

    /// <inheritdoc/>
    public override void Build(IReadOnlyList<Shape> inputShapes)
    {
        Validate(inputShapes.Count);
        BuildScores(inputShapes[0]);
    }

    /// <inheritdoc/>
    public override void Build(Shape inputShape) => Validate(1);

    /// <summary>Creates the score weights for a query of shape <paramref name="queryShape"/>.</summary>
    /// <param name="queryShape">The query shape.</param>
    private protected abstract void BuildScores(Shape queryShape);

    /// <summary>The scores (batch, Tq, Tv) of <paramref name="query"/> against <paramref name="key"/>.</summary>
    /// <param name="query">The query.</param>
    /// <param name="key">The key.</param>
    private protected abstract Tensor Scores(Tensor query, Tensor key);

    private void Validate(int count)
    {
        if (count is < 2 or > 3)
        {
            throw new ArgumentException(
                $"Layer \"{Name}\" ({ClassName}) accepts inputs list of length 2 or 3, namely [query, value] or [query, value, key]. Received length: {count}.");
        }
    }

    /// <inheritdoc/>
    protected override Tensor Call(IReadOnlyList<Tensor> inputs, bool training) => Compute(inputs, null, training, false)[0];

    /// <inheritdoc/>
    protected override Tensor[] CallOutputs(IReadOnlyList<Tensor> inputs, Tensor? mask, bool training) => [Compute(inputs, mask, training, false)[0]];

    /// <inheritdoc/>
    protected override Tensor[] CallOutputs(IReadOnlyList<Tensor> inputs, Tensor? mask, bool training, IReadOnlyDictionary<string, object?> kwargs)
    {
        var outputs = Compute(inputs, mask, training, kwargs.GetValueOrDefault("use_causal_mask") is true);
        return kwargs.GetValueOrDefault("return_attention_scores") is true ? outputs : [outputs[0]];
    }

    private Tensor[] Compute(IReadOnlyList<Tensor> inputs, Tensor? queryMask, bool training, bool causal)
    {
        Validate(inputs.Count);
        var (query, value) = (inputs[0], inputs[1]);
        var key = inputs.Count > 2 ? inputs[2] : value;
        var scores = Scores(query, key);
        if (ScoresMask(scores, KerasMask.Get(value), causal) is { } allowed)
        {
            scores = where(allowed, scores, scores - (scores.dtype == ScalarType.Float16 ? 65504.0 : 1e9));
        }

        var weights = scores.softmax(-1);
        if (training && _random is not null)
        {
            var kept = _random.Uniform(weights.shape, weights.dtype, weights.device).ge(Dropout).to(weights.dtype);
            weights = weights * kept / (1 - Dropout);
        }

        var output = weights.matmul(value);
        if (queryMask is not null)
        {
            output = where(queryMask.to(ScalarType.Bool).unsqueeze(-1), output, zeros_like(output));
        }

        return [output, weights];
    }

    // Keras _calculate_score_mask: the value's mask (padded value steps) masks score columns, and-ed with the causal mask.
    private static Tensor? ScoresMask(Tensor scores, Tensor? valueMask, bool causal)
    {
        var columns = valueMask?.to(ScalarType.Bool).unsqueeze(-2);
        if (!causal)
        {
            return columns;
        }

        var allowed = ones(scores.shape[^2], scores.shape[^1], dtype: ScalarType.Bool, device: scores.device).tril();
        return columns is null ? allowed : columns.logical_and(allowed);
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(IReadOnlyList<Shape> inputShapes) => ComputeOutputShapes(inputShapes)[0];

    /// <inheritdoc/>
    public override Shape[] ComputeOutputShapes(IReadOnlyList<Shape> inputShapes)
    {
        Validate(inputShapes.Count);
        return [new Shape([.. inputShapes[0].Dims.SkipLast(1), inputShapes[1][-1]])];
    }

    /// <inheritdoc/>
    protected override Shape[] ComputeOutputShapes(IReadOnlyList<Shape> inputShapes, IReadOnlyDictionary<string, object?> kwargs)
    {
        var output = ComputeOutputShapes(inputShapes)[0];
        var key = inputShapes[inputShapes.Count > 2 ? 2 : 1];
        return kwargs.GetValueOrDefault("return_attention_scores") is true
            ? [output, new Shape([.. inputShapes[0].Dims.SkipLast(1), key[-2]])]
            : [output];
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["use_scale"] = UseScale;
        c["dropout"] = Dropout;
        c["seed"] = Seed;
        return c;
    }
}
