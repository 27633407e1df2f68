using DeepKeras.Training;
using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// Buckets continuous values into bins (Keras <c>keras.layers.Discretization</c>): with boundaries
/// <c>[0, 1, 2]</c> the value −1.5 falls in bin 0, 0.5 in bin 1, 1 in bin 2 and 2.5 in bin 3 (a value equal to a boundary
/// goes to the bin above). Give <c>binBoundaries</c>, or <c>numBins</c> and call <see cref="Adapt(ArrayLike)"/> to
/// place the boundaries at the data's quantiles. The bin indices come out as int32 (<c>"int"</c>) or encoded as
/// float32 <c>"one_hot"</c>, <c>"multi_hot"</c> or <c>"count"</c> vectors of length <c>bins</c>.
/// </summary>
/// <example><code>
/// var ages = Keras.Layers.Discretization(numBins: 4);
/// ages.Adapt(trainAges);          // boundaries at the quartiles
/// var bins = ages.Apply(tensor(new float[] { 23, 41, 67 }));
/// </code></example>
public sealed class Discretization : Layer
{
    private static readonly string[] Modes = ["int", "one_hot", "multi_hot", "count"];
    private QuantileSummary _summary = new();

    /// <summary>Creates the layer.</summary>
    /// <param name="binBoundaries">The increasing boundaries between bins; null to learn them with <c>Adapt</c>.</param>
    /// <param name="numBins">The number of bins <c>Adapt</c> makes; null when <paramref name="binBoundaries"/> is given.</param>
    /// <param name="epsilon">The error tolerance of the quantile summary <c>Adapt</c> builds (default 0.01).</param>
    /// <param name="outputMode"><c>"int"</c> (default), <c>"one_hot"</c>, <c>"multi_hot"</c> or <c>"count"</c>.</param>
    /// <param name="sparse">Must be false: the torch backend has no sparse outputs.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    /// <exception cref="ArgumentException">
    /// Neither or both of <paramref name="binBoundaries"/> and <paramref name="numBins"/>, a negative
    /// <paramref name="numBins"/>, an unknown output mode or <c>sparse: true</c>.
    /// </exception>
    public Discretization(double[]? binBoundaries = null, int? numBins = null, double epsilon = 0.01, string outputMode = "int",
        bool sparse = false, string? name = null, bool trainable = true, Shape? inputShape = null)
        : base(name, trainable, inputShape)
    {
        string Prefix() => $"Layer \"{Name}\" (Discretization): ";
        if (sparse)
        {
            throw new ArgumentException(Prefix() + "`sparse=True` cannot be used with the torch backend.", nameof(sparse));
        }

        if (!Modes.Contains(outputMode))
        {
            throw new ArgumentException(
                Prefix() + $"invalid value for argument `output_mode`. Expected one of {{'int', 'one_hot', 'multi_hot', 'count'}}. Received: output_mode={outputMode}",
                nameof(outputMode));
        }

        if (numBins is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(numBins), Prefix() + $"`num_bins` must be greater than or equal to 0. Received: `num_bins={numBins}`");
        }

        if (numBins is not null && binBoundaries is not null)
        {
            throw new ArgumentException(
                Prefix() + $"both `num_bins` and `bin_boundaries` should not be set. Received: `num_bins={numBins}` and `bin_boundaries=[{string.Join(", ", binBoundaries)}]`",
                nameof(binBoundaries));
        }

        if (numBins is null && binBoundaries is null)
        {
            throw new ArgumentException(Prefix() + "you need to set either `num_bins` or `bin_boundaries`.", nameof(numBins));
        }

        BinBoundaries = binBoundaries;
        NumBins = numBins;
        Epsilon = epsilon;
        OutputMode = outputMode;
    }

    /// <summary>Gets the bin boundaries: given, or learned by <c>Adapt</c>; null before <c>Adapt</c>.</summary>
    public IReadOnlyList<double>? BinBoundaries { get; private set; }

    /// <summary>Gets the number of bins <c>Adapt</c> makes, or null.</summary>
    public int? NumBins { get; }

    /// <summary>Gets the error tolerance of the quantile summary.</summary>
    public double Epsilon { get; }

    /// <summary>Gets the output mode.</summary>
    public string OutputMode { get; }

    private int Depth => BinBoundaries is { } b ? b.Count + 1 : NumBins!.Value;

    /// <summary>Places the boundaries at the quantiles of <paramref name="data"/> (Keras <c>adapt</c>).</summary>
    /// <param name="data">The values (any shape).</param>
    /// <exception cref="InvalidOperationException">The layer was given <c>binBoundaries</c> instead of <c>numBins</c>.</exception>
    public void Adapt(ArrayLike data) => Adapt([data]);

    /// <summary>Places the boundaries at the quantiles of all the batches together (Keras <c>adapt</c> on a dataset).</summary>
    /// <param name="batches">The batches of values.</param>
    /// <exception cref="InvalidOperationException">The layer was given <c>binBoundaries</c> instead of <c>numBins</c>.</exception>
    public void Adapt(IEnumerable<ArrayLike> batches)
    {
        if (NumBins is not { } numBins)
        {
            throw new InvalidOperationException(
                $"Layer \"{Name}\" (Discretization): cannot adapt a Discretization layer that has been initialized with `bin_boundaries`, use `num_bins` instead.");
        }

        _summary = new QuantileSummary();
        foreach (var batch in AdaptData.Many(batches, this))
        {
            _summary.Add(batch.detach().to(float32).cpu().flatten().data<float>().ToArray(), Epsilon);
        }

        BinBoundaries = _summary.BinBoundaries(numBins);
    }

    /// <summary>Sets learned boundaries from a config that holds both them and <c>num_bins</c> (Keras <c>from_config</c>).</summary>
    internal void RestoreBoundaries(double[] boundaries) => BinBoundaries = boundaries;

    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training)
    {
        if (BinBoundaries is not { } b)
        {
            throw new InvalidOperationException(
                $"Layer \"{Name}\" (Discretization): you need to either pass the `bin_boundaries` argument at construction time or call `Adapt(dataset)` before you can start using the `Discretization` layer.");
        }

        var x = inputs.is_floating_point() ? inputs : inputs.to(float32);
        var boundaries = tensor(b.ToArray(), x.dtype, x.device);
        var indices = bucketize(x, boundaries, right: true);
        if (OutputMode == "int")
        {
            return indices.to(int32);
        }

        if (indices.dim() == 0)
        {
            indices = indices.unsqueeze(0);
        }

        if (OutputMode == "one_hot")
        {
            var ids = indices.dim() > 1 && indices.shape[^1] == 1 ? indices.squeeze(-1) : indices;
            return nn.functional.one_hot(ids, Depth).to(float32);
        }

        var oneHot = nn.functional.one_hot(indices, Depth).to(float32);
        var axis = indices.dim() > 1 ? 1 : 0;
        return OutputMode == "multi_hot" ? oneHot.amax(axis) : oneHot.sum(axis);
    }

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape)
    {
        if (OutputMode == "int")
        {
            return inputShape;
        }

        var dims = inputShape.Dims.ToList();
        if (OutputMode == "one_hot")
        {
            return new Shape([.. dims.Take(dims.Count > 1 && dims[^1] == 1 ? dims.Count - 1 : dims.Count), Depth]);
        }

        return dims.Count >= 2 ? new Shape([dims[0], .. dims.Skip(2), Depth]) : new Shape(Depth);
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        // Keras's Discretization writes no `trainable` and its dtype as a plain name.
        var config = base.GetConfig();
        config.Remove("trainable");
        config["dtype"] = "float32";
        config["bin_boundaries"] = BinBoundaries?.ToList();
        config["num_bins"] = NumBins;
        config["epsilon"] = Epsilon;
        config["output_mode"] = OutputMode;
        config["sparse"] = false;
        return config;
    }
}
