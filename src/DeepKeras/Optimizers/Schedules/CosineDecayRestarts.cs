namespace DeepKeras.Optimizers.Schedules;

/// <summary>
/// Cosine decay with warm restarts, SGDR (Keras <c>CosineDecayRestarts</c>): the first period lasts
/// <c>firstDecaySteps</c>, each next one is <c>tMul</c> times longer and starts from <c>mMul</c> times the previous
/// peak; within a period <c>lr = initial · ((1 − α) · ½ · mMulⁱ · (1 + cos(π · fraction)) + α)</c>.
/// </summary>
public sealed class CosineDecayRestarts : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="initialLearningRate">The learning rate at step 0.</param>
    /// <param name="firstDecaySteps">Positive length of the first period.</param>
    /// <param name="tMul">Period length multiplier (default 2).</param>
    /// <param name="mMul">Peak learning rate multiplier per restart (default 1).</param>
    /// <param name="alpha">Minimum learning rate as a fraction of <paramref name="initialLearningRate"/> (default 0).</param>
    /// <param name="name">Name (default <c>SGDRDecay</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="firstDecaySteps"/> is not positive.</exception>
    public CosineDecayRestarts(double initialLearningRate, double firstDecaySteps, double tMul = 2.0, double mMul = 1.0,
        double alpha = 0.0, string name = "SGDRDecay")
    {
        InitialLearningRate = initialLearningRate;
        FirstDecaySteps = CheckPositive(firstDecaySteps, "first_decay_steps");
        TMul = tMul;
        MMul = mMul;
        Alpha = alpha;
        Name = name;
    }

    /// <summary>Gets the initial learning rate.</summary>
    public double InitialLearningRate { get; }

    /// <summary>Gets the length of the first period.</summary>
    public double FirstDecaySteps { get; }

    /// <summary>Gets the period length multiplier.</summary>
    public double TMul { get; }

    /// <summary>Gets the peak multiplier per restart.</summary>
    public double MMul { get; }

    /// <summary>Gets alpha.</summary>
    public double Alpha { get; }

    /// <summary>Gets the name.</summary>
    public string Name { get; }

    /// <inheritdoc/>
    public override double Call(long step)
    {
        var fraction = step / FirstDecaySteps;
        double restart;
        if (TMul == 1.0)
        {
            restart = Math.Floor(fraction);
            fraction -= restart;
        }
        else
        {
            restart = Math.Floor(Math.Log(1.0 - fraction * (1.0 - TMul)) / Math.Log(TMul));
            var sumR = (1.0 - Math.Pow(TMul, restart)) / (1.0 - TMul);
            fraction = (fraction - sumR) / Math.Pow(TMul, restart);
        }

        var cosine = 0.5 * Math.Pow(MMul, restart) * (1.0 + Math.Cos(Math.PI * fraction));
        return InitialLearningRate * ((1 - Alpha) * cosine + Alpha);
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig() => new()
    {
        ["initial_learning_rate"] = InitialLearningRate,
        ["first_decay_steps"] = FirstDecaySteps,
        ["t_mul"] = TMul,
        ["m_mul"] = MMul,
        ["alpha"] = Alpha,
        ["name"] = Name,
    };
}
