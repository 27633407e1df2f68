using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// The dot product of two tensors sample by sample (Keras <c>keras.layers.Dot</c>): sums the products along one axis
/// of each input. Inputs <c>(batch, 3, 5)</c> and <c>(batch, 10, 3)</c> with <c>axes: (1, 2)</c> give
/// <c>(batch, 5, 10)</c>; two <c>(batch, n)</c> vectors with <c>axes: 1</c> give <c>(batch, 1)</c>. Function form
/// <c>Keras.Layers.Dot([a, b], axes: 1)</c>.
/// </summary>
/// <remarks>With <c>normalize: true</c> each input is L2-normalized along its axis first, so the result is the cosine similarity.</remarks>
public sealed class Dot : Merge
{
    /// <summary>Creates the layer.</summary>
    /// <param name="axes">The axis to sum over: one for both inputs (negative counts from the end), or a pair <c>(axisOfFirst, axisOfSecond)</c>. The batch axis 0 is not allowed.</param>
    /// <param name="normalize">Whether to L2-normalize both inputs along their axis before the product (cosine proximity).</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    /// <exception cref="ArgumentException"><paramref name="axes"/> has more than two values.</exception>
    public Dot(IntTuple axes, bool normalize = false, string? name = null, bool trainable = true, Shape? inputShape = null)
        : base(name, trainable, inputShape)
    {
        if (axes.Values.Count is not (1 or 2))
        {
            throw new ArgumentException(
                $"Invalid format for argument `axes` of layer \"{Name}\" (Dot): it should be an integer or contain two elements. Received: axes={axes}", nameof(axes));
        }

        Axes = axes;
        Normalize = normalize;
    }

    /// <summary>Gets the axes as given: one value for both inputs, or one per input.</summary>
    public IntTuple Axes { get; }

    /// <summary>Gets whether the inputs are L2-normalized along their axes first.</summary>
    public bool Normalize { get; }

    /// <inheritdoc/>
    private protected override int MaxInputs => 2;

    /// <inheritdoc/>
    private protected override bool ExpandsLowerRanks => false;

    /// <summary>Checks the two inputs have rank 2 or more and the same size along their axes.</summary>
    /// <param name="inputShapes">The two input shapes, batch axis included.</param>
    /// <exception cref="ArgumentException">Not two inputs, an axis out of range or on the batch axis, or different sizes along the axes.</exception>
    public override void Build(IReadOnlyList<Shape> inputShapes)
    {
        CheckCount(inputShapes.Count);
        var (a0, a1) = AxesFor(inputShapes[0].Rank, inputShapes[1].Rank);
        if (inputShapes[0][a0] is { } d0 && inputShapes[1][a1] is { } d1 && d0 != d1)
        {
            throw new ArgumentException(
                $"Layer \"{Name}\" (Dot): incompatible input shapes: axis values {d0} (at axis {a0}) != {d1} (at axis {a1}). Full input shapes: {inputShapes[0]}, {inputShapes[1]}");
        }
    }

    /// <inheritdoc/>
    protected override Tensor MergeFunction(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor?> masks)
    {
        var (x, y) = (inputs[0], inputs[1]);
        var (a0, a1) = AxesFor((int)x.dim(), (int)y.dim());
        if (Normalize)
        {
            x = L2Normalize(x, a0);
            y = L2Normalize(y, a1);
        }

        return BatchDot(x, y, a0, a1);
    }

    /// <summary>The first shape without its axis, then the second without its batch axis and its axis; <c>(batch, 1)</c> when nothing is left.</summary>
    /// <param name="inputShapes">The two input shapes, batch axis included.</param>
    public override Shape ComputeOutputShape(IReadOnlyList<Shape> inputShapes)
    {
        CheckCount(inputShapes.Count);
        var (a0, a1) = AxesFor(inputShapes[0].Rank, inputShapes[1].Rank);
        var first = inputShapes[0].Dims.Where((_, i) => i != a0);
        var second = inputShapes[1].Dims.Where((_, i) => i != 0 && i != a1);
        int?[] dims = [.. first, .. second];
        return new Shape(dims.Length == 1 ? [dims[0], 1] : dims);
    }

    /// <summary>Dot has no output mask (Keras <c>Dot.compute_mask</c>).</summary>
    /// <param name="inputs">The inputs.</param>
    /// <param name="masks">The inputs' masks (ignored).</param>
    public override Tensor? ComputeMask(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor?> masks) => null;

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["axes"] = Axes.Values.Count == 1 ? Axes.Values[0] : new List<object?> { Axes.Values[0], Axes.Values[1] };
        c["normalize"] = Normalize;
        return c;
    }

    /// <summary>The two axes made non-negative for inputs of the given ranks, checked.</summary>
    private (int, int) AxesFor(int rank0, int rank1)
    {
        if (rank0 < 2 || rank1 < 2)
        {
            throw new ArgumentException($"Layer \"{Name}\" (Dot) cannot take the dot product of inputs with rank < 2. Received inputs of ranks {rank0} and {rank1}.");
        }

        var v = Axes.Values;
        var (a0, a1) = (Positive(v[0], rank0), Positive(v.Count == 1 ? v[0] : v[1], rank1));
        if (a0 == 0 || a1 == 0)
        {
            throw new ArgumentException(
                $"Layer \"{Name}\" (Dot) cannot take the dot product over axis 0 (the batch axis). Received axes={Axes}.");
        }

        return (a0, a1);
    }

    private int Positive(int axis, int rank) => axis >= -rank && axis < rank
        ? (axis < 0 ? axis + rank : axis)
        : throw new ArgumentException($"Layer \"{Name}\" (Dot): axis {axis} is out of bounds for an input of rank {rank}. Received axes={Axes}.");

    /// <summary>Keras's <c>normalize(x, axis)</c>: <c>x * min(rsqrt(sum(x²)), 1/epsilon)</c>.</summary>
    private static Tensor L2Normalize(Tensor x, int axis) =>
        x * x.square().sum(axis, keepdim: true).rsqrt().clamp_max(1.0 / Keras.Backend.Epsilon);

    /// <summary>
    /// Keras's <c>batch_dot</c>: moves the summed axis of <paramref name="x"/> last and that of <paramref name="y"/> to
    /// position 1, flattens the other axes, multiplies batch-wise and restores the axes.
    /// </summary>
    private static Tensor BatchDot(Tensor x, Tensor y, int a0, int a1)
    {
        var (xRank, yRank) = ((int)x.dim(), (int)y.dim());
        if (xRank == 2)
        {
            x = x.unsqueeze(1);
            a0++;
        }

        if (yRank == 2)
        {
            y = y.unsqueeze(2);
        }

        x = x.movedim([a0], [-1]);
        y = y.movedim([a1], [1]);
        var xMid = x.shape[1..^1];
        var yTrail = y.shape[2..];
        var result = x.reshape(x.shape[0], -1, x.shape[^1]).matmul(y.reshape(y.shape[0], y.shape[1], -1));
        result = result.reshape([result.shape[0], .. xMid, .. yTrail]);
        return xRank == 2 ? result.squeeze(1) : yRank == 2 ? result.squeeze(-1) : result;
    }
}
