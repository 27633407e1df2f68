namespace DeepKeras.Losses;

/// <summary>How a loss reduces per-sample values to the value that is minimized (Keras <c>reduction</c>).</summary>
public enum Reduction
{
    /// <summary><c>"sum_over_batch_size"</c> (default): the weighted sum divided by the number of per-sample values.</summary>
    SumOverBatchSize,

    /// <summary><c>"sum"</c>: the weighted sum.</summary>
    Sum,

    /// <summary><c>"mean_with_sample_weight"</c>: the weighted sum divided by the sum of the weights.</summary>
    MeanWithSampleWeight,

    /// <summary><c>"none"</c>: no reduction; one value per sample.</summary>
    None,
}
