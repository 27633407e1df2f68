using static TorchSharp.torch;

namespace DeepKeras.Metrics;

/// <summary>
/// How often the one-hot target's class is among the <c>k</c> highest predictions (Keras
/// <c>TopKCategoricalAccuracy(k=5)</c>). A target tied with the k-th highest score counts as a hit, as in Keras.
/// </summary>
public sealed class TopKCategoricalAccuracy : MeanMetricWrapper
{
    /// <summary>Creates the metric.</summary>
    /// <param name="k">How many top predictions to look at; positive.</param>
    /// <param name="name">The name.</param>
    public TopKCategoricalAccuracy(int k = 5, string name = "top_k_categorical_accuracy")
        : base(Function(TopK.Check(k)), name) => K = k;

    /// <summary>Gets how many top predictions count.</summary>
    public int K { get; }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["k"] = K;
        return c;
    }

    private static Func<Tensor, Tensor, Tensor> Function(int k) => (y, p) => Compute(y.argmax(-1), p, k);

    /// <summary>1 where the label's score is at least the k-th highest score, 0 elsewhere; shaped like <paramref name="labels"/>.</summary>
    internal static Tensor Compute(Tensor labels, Tensor yPred, int k)
    {
        var scores = yPred.reshape(-1, yPred.shape[^1]);
        var kth = scores.topk((int)Math.Min(k, scores.shape[1]), dim: -1).values.amin([-1], keepdim: true);
        var target = scores.gather(-1, labels.reshape(-1, 1).to(int64));
        return target.ge(kth).squeeze(-1).to(float32).reshape(labels.shape);
    }
}
