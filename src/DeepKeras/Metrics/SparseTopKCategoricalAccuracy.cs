using static TorchSharp.torch;

namespace DeepKeras.Metrics;

/// <summary>
/// How often the integer label is among the <c>k</c> highest predictions (Keras <c>SparseTopKCategoricalAccuracy(k=5)</c>).
/// With <c>fromSortedIds</c>, predictions are class ids sorted by score and a hit is the label among the first k.
/// </summary>
public sealed class SparseTopKCategoricalAccuracy : MeanMetricWrapper
{
    /// <summary>Creates the metric.</summary>
    /// <param name="k">How many top predictions to look at; positive.</param>
    /// <param name="name">The name.</param>
    /// <param name="fromSortedIds">Whether <c>y_pred</c> holds class ids sorted from the highest score down.</param>
    public SparseTopKCategoricalAccuracy(int k = 5, string name = "sparse_top_k_categorical_accuracy", bool fromSortedIds = false)
        : base(Function(TopK.Check(k), fromSortedIds), name)
    {
        K = k;
        FromSortedIds = fromSortedIds;
    }

    /// <summary>Gets how many top predictions count.</summary>
    public int K { get; }

    /// <summary>Gets whether predictions are sorted class ids.</summary>
    public bool FromSortedIds { get; }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["k"] = K;
        c["from_sorted_ids"] = FromSortedIds;
        return c;
    }

    private static Func<Tensor, Tensor, Tensor> Function(int k, bool fromSortedIds) => (y, p) => Compute(y, p, k, fromSortedIds);

    private static Tensor Compute(Tensor yTrue, Tensor yPred, int k, bool fromSortedIds)
    {
        if (!fromSortedIds)
        {
            return TopKCategoricalAccuracy.Compute(yTrue, yPred, k);
        }

        var ids = yPred.reshape(-1, yPred.shape[^1]);
        var first = ids.narrow(1, 0, Math.Min(k, ids.shape[1])).to(int64);
        var hit = first.eq(yTrue.reshape(-1, 1).to(int64)).any(-1);
        return hit.to(float32).reshape(yTrue.shape);
    }
}
