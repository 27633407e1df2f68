namespace DeepKeras.Optimizers;

/// <summary>
/// AdamW (Keras <c>AdamW(learning_rate=0.001, weight_decay=0.004, beta_1=0.9, beta_2=0.999, epsilon=1e-7,
/// amsgrad=False)</c>): Adam with decoupled weight decay <c>w ← w − w·wd·lr</c> applied before each update
/// (PyTorch's default decay is 0.01).
/// </summary>
public sealed class AdamW : Adam
{
    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">Learning rate or schedule (default 0.001).</param>
    /// <param name="weightDecay">Decoupled weight decay (default 0.004).</param>
    /// <param name="beta1">Decay of the first moment (default 0.9).</param>
    /// <param name="beta2">Decay of the second moment (default 0.999).</param>
    /// <param name="epsilon">Small constant (default 1e-7).</param>
    /// <param name="amsgrad">Whether to use the AMSGrad variant.</param>
    /// <param name="clipnorm">Per-gradient norm clip.</param>
    /// <param name="clipvalue">Element-wise clip.</param>
    /// <param name="globalClipnorm">Global norm clip.</param>
    /// <param name="name">Name (default <c>adam_w</c>, made unique).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="weightDecay"/> is negative or not finite.</exception>
    public AdamW(LearningRateArg? learningRate = null, double weightDecay = 0.004, double beta1 = 0.9, double beta2 = 0.999,
        double epsilon = 1e-7, bool amsgrad = false, double? clipnorm = null, double? clipvalue = null,
        double? globalClipnorm = null, string? name = null)
        : base(learningRate, beta1, beta2, epsilon, amsgrad, CheckDecay(weightDecay), clipnorm, clipvalue, globalClipnorm, name)
    {
    }

    private static double CheckDecay(double weightDecay) => double.IsFinite(weightDecay) && weightDecay >= 0
        ? weightDecay
        : throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay,
            $"Argument `weight_decay` must be a non-negative float. Received: weight_decay={weightDecay}");
}
