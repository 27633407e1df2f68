namespace DeepKeras.Optimizers.Schedules;

/// <summary>
/// Exponential decay (Keras <c>ExponentialDecay</c>):
/// <c>lr(step) = initialLearningRate · decayRate^(step / decaySteps)</c>, with the exponent floored when
/// <c>staircase</c> is true.
/// </summary>
public sealed class ExponentialDecay : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="initialLearningRate">The learning rate at step 0.</param>
    /// <param name="decaySteps">Positive number of steps per decay period.</param>
    /// <param name="decayRate">The factor applied per period.</param>
    /// <param name="staircase">Decay in discrete intervals (floor the exponent).</param>
    /// <param name="name">Name (default <c>ExponentialDecay</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="decaySteps"/> is not positive.</exception>
    public ExponentialDecay(double initialLearningRate, double decaySteps, double decayRate, bool staircase = false,
        string name = "ExponentialDecay")
    {
        InitialLearningRate = initialLearningRate;
        DecaySteps = CheckPositive(decaySteps, "decay_steps");
        DecayRate = decayRate;
        Staircase = staircase;
        Name = name;
    }

    /// <summary>Gets the initial learning rate.</summary>
    public double InitialLearningRate { get; }

    /// <summary>Gets the steps per decay period.</summary>
    public double DecaySteps { get; }

    /// <summary>Gets the decay rate.</summary>
    public double DecayRate { get; }

    /// <summary>Gets whether the exponent is floored.</summary>
    public bool Staircase { get; }

    /// <summary>Gets the name.</summary>
    public string Name { get; }

    /// <inheritdoc/>
    public override double Call(long step)
    {
        var p = step / DecaySteps;
        if (Staircase)
        {
            p = Math.Floor(p);
        }

        return InitialLearningRate * Math.Pow(DecayRate, p);
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig() => new()
    {
        ["initial_learning_rate"] = InitialLearningRate,
        ["decay_steps"] = DecaySteps,
        ["decay_rate"] = DecayRate,
        ["staircase"] = Staircase,
        ["name"] = Name,
    };
}
