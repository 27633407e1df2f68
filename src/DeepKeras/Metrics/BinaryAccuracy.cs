using TorchSharp;
using DeepKeras.Losses;
using static TorchSharp.torch;

namespace DeepKeras.Metrics;

/// <summary>How often <c>y_pred &gt; threshold</c> matches binary labels (Keras <c>BinaryAccuracy(threshold=0.5)</c>).</summary>
/// <param name="name">The name.</param>
/// <param name="threshold">The decision threshold.</param>
public sealed class BinaryAccuracy(string name = "binary_accuracy", double threshold = 0.5)
    : MeanMetricWrapper((y, p) => Compute(y, p, threshold), name)
{
    /// <summary>Gets the decision threshold.</summary>
    public double Threshold { get; } = threshold;

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["threshold"] = Threshold;
        return c;
    }

    internal static Tensor Compute(Tensor y, Tensor p, double threshold)
    {
        (y, p) = LossUtils.SameRank(y, p);
        using var t = threshold.ToScalar();
        return y.to(float32).eq(p.gt(t).to(float32)).to(float32).mean([-1]);
    }
}
