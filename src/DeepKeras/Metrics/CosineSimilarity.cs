using DeepKeras.Losses;

namespace DeepKeras.Metrics;

/// <summary>
/// Mean cosine similarity between labels and predictions (Keras <c>keras.metrics.CosineSimilarity</c>). Unlike the
/// loss of the same name it is positive: 1 for identical directions, 0 for orthogonal, −1 for opposite.
/// </summary>
/// <param name="name">The name.</param>
/// <param name="axis">The feature axis (default −1).</param>
public sealed class CosineSimilarity(string name = "cosine_similarity", int axis = -1)
    : MeanMetricWrapper((y, p) => -LossFunctions.CosineSimilarity(y, p, axis), name)
{
    /// <summary>Gets the feature axis.</summary>
    public int Axis { get; } = axis;

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["axis"] = Axis;
        return c;
    }
}
