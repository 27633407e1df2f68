using DeepKeras.Activations;
using DeepKeras.Constraints;
using DeepKeras.Engine;
using DeepKeras.Initializers;
using DeepKeras.Regularizers;

namespace DeepKeras.Layers;

/// <summary>
/// Multi-head attention (Keras <c>keras.layers.MultiHeadAttention</c>, "Attention is all you need"): the query, key and
/// value are projected to <c>numHeads</c> heads, each head takes a softmax of its scaled query-key products over the
/// attention axes and mixes the values with it, and the heads are projected back to the query's feature size (or
/// <c>outputShape</c>). With the same tensor as query and value it is self-attention.
/// </summary>
/// <remarks>
/// <para>Inputs: query <c>(batch, T, dim)</c>, value <c>(batch, S, dim)</c> and an optional key <c>(batch, S, dim)</c>
/// (default the value); higher ranks attend over <c>attentionAxes</c>. Output <c>(batch, T, dim)</c>; the attention
/// scores are <c>(batch, heads, T, S)</c>.</para>
/// <para>Sublayers (all <see cref="EinsumDense"/>), in weight order: <c>query</c> and <c>key</c> (kernels
/// <c>(dim, heads, key_dim)</c>, biases <c>(heads, key_dim)</c>), <c>gate</c> with <c>useGate</c>, <c>value</c>
/// (<c>(dim, heads, value_dim)</c>) and <c>attention_output</c> (<c>(heads, value_dim, dim)</c>, bias <c>(dim,)</c>).</para>
/// <para>Masks: the query's mask (e.g. from <c>Embedding(maskZero: true)</c>) masks score rows, the value's (and key's)
/// mask masks score columns; both combine with <c>attention_mask</c> and the causal mask, and the output carries the
/// query's mask.</para>
/// </remarks>
/// <example><code>
/// var tokens = Input(shape: 20);
/// var x = Layers.Embedding(1000, 32).Apply(tokens);
/// var attention = Layers.MultiHeadAttention(numHeads: 2, keyDim: 32).Apply(x, x);   // self-attention, (None, 20, 32)
/// </code></example>
public sealed partial class MultiHeadAttention : Layer
{
    [KerasName("query_dense")]
    private EinsumDense? _queryDense;

    [KerasName("key_dense")]
    private EinsumDense? _keyDense;

    [KerasName("_gate_dense")]
    private EinsumDense? _gateDense;

    [KerasName("value_dense")]
    private EinsumDense? _valueDense;

    [KerasName("output_dense")]
    private EinsumDense? _outputDense;

    private readonly Keras.Random.SeedGenerator? _random;
    private string _dotProductEquation = "";
    private string _combineEquation = "";

    /// <summary>Creates the layer.</summary>
    /// <param name="numHeads">Number of attention heads (positive).</param>
    /// <param name="keyDim">Size of each head for the query and key (positive).</param>
    /// <param name="valueDim">Size of each head for the value; default <paramref name="keyDim"/>.</param>
    /// <param name="dropout">Dropout rate of the attention weights in training (default 0).</param>
    /// <param name="useBias">Whether the projections have biases (default true).</param>
    /// <param name="outputShape">The output's feature shape (besides batch and sequence axes); default the query's last axis.</param>
    /// <param name="attentionAxes">The axes attention runs over (default all but batch, heads and features).</param>
    /// <param name="slidingWindow">If set, each query step attends only to key steps closer than this (a symmetric band).</param>
    /// <param name="flashAttention">Whether to require the fused attention kernel; true rejects dropout and returned scores, as in Keras (not saved in the config).</param>
    /// <param name="kernelInitializer">Initializer of the projection kernels (default <c>glorot_uniform</c>).</param>
    /// <param name="biasInitializer">Initializer of the projection biases (default <c>zeros</c>).</param>
    /// <param name="kernelRegularizer">Penalty on the projection kernels; default none.</param>
    /// <param name="biasRegularizer">Penalty on the projection biases; default none.</param>
    /// <param name="activityRegularizer">Penalty on each projection's output; default none.</param>
    /// <param name="kernelConstraint">Projection of the kernels after each optimizer update; default none.</param>
    /// <param name="biasConstraint">Projection of the biases after each optimizer update; default none.</param>
    /// <param name="useGate">Whether a sigmoid gate projected from the query multiplies the attention output (gated attention).</param>
    /// <param name="seed">Seed of the dropout, or null.</param>
    /// <param name="name">Layer name; default <c>multi_head_attention</c>, ….</param>
    /// <param name="trainable">Whether the weights are trained.</param>
    /// <param name="inputShape">Unused by a layer with two inputs; accepted like every layer's (Keras base argument).</param>
    /// <exception cref="ArgumentException">An argument is out of range; the message names it and the value received.</exception>
    public MultiHeadAttention(
        int numHeads,
        int keyDim,
        int? valueDim = null,
        double dropout = 0.0,
        bool useBias = true,
        Shape? outputShape = null,
        int[]? attentionAxes = null,
        int? slidingWindow = null,
        bool? flashAttention = null,
        Initializer? kernelInitializer = null,
        Initializer? biasInitializer = null,
        Regularizer? kernelRegularizer = null,
        Regularizer? biasRegularizer = null,
        Regularizer? activityRegularizer = null,
        Constraint? kernelConstraint = null,
        Constraint? biasConstraint = null,
        bool useGate = false,
        int? seed = null,
        string? name = null,
        bool trainable = true,
        Shape? inputShape = null)
        : base(name, trainable, inputShape)
    {
        Check(numHeads > 0, nameof(numHeads), $"Received an invalid value for argument `num_heads`, expected a positive integer. Received: num_heads={numHeads}");
        Check(keyDim > 0, nameof(keyDim), $"Received an invalid value for argument `key_dim`, expected a positive integer. Received: key_dim={keyDim}");
        Check(valueDim is null or > 0, nameof(valueDim),
            $"Received an invalid value for argument `value_dim`, expected a positive integer or `None`. Received: value_dim={valueDim}");
        Check(dropout is >= 0 and < 1, nameof(dropout), $"Invalid value for argument `dropout` of MultiHeadAttention: expected a float in [0, 1). Received: dropout={dropout}");
        Check(slidingWindow is null or > 0, nameof(slidingWindow), $"`sliding_window` must be `None` or a positive integer. Received: sliding_window={slidingWindow}");
        Check(!(flashAttention is true && dropout > 0), nameof(dropout),
            "Dropout is not supported when flash attention is enabled. Please set dropout to 0.0 to use flash attention.");
        NumHeads = numHeads;
        KeyDim = keyDim;
        ValueDim = valueDim ?? keyDim;
        Dropout = dropout;
        UseBias = useBias;
        OutputFeatureShape = outputShape is { Rank: > 0 } s ? s : (Shape?)null;
        AttentionAxes = attentionAxes?.ToArray();
        SlidingWindow = slidingWindow;
        FlashAttention = flashAttention;
        Kernel = new WeightSettings("kernel", kernelInitializer ?? new GlorotUniform(), kernelRegularizer, kernelConstraint);
        BiasWeights = new WeightSettings("bias", biasInitializer ?? new Zeros(), biasRegularizer, biasConstraint);
        ProjectionActivityRegularizer = activityRegularizer;
        UseGate = useGate;
        Seed = seed;
        _random = dropout > 0 ? new Keras.Random.SeedGenerator(seed) : null;
    }

    /// <summary>Gets the number of heads.</summary>
    public int NumHeads { get; }

    /// <summary>Gets the size of each query/key head.</summary>
    public int KeyDim { get; }

    /// <summary>Gets the size of each value head.</summary>
    public int ValueDim { get; }

    /// <summary>Gets the dropout rate of the attention weights.</summary>
    public double Dropout { get; }

    /// <summary>Gets whether the projections have biases.</summary>
    public bool UseBias { get; }

    /// <summary>Gets the output feature shape given at construction, or null for the query's last axis.</summary>
    public Shape? OutputFeatureShape { get; }

    /// <summary>Gets the attention axes: as given until the layer is built, then resolved (non-negative), as Keras reports them.</summary>
    public IReadOnlyList<int>? AttentionAxes { get; private set; }

    /// <summary>Gets the sliding-window width, or null for full attention.</summary>
    public int? SlidingWindow { get; }

    /// <summary>Gets the flash-attention setting given at construction.</summary>
    public bool? FlashAttention { get; }

    /// <summary>Gets whether the output is gated by a sigmoid projection of the query.</summary>
    public bool UseGate { get; }

    /// <summary>Gets the dropout seed.</summary>
    public int? Seed { get; }

    /// <summary>Gets the query projection (<c>query</c>); null before build.</summary>
    public EinsumDense? QueryDense => _queryDense;

    /// <summary>Gets the key projection (<c>key</c>); null before build.</summary>
    public EinsumDense? KeyDense => _keyDense;

    /// <summary>Gets the value projection (<c>value</c>); null before build.</summary>
    public EinsumDense? ValueDense => _valueDense;

    /// <summary>Gets the output projection (<c>attention_output</c>); null before build.</summary>
    public EinsumDense? OutputDense => _outputDense;

    /// <inheritdoc/>
    public override bool SupportsMasking => true;

    /// <summary>Gets the sigmoid gate projection (<c>gate</c>, with <c>useGate</c>); null otherwise or before build.</summary>
    internal EinsumDense? GateDense => _gateDense;

    /// <summary>Gets the einsum equation of the scores (key, query → scores); empty before build.</summary>
    internal string DotProductEquation => _dotProductEquation;

    /// <summary>Gets the einsum equation that mixes the values (scores, value → output); empty before build.</summary>
    internal string CombineEquation => _combineEquation;

    private WeightSettings Kernel { get; }

    private WeightSettings BiasWeights { get; }

    private Regularizer? ProjectionActivityRegularizer { get; }

    private int[] ResolvedAxes => AttentionAxes is null ? [] : [.. AttentionAxes];

    internal override IReadOnlyList<string> PositionalCallArguments => ["query", "value", "key"];

    private static void Check(bool ok, string argument, string message)
    {
        if (!ok)
        {
            throw new ArgumentException(message, argument);
        }
    }

    /// <inheritdoc/>
    public override void Build(Shape inputShape) => throw InputCountError(1);

    /// <inheritdoc/>
    public override void Build(IReadOnlyList<Shape> inputShapes)
    {
        var (query, value, key) = SplitShapes(inputShapes);
        var queryDims = Projection(query.Rank, 1, [NumHeads, KeyDim], out var queryEquation, out var queryBias);
        _queryDense = Sublayer(queryEquation, queryDims, queryBias, "query", query);
        var keyDims = Projection(key.Rank, 1, [NumHeads, KeyDim], out var keyEquation, out var keyBias);
        _keyDense = Sublayer(keyEquation, keyDims, keyBias, "key", key);
        if (UseGate)
        {
            var gateDims = Projection(query.Rank, 1, [NumHeads, ValueDim], out var gateEquation, out var gateBias);
            _gateDense = Sublayer(gateEquation, gateDims, gateBias, "gate", query, "sigmoid");
        }

        var valueDims = Projection(value.Rank, 1, [NumHeads, ValueDim], out var valueEquation, out var valueBias);
        _valueDense = Sublayer(valueEquation, valueDims, valueBias, "value", value);
        BuildAttention(value.Rank + 1);
        var output = OutputFeatureShape?.ToArray() ?? [query[-1]];
        var outputDims = Projection(query.Rank, 2, output, out var outputEquation, out var outputBias);
        var outputInput = _queryDense.ComputeOutputShape(query).With(-1, ValueDim);
        _outputDense = Sublayer(outputEquation, outputDims, outputBias, "attention_output", outputInput);
    }

    private static Shape Projection(int rank, int boundDims, int?[] outputDims, out string equation, out string biasAxes)
    {
        (equation, biasAxes, var outputRank) = AttentionEquations.Projection(rank - 1, boundDims, outputDims.Length);
        return AttentionEquations.OutputShape(outputRank - 1, outputDims);
    }

    private EinsumDense Sublayer(string equation, Shape outputShape, string biasAxes, string name, Shape inputShape, string? activation = null)
    {
        var layer = new EinsumDense(equation, outputShape, activation is null ? null : ActivationFunction.Get(activation), UseBias ? biasAxes : null, Kernel.Initializer, BiasWeights.Initializer,
            Kernel.Regularizer, BiasWeights.Regularizer, Kernel.Constraint, BiasWeights.Constraint, ProjectionActivityRegularizer, name, Trainable);
        layer.MaybeBuild([inputShape]);
        return layer;
    }

    private void BuildAttention(int rank)
    {
        AttentionAxes = AttentionAxes is null
            ? [.. Enumerable.Range(1, rank - 3)]
            : [.. AttentionAxes.Select(a => a >= 0 ? a : rank - 1 + a)];
        (_dotProductEquation, _combineEquation, _) = AttentionEquations.Attention(rank, ResolvedAxes);
    }

    private (Shape Query, Shape Value, Shape Key) SplitShapes(IReadOnlyList<Shape> shapes)
    {
        if (shapes.Count is < 2 or > 3)
        {
            throw InputCountError(shapes.Count);
        }

        var (query, value) = (shapes[0], shapes[1]);
        var key = shapes.Count > 2 ? shapes[2] : value;
        if (value.Rank != key.Rank || !value.ToArray()[1..^1].SequenceEqual(key.ToArray()[1..^1]))
        {
            throw new ArgumentException(
                $"Layer \"{Name}\" (MultiHeadAttention): all dimensions of `value` and `key`, except the last one, must be equal. " +
                $"Received: value_shape={value} and key_shape={key}");
        }

        return (query, value, key);
    }

    private ArgumentException InputCountError(int count) => new(
        $"Layer \"{Name}\" (MultiHeadAttention) takes a `query` and a `value` tensor (and optionally a `key`): call it as " +
        $"mha.Apply(query, value) or mha.Apply(query, value, key). Received {count} input tensor(s).");

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(IReadOnlyList<Shape> inputShapes) => ComputeOutputShapes(inputShapes)[0];

    /// <inheritdoc/>
    public override Shape[] ComputeOutputShapes(IReadOnlyList<Shape> inputShapes)
    {
        var (query, _, _) = SplitShapes(inputShapes);
        return [OutputFeatureShape is { } o ? new Shape([.. query.ToArray()[..^1], .. o.ToArray()]) : query];
    }

    /// <inheritdoc/>
    protected override Shape[] ComputeOutputShapes(IReadOnlyList<Shape> inputShapes, IReadOnlyDictionary<string, object?> kwargs)
    {
        var output = ComputeOutputShapes(inputShapes)[0];
        if (kwargs.GetValueOrDefault("return_attention_scores") is not true)
        {
            return [output];
        }

        // Keras's symbolic scores use the query length on both attention axes, whatever the value length.
        var query = inputShapes[0];
        return [output, new Shape(query[0], NumHeads, query[1], query[1])];
    }

    /// <summary>Gets Keras's <c>build_config</c>: the shapes the layer was built for, by build argument name.</summary>
    internal Dictionary<string, object?>? BuildShapesDict() => BuildShapes is not { Count: >= 2 } shapes
        ? null
        : new Dictionary<string, object?>
        {
            ["shapes_dict"] = shapes.Select((s, i) => (s, i)).ToDictionary(
                p => p.i switch { 0 => "query_shape", 1 => "value_shape", _ => "key_shape" },
                p => (object?)Serialize(p.s)),
        };

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["num_heads"] = NumHeads;
        config["key_dim"] = KeyDim;
        config["value_dim"] = ValueDim;
        config["dropout"] = Dropout;
        config["use_bias"] = UseBias;
        config["use_gate"] = UseGate;
        config["output_shape"] = Serialize(OutputFeatureShape);
        config["attention_axes"] = AttentionAxes?.ToArray();
        config["sliding_window"] = SlidingWindow;
        WeightSettings.WriteConfig(config, ProjectionActivityRegularizer, true, Kernel, BiasWeights);
        config["seed"] = Seed;
        return config;
    }
}
