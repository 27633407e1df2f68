using static TorchSharp.torch;

namespace DeepKeras.Losses;

/// <summary>
/// Huber loss (Keras <c>Huber(delta=1.0)</c>, <c>"huber"</c>): per element <c>0.5·e²</c> when <c>|e| ≤ δ</c>,
/// else <c>δ·|e| − 0.5·δ²</c>, with <c>e = y_pred − y_true</c>; averaged over the last axis.
/// </summary>
public sealed class Huber : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="delta">Where the loss turns from quadratic to linear; must be positive.</param>
    /// <param name="reduction">Reduction (default sum_over_batch_size).</param>
    /// <param name="name">Name.</param>
    public Huber(double delta = 1.0, Reduction reduction = Reduction.SumOverBatchSize, string name = "huber_loss")
        : base(name, reduction)
    {
        if (!(delta > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(delta), delta,
                $"Received an invalid value for `delta`, expected a positive number. Received: delta={delta}");
        }

        Delta = delta;
    }

    /// <summary>Gets the quadratic-to-linear switch point.</summary>
    public double Delta { get; }

    /// <inheritdoc/>
    public override Tensor Compute(Tensor yTrue, Tensor yPred) => LossFunctions.Huber(yTrue, yPred, Delta);

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var c = base.GetConfig();
        c["delta"] = Delta;
        return c;
    }
}

public static partial class LossFunctions
{
    /// <summary>
    /// Keras <c>huber</c>: <c>mean(0.5·e² if |e| ≤ δ else δ·|e| − 0.5·δ²)</c> over the last axis, <c>e = y_pred − y_true</c>.
    /// </summary>
    /// <param name="yTrue">Targets.</param>
    /// <param name="yPred">Predictions, same shape.</param>
    /// <param name="delta">The switch point (default 1).</param>
    /// <returns>One value per sample.</returns>
    public static Tensor Huber(Tensor yTrue, Tensor yPred, double delta = 1.0)
    {
        (yTrue, yPred) = LossUtils.Prepare(yTrue, yPred);
        var error = yPred - yTrue;
        var abs = error.abs();
        using var s = new ScalarScope();
        var quadratic = LossUtils.Squared(error).mul(s.Of(0.5));
        var linear = abs.mul(s.Of(delta)).sub(s.Of(0.5 * delta * delta));
        return where(abs.le(s.Of(delta)), quadratic, linear).mean([-1]);
    }
}
