using DeepKeras.Engine;
using DeepKeras.Training;
using static TorchSharp.torch;

namespace DeepKeras.Layers;

/// <summary>
/// Shifts and scales its input to mean 0 and variance 1 per feature: (x − mean) / √variance (Keras
/// <c>keras.layers.Normalization</c>). The mean and variance are given, or learned from data by
/// <see cref="Adapt(ArrayLike)"/> before training; <c>invert: true</c> maps normalized values back.
/// </summary>
/// <remarks>
/// Input shape: any, with known sizes on the kept axes. Output shape: the input shape (float32). When adapted, the
/// non-trainable weights <c>mean</c> and <c>variance</c> (the kept axes' shape) and the int32 scalar <c>count</c>, as
/// Keras saves them; given values are part of the config instead.
/// </remarks>
/// <example><code>
/// var norm = Layers.Normalization();
/// norm.Adapt(xTrain);                      // per-feature mean and variance of the training data
/// var model = Sequential(Input(shape: 13), norm, Layers.Dense(64, activation: "relu"), Layers.Dense(1));
/// </code></example>
public sealed class Normalization : Layer
{
    private readonly int[] _axis;
    private readonly double[]? _mean;
    private readonly double[]? _variance;
    private readonly bool _scalar;
    private long[] _keep = [];
    private long[] _reduce = [];
    private long[] _broadcast = [];

    /// <summary>Creates the layer keeping one axis (statistics per position on it).</summary>
    /// <param name="axis">The kept axis (default −1, the features).</param>
    /// <param name="mean">The mean per position on the kept axis (or one value for all); null to learn it with <c>Adapt</c>.</param>
    /// <param name="variance">The variance, the shape of <paramref name="mean"/>; null to learn it with <c>Adapt</c>.</param>
    /// <param name="invert">Whether to undo the normalization instead: mean + x·√variance.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    /// <exception cref="ArgumentException">Only one of <paramref name="mean"/> and <paramref name="variance"/>, or different lengths.</exception>
    public Normalization(int axis = -1, double[]? mean = null, double[]? variance = null, bool invert = false, string? name = null,
        bool trainable = true, Shape? inputShape = null)
        : this([axis], mean, variance, invert, name, trainable, inputShape)
    {
    }

    /// <summary>Creates the layer keeping several axes, or none (<c>null</c>: one mean and variance for everything).</summary>
    /// <param name="axis">The kept axes; null or empty for none.</param>
    /// <param name="mean">The mean per position on the kept axes (right-aligned, or one value for all); null to learn it with <c>Adapt</c>.</param>
    /// <param name="variance">The variance, the shape of <paramref name="mean"/>; null to learn it with <c>Adapt</c>.</param>
    /// <param name="invert">Whether to undo the normalization instead: mean + x·√variance.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    /// <exception cref="ArgumentException">Only one of <paramref name="mean"/> and <paramref name="variance"/>, or different lengths.</exception>
    public Normalization(int[]? axis, double[]? mean = null, double[]? variance = null, bool invert = false, string? name = null,
        bool trainable = true, Shape? inputShape = null)
        : base(name, trainable, inputShape)
    {
        if ((mean is null) != (variance is null))
        {
            throw new ArgumentException(
                "When setting values directly, both `mean` and `variance` must be set. " +
                $"Received: mean={Text(mean)} and variance={Text(variance)}", mean is null ? nameof(mean) : nameof(variance));
        }

        if (mean is not null && mean.Length != variance!.Length)
        {
            throw new ArgumentException(
                "When setting values directly, `mean` and `variance` must have the same shape. " +
                $"Received: mean shape ({mean.Length},) and variance shape ({variance.Length},)", nameof(variance));
        }

        _axis = axis?.ToArray() ?? [];
        _mean = mean?.ToArray();
        _variance = variance?.ToArray();
        Invert = invert;
    }

    /// <summary>Creates the layer with one given mean and variance for every position (e.g. with <c>axis: null</c>).</summary>
    /// <param name="axis">The kept axes; null or empty for none.</param>
    /// <param name="mean">The mean.</param>
    /// <param name="variance">The variance.</param>
    /// <param name="invert">Whether to undo the normalization instead: mean + x·√variance.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="trainable">Whether the layer's weights are trained (Keras <c>trainable</c>).</param>
    /// <param name="inputShape">For the first layer of a Sequential: the input shape without the batch axis.</param>
    public Normalization(int[]? axis, double mean, double variance, bool invert = false, string? name = null, bool trainable = true,
        Shape? inputShape = null)
        : this(axis, [mean], [variance], invert, name, trainable, inputShape) => _scalar = true;

    /// <summary>Gets the kept axes.</summary>
    public IReadOnlyList<int> Axis => _axis;

    /// <summary>Gets whether the layer undoes the normalization.</summary>
    public bool Invert { get; }

    /// <summary>Gets the learned mean (null when the mean was given, or before build).</summary>
    public Variable? AdaptMean { get; private set; }

    /// <summary>Gets the learned variance (null when the variance was given, or before build).</summary>
    public Variable? AdaptVariance { get; private set; }

    /// <summary>Gets Keras's <c>count</c> weight, kept for compatibility with saved files (null when the mean was given, or before build).</summary>
    public Variable? Count { get; private set; }

    /// <inheritdoc/>
    public override bool SupportsMasking => true;

    /// <inheritdoc/>
    public override void Build(Shape inputShape)
    {
        var rank = inputShape.Rank;
        if (_axis.Any(a => a < -rank || a >= rank))
        {
            throw new ArgumentException(
                $"Layer \"{Name}\" (Normalization): All `axis` values must be in the range [-ndim, ndim). Received inputs with ndim={rank}, while axis={AxisText}");
        }

        _keep = [.. _axis.Select(a => (long)(a < 0 ? a + rank : a)).Distinct().Order()];
        foreach (var d in _keep.Where(d => inputShape[(int)d] is null))
        {
            throw new ArgumentException(
                $"Layer \"{Name}\" (Normalization): All `axis` values to be kept must have a known shape. Received axis={AxisText}, inputs.shape={inputShape}, with unknown axis at index {d}");
        }

        _reduce = [.. Enumerable.Range(0, rank).Select(d => (long)d).Where(d => !_keep.Contains(d))];
        _broadcast = [.. Enumerable.Range(0, rank).Select(d => _keep.Contains(d) ? (long)inputShape[d]!.Value : 1L)];
        if (_mean is null)
        {
            var shape = new Shape([.. _keep.Select(d => inputShape[(int)d])]);
            AdaptMean = AddWeight("mean", shape, new Initializers.Zeros(), trainable: false);
            AdaptVariance = AddWeight("variance", shape, new Initializers.Ones(), trainable: false);
            Count = AddWeight("count", new Shape(), new Initializers.Zeros(), trainable: false, dtype: "int32");
        }
        else if (_mean.Length > 1 && (_keep.Length == 0 || _mean.Length != _broadcast[_keep[^1]]))
        {
            throw new ArgumentException(
                $"Layer \"{Name}\" (Normalization): `mean` has {_mean.Length} values, which do not match the last kept axis of inputs.shape={inputShape} (axis={AxisText}).");
        }
    }

    /// <summary>Learns the mean and variance of <paramref name="data"/> over every axis but the kept ones (Keras <c>adapt</c>).</summary>
    /// <param name="data">The data: an array or tensor, samples first.</param>
    /// <exception cref="ArgumentException">The data's kept axes differ from the layer's build shape.</exception>
    /// <exception cref="InvalidOperationException">The mean and variance were given at construction.</exception>
    public void Adapt(ArrayLike data) => Adapt([data]);

    /// <summary>Learns the mean and variance of a sequence of batches, combined as one data set (Keras <c>adapt</c> on batches).</summary>
    /// <param name="batches">The batches, each samples first.</param>
    /// <exception cref="ArgumentException">No batch, or a batch whose kept axes differ from the layer's build shape.</exception>
    /// <exception cref="InvalidOperationException">The mean and variance were given at construction.</exception>
    public void Adapt(IEnumerable<ArrayLike> batches)
    {
        if (_mean is not null)
        {
            throw new InvalidOperationException($"Layer \"{Name}\" (Normalization) was given `mean` and `variance`; it cannot also `Adapt` them.");
        }

        Tensor? totalMean = null, totalVariance = null;
        long totalCount = 0;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        foreach (var raw in AdaptData.Many(batches, this))
        {
            var batch = raw.to(float64);
            var shape = (Shape)batch.shape;
            if (!Built)
            {
                MaybeBuild([shape]);
            }

            if (batch.dim() != _broadcast.Length || _keep.Any(d => batch.shape[d] != _broadcast[d]))
            {
                throw new ArgumentException(
                    $"Layer \"{Name}\" (Normalization) was built with input_shape={BuildShapes![0]}, but `Adapt` received data with an incompatible shape, data.shape={shape}",
                    nameof(batches));
            }

            var batchMean = _reduce.Length == 0 ? batch : batch.mean(_reduce);
            var batchVariance = _reduce.Length == 0 ? zeros_like(batch) : batch.var(_reduce, unbiased: false);
            var batchCount = _reduce.Aggregate(1L, (n, d) => n * batch.shape[d]);
            totalCount += batchCount;
            var weight = (double)batchCount / totalCount;
            if (totalMean is null)
            {
                (totalMean, totalVariance) = (batchMean, batchVariance);
                continue;
            }

            // Combined variance of two groups: within-group variances plus the spread of the group means.
            var newMean = totalMean * (1 - weight) + batchMean * weight;
            totalVariance = (totalVariance! + (totalMean - newMean).square()) * (1 - weight) + (batchVariance + (batchMean - newMean).square()) * weight;
            totalMean = newMean;
        }

        AdaptMean!.Assign(totalMean!.to(float32));
        AdaptVariance!.Assign(totalVariance!.to(float32));
    }

    /// <inheritdoc/>
    protected override Tensor Call(Tensor inputs, bool training)
    {
        var x = inputs.dtype == float32 ? inputs : inputs.to(float32);
        var (mean, variance) = Statistics(x.device);
        var std = variance.sqrt().clamp_min(1e-7);
        return Invert ? mean + x * std : (x - mean) / std;
    }

    private (Tensor Mean, Tensor Variance) Statistics(TorchSharp.torch.Device device)
    {
        if (_mean is null)
        {
            return (AdaptMean!.Value.reshape(_broadcast), AdaptVariance!.Value.reshape(_broadcast));
        }

        var shape = Enumerable.Repeat(1L, _broadcast.Length).ToArray();
        if (_mean.Length > 1)
        {
            shape[_keep[^1]] = _mean.Length;
        }

        return (tensor(_mean, device: device).to(float32).reshape(shape), tensor(_variance!, device: device).to(float32).reshape(shape));
    }

    private string AxisText => $"({string.Join(", ", _axis)}{(_axis.Length == 1 ? "," : "")})";

    private static string Text(double[]? values) => values is null ? "None" : $"[{string.Join(", ", values)}]";

    /// <inheritdoc/>
    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["axis"] = _axis.ToArray();
        c["invert"] = Invert;
        c["mean"] = _scalar ? _mean![0] : _mean?.ToArray();
        c["variance"] = _scalar ? _variance![0] : _variance?.ToArray();
        return c;
    }
}
