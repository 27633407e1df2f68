using DeepKeras.Losses;
using static TorchSharp.torch;

namespace DeepKeras.Metrics;

/// <summary>
/// Weighted true/false positive/negative counts per threshold (Keras <c>metrics_utils.update_confusion_matrix_variables</c>):
/// a prediction is positive at threshold t when <c>y_pred &gt; t</c>, a label is positive when non-zero. One pass: each
/// prediction is bucketed among the sorted thresholds and the buckets are summed from the top, so the cost is
/// O(N + T) rather than O(N·T).
/// </summary>
internal sealed class ConfusionCounts
{
    /// <summary>Keras's NEG_INF: the value given to predictions outside the top k.</summary>
    internal const double NegInf = -1e10;

    private readonly double[] _sorted;
    private readonly long[] _inverse;

    /// <summary>Prepares counting at the given thresholds (any order; results follow that order).</summary>
    internal ConfusionCounts(IReadOnlyList<double> thresholds)
    {
        var order = Enumerable.Range(0, thresholds.Count).OrderBy(i => thresholds[i]).ToArray();
        _sorted = order.Select(i => thresholds[i]).ToArray();
        _inverse = new long[order.Length];
        for (var j = 0; j < order.Length; j++)
        {
            _inverse[order[j]] = j;
        }
    }

    /// <summary>
    /// Counts one batch. Returns float64 tensors of shape <c>(T,)</c>, or <c>(T, labels)</c> when <paramref name="multiLabel"/>.
    /// </summary>
    internal (Tensor Tp, Tensor Fp, Tensor Tn, Tensor Fn) Update(Tensor yTrue, Tensor yPred, Tensor? sampleWeight,
        int? topK = null, int? classId = null, bool multiLabel = false, Tensor? labelWeights = null)
    {
        var pred = yPred.to(float32);
        var label = yTrue.to(float32);
        (pred, label) = LossUtils.SameRank(pred, label);
        Tensor? w = null;
        if (sampleWeight is not null)
        {
            (_, w) = LossUtils.SameRank(label, sampleWeight.to(float64).to(pred.device).unsqueeze(-1), expandRank1: false);
        }

        if (topK is { } k)
        {
            var keep = zeros_like(pred).scatter_(-1, pred.topk(Math.Min(k, (int)pred.shape[^1]), dim: -1).indexes, ones_like(pred));
            using var s = new ScalarScope();
            pred = LossUtils.Plus(pred * keep, LossUtils.OneMinus(keep).mul(s.Of(NegInf)));
        }

        if (classId is { } c)
        {
            if (pred.dim() < 2 || c < 0 || c >= pred.shape[^1])
            {
                throw new ArgumentOutOfRangeException(nameof(classId), c,
                    $"`class_id` must be in [0, num_classes) for predictions of shape (num_samples, num_classes). Received: " +
                    $"class_id={c}, y_pred shape {(Shape)pred.shape}");
            }

            label = label.narrow(-1, c, 1);
            pred = pred.narrow(-1, c, 1);
        }

        var weight = w is null ? ones_like(pred, dtype: float64) : w.broadcast_to(pred.shape).to(float64);
        if (labelWeights is not null)
        {
            weight = weight * labelWeights.to(float64).to(pred.device).unsqueeze(0).broadcast_to(pred.shape);
        }

        var isPos = label.ne(ScalarScope.Zero).to(float64);
        if (!multiLabel)
        {
            pred = pred.reshape(-1);
            isPos = isPos.reshape(-1);
            weight = weight.reshape(-1);
        }

        var boundaries = tensor(_sorted, dtype: float32, device: pred.device);
        var bucket = bucketize(pred.contiguous(), boundaries);
        var isNeg = LossUtils.OneMinus(isPos);
        var tp = AboveThreshold(bucket, isPos * weight);
        var fp = AboveThreshold(bucket, isNeg * weight);
        var totalPos = (isPos * weight).sum(dim: 0);
        var totalNeg = (isNeg * weight).sum(dim: 0);
        return (tp, fp, totalNeg - fp, totalPos - tp);
    }

    /// <summary>For each threshold (in the caller's order), the sum of <paramref name="values"/> whose prediction exceeds it.</summary>
    private Tensor AboveThreshold(Tensor bucket, Tensor values)
    {
        // bucket = number of thresholds strictly below the prediction, so a prediction is above sorted threshold j iff bucket > j.
        var t = _sorted.Length;
        Tensor hist;
        if (bucket.dim() == 1)
        {
            hist = zeros(t + 1, dtype: float64, device: values.device).index_add_(0, bucket, values, ScalarScope.One);
        }
        else
        {
            var labels = bucket.shape[1];
            using var s = new ScalarScope();
            var flat = LossUtils.Plus(bucket.mul(s.Of(labels)), arange(labels, device: bucket.device).unsqueeze(0)).reshape(-1);
            hist = zeros((t + 1) * labels, dtype: float64, device: values.device).index_add_(0, flat, values.reshape(-1), ScalarScope.One).view(t + 1, labels);
        }

        var fromTop = hist.flip(0).cumsum(dim: 0).flip(0);
        var sorted = fromTop.narrow(0, 1, t);
        return sorted.index_select(0, tensor(_inverse, device: values.device));
    }

    /// <summary>Keras's <c>parse_init_thresholds</c>: checks [0, 1]; null gives 0.5, or NEG_INF when top-k decides.</summary>
    internal static double[] ParseThresholds(double[]? thresholds, int? topK)
    {
        if (topK is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(topK), topK,
                $"Received an invalid value for `top_k`, expected a positive integer. Received: top_k={topK}");
        }

        if (thresholds is null)
        {
            return [topK is null ? 0.5 : NegInf];
        }

        if (thresholds.Length == 0 || thresholds.Any(t => !(t >= 0 && t <= 1)))
        {
            throw new ArgumentOutOfRangeException(nameof(thresholds), thresholds,
                $"Threshold values must be in [0, 1]. Received: [{string.Join(", ", thresholds)}]");
        }

        return thresholds.ToArray();
    }

    /// <summary>Keras's <c>divide_no_nan</c> of two count tensors, read back to the host.</summary>
    internal static double[] Ratio(Tensor numerator, Tensor denominator)
    {
        using var scope = NewDisposeScope();
        return LossUtils.DivideNoNan(numerator, denominator).cpu().data<double>().ToArray();
    }
}
