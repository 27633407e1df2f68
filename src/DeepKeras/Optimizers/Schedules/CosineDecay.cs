namespace DeepKeras.Optimizers.Schedules;

/// <summary>
/// Cosine decay with optional linear warmup (Keras <c>CosineDecay</c>). Without warmup:
/// <c>lr(step) = initial · ((1 − α) · ½(1 + cos(π · min(step, decaySteps) / decaySteps)) + α)</c>. With a
/// <c>warmupTarget</c>, the rate rises linearly from <c>initial</c> to <c>warmupTarget</c> over
/// <c>warmupSteps</c>, then decays from <c>warmupTarget</c> by the same formula with <c>step − warmupSteps</c>.
/// </summary>
public sealed class CosineDecay : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="initialLearningRate">The learning rate at step 0.</param>
    /// <param name="decaySteps">Positive number of steps to decay over.</param>
    /// <param name="alpha">Minimum learning rate as a fraction of the decayed-from rate (default 0).</param>
    /// <param name="name">Name (default <c>CosineDecay</c>).</param>
    /// <param name="warmupTarget">The learning rate reached at the end of warmup; null for no warmup.</param>
    /// <param name="warmupSteps">Number of warmup steps (default 0).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="decaySteps"/> is not positive.</exception>
    public CosineDecay(double initialLearningRate, double decaySteps, double alpha = 0.0, string name = "CosineDecay",
        double? warmupTarget = null, double warmupSteps = 0)
    {
        InitialLearningRate = initialLearningRate;
        DecaySteps = CheckPositive(decaySteps, "decay_steps");
        Alpha = alpha;
        Name = name;
        WarmupTarget = warmupTarget;
        WarmupSteps = warmupSteps;
    }

    /// <summary>Gets the initial learning rate.</summary>
    public double InitialLearningRate { get; }

    /// <summary>Gets the decay steps.</summary>
    public double DecaySteps { get; }

    /// <summary>Gets alpha.</summary>
    public double Alpha { get; }

    /// <summary>Gets the name.</summary>
    public string Name { get; }

    /// <summary>Gets the warmup target, if any.</summary>
    public double? WarmupTarget { get; }

    /// <summary>Gets the warmup steps.</summary>
    public double WarmupSteps { get; }

    /// <inheritdoc/>
    public override double Call(long step)
    {
        double s = step;
        if (WarmupTarget is not { } target)
        {
            return Decay(Math.Min(s, DecaySteps), InitialLearningRate);
        }

        s = Math.Min(s, DecaySteps + WarmupSteps);
        return s < WarmupSteps
            ? (target - InitialLearningRate) * (s / WarmupSteps) + InitialLearningRate
            : Decay(s - WarmupSteps, target);
    }

    private double Decay(double step, double from)
    {
        var cosine = 0.5 * (1.0 + Math.Cos(Math.PI * step / DecaySteps));
        return from * ((1 - Alpha) * cosine + Alpha);
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig() => new()
    {
        ["initial_learning_rate"] = InitialLearningRate,
        ["decay_steps"] = DecaySteps,
        ["alpha"] = Alpha,
        ["name"] = Name,
        ["warmup_target"] = WarmupTarget,
        ["warmup_steps"] = WarmupSteps,
    };
}
