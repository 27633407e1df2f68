namespace DeepKeras.Callbacks;

/// <summary>
/// Sets the learning rate at the start of every epoch from a function of the 0-based epoch and the current rate
/// (Keras <c>keras.callbacks.LearningRateScheduler</c>), and records <c>learning_rate</c> in the epoch logs.
/// </summary>
/// <example><code>
/// var scheduler = new LearningRateScheduler((epoch, lr) => epoch &lt; 10 ? lr : lr * Math.Exp(-0.1));
/// </code></example>
public sealed class LearningRateScheduler : Callback
{
    private readonly Func<int, double, double> _schedule;

    /// <summary>Creates the callback.</summary>
    /// <param name="schedule">Takes the epoch index (from 0) and the current learning rate, returns the new rate.</param>
    /// <param name="verbose">1 prints a message at each epoch.</param>
    public LearningRateScheduler(Func<int, double, double> schedule, int verbose = 0)
    {
        _schedule = schedule ?? throw new ArgumentNullException(nameof(schedule));
        Verbose = verbose;
    }

    /// <summary>Creates the callback from a function of the epoch only (Keras's older form).</summary>
    /// <param name="schedule">Takes the epoch index (from 0), returns the learning rate.</param>
    /// <param name="verbose">1 prints a message at each epoch.</param>
    public LearningRateScheduler(Func<int, double> schedule, int verbose = 0)
        : this(WrapEpochOnly(schedule), verbose)
    {
    }

    /// <summary>Gets the verbosity.</summary>
    public int Verbose { get; }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The model has no optimizer, or it uses a learning-rate schedule.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The function returned a negative or non-finite rate.</exception>
    public override void OnEpochBegin(int epoch, Logs logs)
    {
        var optimizer = Optimizer();
        // Keras hands the schedule, and logs, the optimizer's float32 learning-rate variable read as a float.
        var lr = _schedule(epoch, (float)optimizer.LearningRate);
        optimizer.LearningRate = lr;
        if (Verbose > 0)
        {
            Console.WriteLine($"\nEpoch {epoch + 1}: LearningRateScheduler setting learning rate to {PythonFormat.Float(lr)}.");
        }
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, Logs logs) => logs["learning_rate"] = (float)Optimizer().LearningRate;

    private Optimizers.Optimizer Optimizer() =>
        Model?.Optimizer ?? throw new InvalidOperationException("LearningRateScheduler needs a compiled model with an optimizer.");

    private static Func<int, double, double> WrapEpochOnly(Func<int, double> schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return (epoch, _) => schedule(epoch);
    }
}
