namespace DeepKeras.Optimizers.Schedules;

/// <summary>
/// Inverse time decay (Keras <c>InverseTimeDecay</c>):
/// <c>lr(step) = initialLearningRate / (1 + decayRate · step / decaySteps)</c>, with <c>step / decaySteps</c>
/// floored when <c>staircase</c> is true.
/// </summary>
public sealed class InverseTimeDecay : StepRateDecay
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
        : base(initialLearningRate, decaySteps, decayRate, staircase, name)
    {
    }

    /// <inheritdoc/>
    private protected override double Decay(double periods) => InitialLearningRate / (1 + DecayRate * periods);
}
