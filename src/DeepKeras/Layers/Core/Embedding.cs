using TorchSharp;
using DeepKeras.Constraints;
using DeepKeras.Initializers;
using DeepKeras.Regularizers;

namespace DeepKeras.Layers;

/// <summary>
/// Turns non-negative integer indices into dense vectors: row <c>i</c> of <c>embeddings (input_dim, output_dim)</c>
/// for index <c>i</c> (Keras <c>keras.layers.Embedding</c>). With <c>maskZero</c>, index 0 is padding: the layer emits a
/// mask (<c>index != 0</c>) that the following RNN layers use to skip padded steps, so <c>inputDim</c> must be the
/// vocabulary size + 1.
/// </summary>
/// <example><code>
/// var embed = new Embedding(20000, 128);   // (batch, 200) int → (batch, 200, 128)
/// </code></example>
public sealed class Embedding : Layer
{
    private readonly WeightSettings _embeddings;

    /// <summary>Creates the layer.</summary>
    /// <param name="inputDim">Size of the vocabulary: the largest index + 1.</param>
    /// <param name="outputDim">Size of each vector.</param>
    /// <param name="embeddingsInitializer">Initializer of the table (default <c>uniform</c>, U(−0.05, 0.05)).</param>
    /// <param name="maskZero">Whether index 0 is padding that later layers should ignore.</param>
    /// <param name="inputLength">Keras 2's fixed sequence length; sets the input shape to <c>(inputLength,)</c> when <paramref name="inputShape"/> is not given.</param>
    /// <param name="inputShape">Input shape without the batch axis, for a first layer.</param>
    /// <param name="name">Layer name; default <c>embedding</c>, <c>embedding_1</c>, ….</param>
    /// <param name="trainable">Whether the table is trained.</param>
    /// <param name="embeddingsRegularizer">Penalty on the table added to the training loss; default none.</param>
    /// <param name="activityRegularizer">Penalty on the output (divided by the batch size); default none.</param>
    /// <param name="embeddingsConstraint">Projection applied to the table after each optimizer update; default none.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="inputDim"/>, <paramref name="outputDim"/> or <paramref name="inputLength"/> is not positive.</exception>
    public Embedding(
        int inputDim,
        int outputDim,
        Initializer? embeddingsInitializer = null,
        bool maskZero = false,
        int? inputLength = null,
        Shape? inputShape = null,
        string? name = null,
        bool trainable = true,
        Regularizer? embeddingsRegularizer = null,
        Regularizer? activityRegularizer = null,
        Constraint? embeddingsConstraint = null)
        : base(name, trainable, inputShape ?? (inputLength is { } n ? new Shape(n) : (Shape?)null))
    {
        if (inputDim <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(inputDim), inputDim,
                $"Received an invalid value for argument `input_dim`, expected a positive integer. Received: input_dim={inputDim}");
        }

        if (outputDim <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(outputDim), outputDim,
                $"Received an invalid value for argument `output_dim`, expected a positive integer. Received: output_dim={outputDim}");
        }

        if (inputLength is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(inputLength), inputLength,
                $"Received an invalid value for argument `input_length`, expected a positive integer. Received: input_length={inputLength}");
        }

        InputDim = inputDim;
        OutputDim = outputDim;
        _embeddings = new WeightSettings("embeddings", embeddingsInitializer ?? new RandomUniform(), embeddingsRegularizer, embeddingsConstraint);
        ActivityRegularizer = activityRegularizer;
        MaskZero = maskZero;
    }

    /// <summary>Gets the vocabulary size (largest index + 1).</summary>
    public int InputDim { get; }

    /// <summary>Gets the vector size.</summary>
    public int OutputDim { get; }

    /// <summary>Gets the initializer of the table.</summary>
    public Initializer EmbeddingsInitializer => _embeddings.Initializer;

    /// <summary>Gets the penalty on the table, if any.</summary>
    public Regularizer? EmbeddingsRegularizer => _embeddings.Regularizer;

    /// <summary>Gets the constraint on the table, if any.</summary>
    public Constraint? EmbeddingsConstraint => _embeddings.Constraint;

    /// <summary>Gets whether index 0 is treated as padding and masked.</summary>
    public bool MaskZero { get; }

    /// <summary>Gets the table, shape <c>(input_dim, output_dim)</c>; null before build.</summary>
    public Variable? Embeddings { get; private set; }

    /// <inheritdoc/>
    protected override bool ProducesMask => MaskZero;

    /// <inheritdoc/>
    public override void Build(Shape inputShape) =>
        Embeddings = AddWeight("embeddings", (InputDim, OutputDim), _embeddings);

    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training)
    {
        var indices = inputs.dtype == ScalarType.Int64 ? inputs : inputs.to_type(ScalarType.Int64);
        using var inputDim = ((long)InputDim).ToScalar();
        var outside = indices.lt(ScalarScope.Zero).logical_or_(indices.ge(inputDim));
        if (outside.any().item<bool>())
        {
            var bad = indices.masked_select(outside)[0].item<long>();
            throw new ArgumentException(
                $"Layer \"{Name}\" (Embedding) received index {bad}, outside the vocabulary [0, {InputDim}). " +
                "`input_dim` must be the largest index + 1 (vocabulary size + 1 with mask_zero).");
        }

        var rows = Embeddings!.Value.index_select(0, indices.reshape(-1));
        return rows.reshape([.. indices.shape, OutputDim]);
    }

    /// <inheritdoc/>
    public override Tensor? ComputeMask(IReadOnlyList<Tensor> inputs, Tensor? mask) => MaskZero ? inputs[0].ne(ScalarScope.Zero) : null;

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => new([.. inputShape.Dims, OutputDim]);

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["input_dim"] = InputDim;
        c["output_dim"] = OutputDim;
        WeightSettings.WriteConfig(c, ActivityRegularizer, writeActivity: true, _embeddings);
        c["mask_zero"] = MaskZero;
        c["quantization_config"] = null;
        return c;
    }
}
