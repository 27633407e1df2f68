using DeepKeras.Losses;
using static TorchSharp.torch;

namespace DeepKeras.Metrics;

/// <summary>Mean sparse categorical cross-entropy as a metric (Keras <c>keras.metrics.SparseCategoricalCrossentropy</c>).</summary>
/// <param name="name">The name.</param>
/// <param name="fromLogits">Whether predictions are logits.</param>
/// <param name="ignoreClass">A label whose entries are left out of the mean, or null.</param>
/// <param name="axis">The class axis (default −1).</param>
public sealed class SparseCategoricalCrossentropy(string name = "sparse_categorical_crossentropy", bool fromLogits = false,
    int? ignoreClass = null, int axis = -1)
    : MeanMetricWrapper((y, p) => LossFunctions.SparseCategoricalCrossentropy(y, p, fromLogits, ignoreClass, axis), name)
{
    /// <summary>Gets whether predictions are logits.</summary>
    public bool FromLogits { get; } = fromLogits;

    /// <summary>Gets the ignored label, if any.</summary>
    public int? IgnoreClass { get; } = ignoreClass;

    /// <summary>Gets the class axis.</summary>
    public int Axis { get; } = axis;

    /// <inheritdoc/>
    public override void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null)
    {
        if (IgnoreClass is not { } ignore)
        {
            base.UpdateState(yTrue, yPred, sampleWeight);
            return;
        }

        // Keras masks the ignored entries out of the mean (apply_mask), rather than averaging their zeros.
        using var scope = NewDisposeScope();
        var valid = LossUtils.SparseLabels(yTrue, yPred, Axis).ne(ignore).to(float32);
        var weight = valid;
        if (sampleWeight is not null)
        {
            var (v, w) = LossUtils.SameRank(valid, sampleWeight.to(valid.dtype));
            while (w.dim() < v.dim())
            {
                w = w.unsqueeze(-1);
            }

            weight = v * w;
        }

        base.UpdateState(yTrue, yPred, weight);
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["from_logits"] = FromLogits;
        c["ignore_class"] = IgnoreClass;
        c["axis"] = Axis;
        return c;
    }
}
