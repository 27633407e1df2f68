using DeepKeras.Engine;
using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// Encodes integer category ids in <c>[0, numTokens)</c> as float vectors of length <c>numTokens</c> (Keras
/// <c>keras.layers.CategoryEncoding</c>): <c>"one_hot"</c> (one vector per id), <c>"multi_hot"</c> (default: one vector per
/// sample with 1 for every id present) or <c>"count"</c> (how often each id occurs, optionally weighted).
/// </summary>
/// <remarks>
/// Input: integer ids (any numeric dtype), rank 1 or 2. Output shape: <c>"one_hot"</c> appends an axis of
/// <c>numTokens</c> (replacing a last axis of size 1); <c>"multi_hot"</c> and <c>"count"</c> replace the last axis with
/// <c>numTokens</c>, so a rank-1 input is one sample. Negative ids encode as zeros. No weights.
/// </remarks>
/// <example><code>
/// var layer = Layers.CategoryEncoding(numTokens: 4, outputMode: "multi_hot");
/// layer.Apply(tensor(new long[,] { { 0, 1 }, { 0, 0 }, { 1, 2 }, { 3, 1 } }));   // [[1,1,0,0],[1,0,0,0],[0,1,1,0],[0,1,0,1]]
/// </code></example>
public sealed class CategoryEncoding : Layer
{
    private static readonly string[] Modes = ["one_hot", "multi_hot", "count"];

    /// <summary>Creates the layer.</summary>
    /// <param name="numTokens">The number of categories; every input id must be below it.</param>
    /// <param name="outputMode"><c>"multi_hot"</c> (default; alias <c>"binary"</c>), <c>"one_hot"</c> or <c>"count"</c>.</param>
    /// <param name="sparse">Must be false: sparse outputs need TensorFlow.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    /// <exception cref="ArgumentException">An unknown mode, <paramref name="numTokens"/> below 1, or <paramref name="sparse"/>.</exception>
    public CategoryEncoding(int? numTokens = null, string outputMode = "multi_hot", bool sparse = false, string? name = null, bool trainable = true,
        Shape? inputShape = null)
        : base(name, trainable, inputShape)
    {
        outputMode = outputMode == "binary" ? "multi_hot" : outputMode;
        if (!Modes.Contains(outputMode))
        {
            throw new ArgumentException($"Unknown arg for output_mode: {outputMode}. Expected one of: {string.Join(", ", Modes)}", nameof(outputMode));
        }

        if (numTokens is not { } n)
        {
            throw new ArgumentException(
                "num_tokens must be set to use this layer. If the number of tokens is not known beforehand, use the IntegerLookup layer instead.",
                nameof(numTokens));
        }

        if (n < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(numTokens), n, $"`num_tokens` must be >= 1. Received: num_tokens={n}.");
        }

        if (sparse)
        {
            throw new ArgumentException("Unsupported value `sparse=True` with the torch backend: CategoryEncoding returns dense tensors.", nameof(sparse));
        }

        NumTokens = n;
        OutputMode = outputMode;
    }

    /// <summary>Gets the number of categories.</summary>
    public int NumTokens { get; }

    /// <summary>Gets the output mode.</summary>
    public string OutputMode { get; }

    /// <summary>Encodes <paramref name="inputs"/>, weighting each occurrence by <paramref name="countWeights"/> (<c>"count"</c> mode only).</summary>
    /// <param name="inputs">The ids.</param>
    /// <param name="countWeights">One weight per id, the shape of <paramref name="inputs"/>.</param>
    /// <param name="training">Unused (the layer behaves the same in training).</param>
    public Tensor Apply(Tensor inputs, Tensor countWeights, bool training = false) =>
        Invoke([inputs], null, training, new Dictionary<string, object?> { ["count_weights"] = countWeights }).Outputs[0];

    /// <summary>Calls the layer symbolically with <c>count_weights</c> (<c>"count"</c> mode only).</summary>
    /// <param name="inputs">The ids.</param>
    /// <param name="countWeights">One weight per id.</param>
    public KerasTensor Apply(KerasTensor inputs, KerasTensor countWeights) =>
        ApplySymbolic([inputs], new Dictionary<string, object?> { ["count_weights"] = countWeights })[0];

    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training) => Encode(inputs, null);

    /// <inheritdoc/>
    protected override Tensor[] CallOutputs(IReadOnlyList<Tensor> inputs, Tensor? mask, bool training, IReadOnlyDictionary<string, object?> kwargs) =>
        [Encode(inputs[0], kwargs.GetValueOrDefault("count_weights") as Tensor)];

    private Tensor Encode(Tensor inputs, Tensor? countWeights)
    {
        if (countWeights is not null && OutputMode != "count")
        {
            throw new ArgumentException($"Layer \"{Name}\" (CategoryEncoding): `count_weights` is not used when `output_mode` is not 'count'. Received output_mode={OutputMode}.");
        }

        var ids = inputs.dim() == 0 ? inputs.unsqueeze(0) : inputs;
        if (ids.dim() > 2)
        {
            throw new ArgumentException(
                $"Layer \"{Name}\" (CategoryEncoding) supports inputs of rank 1 or 2. Received: inputs.shape={(Shape)inputs.shape}");
        }

        ids = ids.to(int64);
        if (ids.numel() > 0 && ids.max().item<long>() >= NumTokens)
        {
            throw new ArgumentException(
                $"Layer \"{Name}\" (CategoryEncoding): input values must be in the range 0 <= values < num_tokens with num_tokens={NumTokens}. " +
                $"Received a maximum of {ids.max().item<long>()}.");
        }

        if (OutputMode == "one_hot" && ids.dim() > 1 && ids.shape[^1] == 1)
        {
            ids = ids.squeeze(-1);
        }

        var oneHot = nn.functional.one_hot(ids.clamp_min(0), NumTokens).mul(ids.ge(0).unsqueeze(-1)).to(float32);
        if (OutputMode == "one_hot")
        {
            return oneHot;
        }

        var reduce = ids.dim() > 1 ? 1 : 0;
        if (OutputMode == "multi_hot")
        {
            return oneHot.amax(reduce);
        }

        if (countWeights is not null)
        {
            oneHot = oneHot * countWeights.to(float32).unsqueeze(-1);
        }

        return oneHot.sum(reduce);
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape)
    {
        if (inputShape.Rank == 0)
        {
            return new Shape(NumTokens);
        }

        var keep = OutputMode == "one_hot" && !(inputShape[-1] == 1 && inputShape.Rank > 1) ? inputShape.Rank : inputShape.Rank - 1;
        return new Shape([.. inputShape.Dims.Take(keep), NumTokens]);
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["num_tokens"] = NumTokens;
        c["output_mode"] = OutputMode;
        return c;
    }
}
