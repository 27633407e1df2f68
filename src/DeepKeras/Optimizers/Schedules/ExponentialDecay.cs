namespace DeepKeras.Optimizers.Schedules;

/// <summary>
/// Exponential decay (Keras <c>ExponentialDecay</c>):
/// <c>lr(step) = initialLearningRate · decayRate^(step / decaySteps)</c>, with the exponent floored when
/// <c>staircase</c> is true.
/// </summary>
public sealed class ExponentialDecay : StepRateDecay
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
        : base(initialLearningRate, decaySteps, decayRate, staircase, name)
    {
    }

    /// <inheritdoc/>
    private protected override double Decay(double periods) => InitialLearningRate * Math.Pow(DecayRate, periods);
}
