using TorchSharp;
using DeepKeras.Engine;
using static TorchSharp.torch;

namespace DeepKeras.Losses;

/// <summary>
/// Base of every loss (Keras <c>keras.losses.Loss</c>): <see cref="Compute"/> gives one value per sample (the last
/// axis reduced), then sample weights and the <see cref="Reduction"/> are applied.
/// </summary>
public abstract class Loss
{
    /// <summary>Initializes the loss.</summary>
    /// <param name="name">The name shown in configs, e.g. <c>mean_squared_error</c>.</param>
    /// <param name="reduction">How per-sample values are reduced.</param>
    protected Loss(string name, Reduction reduction = Reduction.SumOverBatchSize)
    {
        Name = name;
        Reduction = reduction;
    }

    /// <summary>Gets the loss name.</summary>
    public string Name { get; }

    /// <summary>Gets the identifier the loss was resolved from (<c>"mse"</c>), saved as is in a model's compile config.</summary>
    internal string? Identifier { get; set; }

    /// <summary>Gets the reduction.</summary>
    public Reduction Reduction { get; }

    /// <summary>Computes the per-sample loss: shape of <paramref name="yPred"/> without its last axis.</summary>
    /// <param name="yTrue">Targets.</param>
    /// <param name="yPred">Predictions.</param>
    public abstract Tensor Compute(Tensor yTrue, Tensor yPred);

    /// <summary>Computes the reduced, weighted loss (Keras <c>loss(y_true, y_pred, sample_weight)</c>).</summary>
    /// <param name="yTrue">Targets.</param>
    /// <param name="yPred">Predictions.</param>
    /// <param name="sampleWeight">Optional weights, broadcast over the per-sample values (shape <c>(batch,)</c> is typical).</param>
    public Tensor Call(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null)
    {
        var values = Compute(yTrue, yPred);
        // Keras: the mask y_pred carries (padded time steps of a sequence output) and the loss's own mask (ignore_class) both apply.
        var outputMask = KerasMask.Get(yPred);
        var mask = ComputeMask(yTrue, yPred) is { } own ? (outputMask is null ? own : own.logical_and(outputMask)) : outputMask;
        return Reduce(values, mask is null ? sampleWeight : ApplyMask(sampleWeight, mask, values, Reduction), Reduction);
    }

    /// <summary>
    /// Returns which per-sample values count (1) and which are padding (0), or null when all count (the default).
    /// With <see cref="Reduction.SumOverBatchSize"/> the mean is then taken over the counted values only, as Keras does
    /// for <c>ignore_class</c>.
    /// </summary>
    /// <param name="yTrue">Targets.</param>
    /// <param name="yPred">Predictions.</param>
    protected virtual Tensor? ComputeMask(Tensor yTrue, Tensor yPred) => null;

    /// <summary>Keras's <c>apply_mask</c>: folds a 0/1 mask into the sample weights.</summary>
    internal static Tensor ApplyMask(Tensor? sampleWeight, Tensor mask, Tensor values, Reduction reduction)
    {
        var m = mask.to(values.dtype);
        if (reduction == Reduction.SumOverBatchSize)
        {
            // Valid entries get weight total/valid so that sum/total becomes sum/valid.
            using var count = m.numel().ToScalar();
            m = m * LossUtils.DivideNoNan(full([], count, dtype: m.dtype, device: m.device), m.sum());
        }

        if (sampleWeight is null)
        {
            return m;
        }

        var (mm, w) = LossUtils.SameRank(m, sampleWeight.to(m.dtype));
        while (w.dim() < mm.dim())
        {
            w = w.unsqueeze(-1);
        }

        return mm * w;
    }

    /// <summary>Applies sample weights and a reduction to per-sample loss values.</summary>
    private static Tensor MeanOf(Tensor values)
    {
        using var count = values.numel().ToScalar();
        return values.sum().div(count);
    }

    internal static Tensor Reduce(Tensor values, Tensor? sampleWeight, Reduction reduction)
    {
        if (sampleWeight is not null)
        {
            var w = sampleWeight.to(values.dtype);
            while (w.dim() < values.dim())
            {
                w = w.unsqueeze(-1);
            }

            while (w.dim() > values.dim() && w.shape[^1] == 1)
            {
                w = w.squeeze(-1);
            }

            values = values * w;
            if (reduction == Reduction.MeanWithSampleWeight)
            {
                using var epsilon = 1e-7.ToScalar();
                return values.sum() / w.expand_as(values).sum().clamp_min(epsilon);
            }
        }

        return reduction switch
        {
            Reduction.Sum => values.sum(),
            Reduction.None => values,
            _ => values.numel() == 0 ? zeros(1, device: values.device).sum() : MeanOf(values),
        };
    }

    /// <summary>Returns the Keras config (<c>name</c>, <c>reduction</c> and the loss's own arguments).</summary>
    public virtual Dictionary<string, object?> GetConfig() => new()
    {
        ["name"] = Name,
        ["reduction"] = Reduction switch
        {
            Reduction.Sum => "sum",
            Reduction.None => "none",
            Reduction.MeanWithSampleWeight => "mean_with_sample_weight",
            _ => "sum_over_batch_size",
        },
    };

    /// <summary>Resolves a Keras loss identifier such as <c>"mse"</c> or <c>"sparse_categorical_crossentropy"</c>.</summary>
    public static implicit operator Loss(string identifier) => Losses.Get(identifier);
}
