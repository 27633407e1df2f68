using DeepKeras.Engine;
using static TorchSharp.torch;

namespace DeepKeras.Layers;

public sealed partial class MultiHeadAttention
{
    // Keras's additive mask of its fused-attention path (torch backend): 0.7 × the largest float32, negated.
    private const double FusedMaskValue = -0.7 * 3.38953e38;

    /// <summary>Calls the layer on symbolic tensors (Keras <c>mha(query, value, key, attention_mask=..., use_causal_mask=...)</c>).</summary>
    /// <param name="query">The query, <c>(batch, T, dim)</c>.</param>
    /// <param name="value">The value, <c>(batch, S, dim)</c>.</param>
    /// <param name="key">The key, <c>(batch, S, dim)</c>; null to use <paramref name="value"/>.</param>
    /// <param name="attentionMask">Booleans <c>(batch, T, S)</c>: true where a query step may attend to a key step; null for none.</param>
    /// <param name="useCausalMask">Whether step i may attend only to steps j ≤ i (decoder self-attention).</param>
    /// <returns>The output, <c>(batch, T, dim)</c> or <c>(batch, T, *outputShape)</c>.</returns>
    public KerasTensor Apply(KerasTensor query, KerasTensor value, KerasTensor? key = null, KerasTensor? attentionMask = null, bool useCausalMask = false) =>
        ApplySymbolic(Positional(query, value, key), Kwargs(attentionMask, false, useCausalMask))[0];

    /// <summary>Calls the layer on symbolic tensors and also returns the attention scores (Keras <c>return_attention_scores=True</c>).</summary>
    /// <param name="query">The query.</param>
    /// <param name="value">The value.</param>
    /// <param name="key">The key; null to use <paramref name="value"/>.</param>
    /// <param name="attentionMask">Booleans <c>(batch, T, S)</c>, or null.</param>
    /// <param name="useCausalMask">Whether step i may attend only to steps j ≤ i.</param>
    /// <returns>The output and the scores <c>(batch, heads, T, S)</c>.</returns>
    public (KerasTensor Output, KerasTensor Scores) ApplyWithScores(KerasTensor query, KerasTensor value, KerasTensor? key = null,
        KerasTensor? attentionMask = null, bool useCausalMask = false)
    {
        var outputs = ApplySymbolic(Positional(query, value, key), Kwargs(attentionMask, true, useCausalMask));
        return (outputs[0], outputs[1]);
    }

    /// <summary>Computes the attention of concrete tensors.</summary>
    /// <param name="query">The query, <c>(batch, T, dim)</c>.</param>
    /// <param name="value">The value, <c>(batch, S, dim)</c>.</param>
    /// <param name="key">The key; null to use <paramref name="value"/>.</param>
    /// <param name="queryMask">Booleans <c>(batch, T)</c>, false at padded query steps; default the mask the query carries.</param>
    /// <param name="valueMask">Booleans <c>(batch, S)</c>, false at padded value steps; default the mask the value carries.</param>
    /// <param name="keyMask">Booleans <c>(batch, S)</c> for the key; default the mask an explicit key carries.</param>
    /// <param name="attentionMask">Booleans <c>(batch, T, S)</c>: true where attention is allowed; null for none.</param>
    /// <param name="training">Whether to apply the dropout.</param>
    /// <param name="useCausalMask">Whether step i may attend only to steps j ≤ i.</param>
    /// <returns>The output.</returns>
    public Tensor Apply(Tensor query, Tensor value, Tensor? key = null, Tensor? queryMask = null, Tensor? valueMask = null, Tensor? keyMask = null,
        Tensor? attentionMask = null, bool training = false, bool useCausalMask = false) =>
        Eager(query, value, key, queryMask, valueMask, keyMask, attentionMask, training, useCausalMask, false)[0];

    /// <summary>Computes the attention of concrete tensors and returns the scores too (Keras <c>return_attention_scores=True</c>).</summary>
    /// <param name="query">The query, <c>(batch, T, dim)</c>.</param>
    /// <param name="value">The value, <c>(batch, S, dim)</c>.</param>
    /// <param name="key">The key; null to use <paramref name="value"/>.</param>
    /// <param name="queryMask">Booleans <c>(batch, T)</c>; default the mask the query carries.</param>
    /// <param name="valueMask">Booleans <c>(batch, S)</c>; default the mask the value carries.</param>
    /// <param name="keyMask">Booleans <c>(batch, S)</c> for the key; default the mask an explicit key carries.</param>
    /// <param name="attentionMask">Booleans <c>(batch, T, S)</c>, or null.</param>
    /// <param name="training">Whether to apply the dropout.</param>
    /// <param name="useCausalMask">Whether step i may attend only to steps j ≤ i.</param>
    /// <returns>The output and the scores <c>(batch, heads, T, S)</c> (before dropout).</returns>
    public (Tensor Output, Tensor Scores) ApplyWithScores(Tensor query, Tensor value, Tensor? key = null, Tensor? queryMask = null,
        Tensor? valueMask = null, Tensor? keyMask = null, Tensor? attentionMask = null, bool training = false, bool useCausalMask = false)
    {
        var outputs = Eager(query, value, key, queryMask, valueMask, keyMask, attentionMask, training, useCausalMask, true);
        return (outputs[0], outputs[1]);
    }

    private Tensor[] Eager(Tensor query, Tensor value, Tensor? key, Tensor? queryMask, Tensor? valueMask, Tensor? keyMask, Tensor? attentionMask,
        bool training, bool useCausalMask, bool scores)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (value is null)
        {
            throw new ArgumentException(
                $"Layer \"{Name}\" (MultiHeadAttention): argument `value` is required" + (key is null ? "." : " when a `key` is given (the key never stands in for the value)."),
                nameof(value));
        }

        var kwargs = new Dictionary<string, object?>();
        AddIfSet(kwargs, "value_mask", valueMask);
        AddIfSet(kwargs, "key_mask", keyMask);
        AddIfSet(kwargs, "attention_mask", attentionMask);
        AddIfSet(kwargs, "return_attention_scores", scores ? true : null);
        AddIfSet(kwargs, "use_causal_mask", useCausalMask ? true : null);
        return Invoke(key is null ? [query, value] : [query, value, key], queryMask ?? KerasMask.Get(query), training, kwargs).Outputs;
    }

    private static void AddIfSet(Dictionary<string, object?> kwargs, string key, object? value)
    {
        if (value is not null)
        {
            kwargs[key] = value;
        }
    }

    private KerasTensor[] Positional(KerasTensor query, KerasTensor value, KerasTensor? key)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (value is null)
        {
            throw new ArgumentException($"Layer \"{Name}\" (MultiHeadAttention): argument `value` is required, also when a `key` is given.", nameof(value));
        }

        return key is null ? [query, value] : [query, value, key];
    }

    // Keras records only the keyword arguments a call passes.
    private static Dictionary<string, object?> Kwargs(KerasTensor? attentionMask, bool scores, bool causal)
    {
        var kwargs = new Dictionary<string, object?>();
        AddIfSet(kwargs, "attention_mask", attentionMask);
        AddIfSet(kwargs, "return_attention_scores", scores ? true : null);
        AddIfSet(kwargs, "use_causal_mask", causal ? true : null);
        return kwargs;
    }

    /// <inheritdoc/>
    protected override Tensor[] CallOutputs(IReadOnlyList<Tensor> inputs, Tensor? mask, bool training) =>
        CallOutputs(inputs, mask, training, new Dictionary<string, object?>());

    /// <inheritdoc/>
    protected override Tensor[] CallOutputs(IReadOnlyList<Tensor> inputs, Tensor? mask, bool training, IReadOnlyDictionary<string, object?> kwargs)
    {
        if (inputs.Count is < 2 or > 3)
        {
            throw InputCountError(inputs.Count);
        }

        var (query, value) = (inputs[0], inputs[1]);
        var key = inputs.Count > 2 ? inputs[2] : value;
        var scores = kwargs.GetValueOrDefault("return_attention_scores") is true;
        if (FlashAttention is true && scores)
        {
            throw new InvalidOperationException(
                $"Layer \"{Name}\" (MultiHeadAttention): returning attention scores is not supported when flash attention is enabled. " +
                "Please disable flash attention to access attention scores.");
        }

        var causal = kwargs.GetValueOrDefault("use_causal_mask") is true;
        var valueMask = kwargs.GetValueOrDefault("value_mask") as Tensor ?? KerasMask.Get(value);
        var keyMask = kwargs.GetValueOrDefault("key_mask") as Tensor ?? (inputs.Count > 2 ? KerasMask.Get(key) : null);
        var attentionMask = AttentionMask(query, value, mask, valueMask, keyMask, kwargs.GetValueOrDefault("attention_mask") as Tensor, causal);
        var gate = _gateDense?.Invoke([query], null, training).Outputs[0];
        var q = _queryDense!.Invoke([query], null, training).Outputs[0];
        var k = _keyDense!.Invoke([key], null, training).Outputs[0];
        var v = _valueDense!.Invoke([value], null, training).Outputs[0];
        var (output, weights) = Attend(q, k, v, attentionMask, training, scores);
        output = _outputDense!.Invoke([gate is null ? output : output * gate], null, training).Outputs[0];
        return scores ? [output, weights] : [output];
    }

    // Keras _compute_attention_mask: the query mask masks rows, the value and key masks columns, then the causal and
    // sliding-window masks; all are and-ed with the attention mask.
    private Tensor? AttentionMask(Tensor query, Tensor value, Tensor? queryMask, Tensor? valueMask, Tensor? keyMask, Tensor? attentionMask, bool causal)
    {
        Tensor? auto = null;
        void And(Tensor m) => auto = auto is null ? m : auto.logical_and(m);
        if (queryMask is not null)
        {
            And(CheckedMask(queryMask, query, "query_mask").unsqueeze(-1));
        }

        if (valueMask is not null)
        {
            And(CheckedMask(valueMask, value, "value_mask").unsqueeze(-2));
        }

        if (keyMask is not null)
        {
            And(CheckedMask(keyMask, value, "key_mask").unsqueeze(-2));
        }

        var (t, s) = (query.shape[1], value.shape[1]);
        if (causal)
        {
            And(ones(1, t, s, dtype: ScalarType.Bool, device: query.device).tril());
        }

        if (SlidingWindow is { } w)
        {
            var distance = (arange(t, device: query.device).unsqueeze(1) - arange(s, device: query.device).unsqueeze(0)).abs();
            And(distance.lt(w).unsqueeze(0));
        }

        if (attentionMask is not null && query.dim() == 3 && !Broadcasts(attentionMask.shape, [query.shape[0], t, s]))
        {
            throw new ArgumentException(
                $"Layer \"{Name}\" (MultiHeadAttention): argument `attention_mask` must broadcast to {(Shape)new[] { query.shape[0], t, s }} " +
                $"(batch, query steps, key steps). Received: attention_mask.shape={(Shape)attentionMask.shape}", "attentionMask");
        }

        var explicitMask = attentionMask?.to(ScalarType.Bool);
        return auto is null ? explicitMask : explicitMask is null ? auto : explicitMask.logical_and(auto);
    }

    private static bool Broadcasts(long[] shape, long[] target) =>
        shape.Length <= target.Length && shape.Reverse().Zip(target.Reverse()).All(p => p.First == 1 || p.First == p.Second);

    private Tensor CheckedMask(Tensor mask, Tensor input, string argument)
    {
        var expected = input.shape[..^1];
        if (!mask.shape.SequenceEqual(expected))
        {
            throw new ArgumentException(
                $"Layer \"{Name}\" (MultiHeadAttention): argument `{argument}` must have the shape of its input without the feature axis, " +
                $"{(Shape)expected}. Received: {argument}.shape={(Shape)mask.shape}");
        }

        return mask.to(ScalarType.Bool);
    }

    // Keras _compute_attention: scaled query-key products, a masked softmax over the attention axes, dropout, then the
    // weighted values. Where Keras's torch backend takes its fused path (rank-4 projections, no dropout, no returned
    // scores), masked scores get a large negative bias instead of the masked softmax's zeros, so fully masked rows
    // (padded query steps) average the values there as in Keras.
    private (Tensor Output, Tensor Scores) Attend(Tensor query, Tensor key, Tensor value, Tensor? mask, bool training, bool returnScores)
    {
        var fused = !(Dropout > 0 || returnScores || query.dim() != 4);
        using (var s = new ScalarScope())
        {
            query = query.mul(s.Of(1.0 / Math.Sqrt(KeyDim)));
        }

        var scores = einsum(_dotProductEquation, key, query);
        var axes = ResolvedAxes.Length;
        if (mask is not null)
        {
            mask = ExpandMask(mask, scores, axes);
        }

        Tensor weights;
        if (fused)
        {
            weights = (mask is null ? scores : scores.masked_fill(mask.logical_not(), FusedMaskValue)).softmax(-1);
        }
        else
        {
            var masked = mask is null ? scores : scores.masked_fill(mask.logical_not(), -1e9);
            // A softmax over several axes at once: over their flattened product.
            weights = axes == 1 ? masked.softmax(-1) : masked.flatten(scores.dim() - axes).softmax(-1).view(masked.shape);
            if (mask is not null)
            {
                weights = weights.masked_fill(mask.logical_not(), 0.0);
            }
        }

        var dropped = training && _random is not null ? Keras.Random.Dropout(weights, Dropout, seed: _random) : weights;
        return (einsum(_combineEquation, dropped, value), weights);
    }

    private Tensor ExpandMask(Tensor mask, Tensor scores, int axes)
    {
        var insertAt = -2 * axes - 1;
        if (mask.dim() >= scores.dim())
        {
            throw MaskShapeError(mask, scores, insertAt);
        }

        while (mask.dim() < scores.dim())
        {
            mask = mask.unsqueeze(insertAt);
        }

        for (var i = 1; i <= scores.dim(); i++)
        {
            if (mask.shape[^i] != 1 && mask.shape[^i] != scores.shape[^i])
            {
                throw MaskShapeError(mask.squeeze(scores.dim() + insertAt), scores, insertAt);
            }
        }

        return mask;
    }

    private ArgumentException MaskShapeError(Tensor mask, Tensor scores, int headsAxis)
    {
        var expected = scores.shape.Where((_, i) => i != scores.dim() + headsAxis).ToArray();
        return new ArgumentException(
            $"Layer \"{Name}\" (MultiHeadAttention): argument `attention_mask` must broadcast to {(Shape)expected} " +
            $"(batch, query steps, key steps). Received: attention_mask.shape={(Shape)mask.shape}", "attentionMask");
    }
}
