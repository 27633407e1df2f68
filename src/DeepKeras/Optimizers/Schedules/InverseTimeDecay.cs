namespace DeepKeras.Optimizers.Schedules;

/// <summary>
/// Inverse time decay (Keras <c>InverseTimeDecay</c>):
/// <c>lr(step) = initialLearningRate / (1 + decayRate · step / decaySteps)</c>, with <c>step / decaySteps</c>
/// floored when <c>staircase</c> is true.
/// </summary>
public sealed class InverseTimeDecay : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="initialLearningRate">The learning rate at step 0.</param>
    /// <param name="decaySteps">Positive number of steps per decay period.</param>
    /// <param name="decayRate">The decay rate.</param>
    /// <param name="staircase">Decay in discrete intervals.</param>
    /// <param name="name">Name (default <c>InverseTimeDecay</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="decaySteps"/> is not positive.</exception>
    public InverseTimeDecay(double initialLearningRate, double decaySteps, double decayRate, bool staircase = false,
        string name = "InverseTimeDecay")
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

    /// <summary>Gets whether the decay is stepwise.</summary>
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

        return InitialLearningRate / (1 + DecayRate * p);
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
