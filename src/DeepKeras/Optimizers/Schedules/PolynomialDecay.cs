namespace DeepKeras.Optimizers.Schedules;

/// <summary>
/// Polynomial decay (Keras <c>PolynomialDecay</c>):
/// <c>lr(step) = (initial − end) · (1 − min(step, decaySteps) / decaySteps)^power + end</c>. With <c>cycle</c>,
/// <c>decaySteps</c> is multiplied by <c>ceil(step / decaySteps)</c> (1 at step 0) instead of clamping the step.
/// </summary>
public sealed class PolynomialDecay : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="initialLearningRate">The learning rate at step 0.</param>
    /// <param name="decaySteps">Positive number of steps to decay over.</param>
    /// <param name="endLearningRate">The final learning rate (default 1e-4).</param>
    /// <param name="power">The polynomial power (default 1, linear).</param>
    /// <param name="cycle">Restart the decay after <paramref name="decaySteps"/>.</param>
    /// <param name="name">Name (default <c>PolynomialDecay</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="decaySteps"/> is not positive.</exception>
    public PolynomialDecay(double initialLearningRate, double decaySteps, double endLearningRate = 0.0001, double power = 1.0,
        bool cycle = false, string name = "PolynomialDecay")
    {
        InitialLearningRate = initialLearningRate;
        DecaySteps = CheckPositive(decaySteps, "decay_steps");
        EndLearningRate = endLearningRate;
        Power = power;
        Cycle = cycle;
        Name = name;
    }

    /// <summary>Gets the initial learning rate.</summary>
    public double InitialLearningRate { get; }

    /// <summary>Gets the decay steps.</summary>
    public double DecaySteps { get; }

    /// <summary>Gets the final learning rate.</summary>
    public double EndLearningRate { get; }

    /// <summary>Gets the power.</summary>
    public double Power { get; }

    /// <summary>Gets whether the decay restarts.</summary>
    public bool Cycle { get; }

    /// <summary>Gets the name.</summary>
    public string Name { get; }

    /// <inheritdoc/>
    public override double Call(long step)
    {
        double s = step;
        var decaySteps = DecaySteps;
        if (Cycle)
        {
            decaySteps *= s == 0 ? 1.0 : Math.Ceiling(s / DecaySteps);
        }
        else
        {
            s = Math.Min(s, decaySteps);
        }

        var p = s / decaySteps;
        return (InitialLearningRate - EndLearningRate) * Math.Pow(1 - p, Power) + EndLearningRate;
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig() => new()
    {
        ["initial_learning_rate"] = InitialLearningRate,
        ["decay_steps"] = DecaySteps,
        ["end_learning_rate"] = EndLearningRate,
        ["power"] = Power,
        ["cycle"] = Cycle,
        ["name"] = Name,
    };
}
