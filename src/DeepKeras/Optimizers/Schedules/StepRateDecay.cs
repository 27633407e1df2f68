namespace DeepKeras.Optimizers.Schedules;

/// <summary>
/// Base of <see cref="ExponentialDecay"/> and <see cref="InverseTimeDecay"/>: both decay the initial learning rate
/// by a function of <c>step / decaySteps</c> (floored when <see cref="Staircase"/> is true) and <see cref="DecayRate"/>,
/// and share Keras's arguments and config keys.
/// </summary>
public abstract class StepRateDecay : LearningRateSchedule
{
    private protected StepRateDecay(double initialLearningRate, double decaySteps, double decayRate, bool staircase,
        string name)
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

    /// <summary>Gets whether the decay is stepwise (<c>step / decaySteps</c> floored).</summary>
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

        return Decay(p);
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

    /// <summary>Returns the learning rate after <paramref name="periods"/> decay periods (possibly fractional).</summary>
    private protected abstract double Decay(double periods);
}
