namespace DeepKeras.Callbacks;

/// <summary>
/// Reduces the learning rate when a monitored quantity has stopped improving (Keras
/// <c>keras.callbacks.ReduceLROnPlateau</c>): after <c>patience</c> epochs without an improvement larger than
/// <c>minDelta</c>, <c>lr ← max(lr · factor, minLr)</c>, then waits <c>cooldown</c> epochs before counting again.
/// Each epoch's logs get the current <c>learning_rate</c> (before any reduction, read as float32 as Keras does), after
/// the model's results, so it appears last in the printed line and in History.
/// </summary>
public sealed class ReduceLROnPlateau : MonitorCallback
{
    private int _cooldownCounter;

    /// <summary>Creates the callback.</summary>
    /// <param name="monitor">The log key to watch (default <c>val_loss</c>).</param>
    /// <param name="factor">Factor in [0, 1) applied to the learning rate (default 0.1).</param>
    /// <param name="patience">Epochs without improvement before reducing (default 10).</param>
    /// <param name="verbose">1 prints a message at each reduction.</param>
    /// <param name="mode"><c>"auto"</c> (default), <c>"min"</c> or <c>"max"</c>.</param>
    /// <param name="minDelta">Minimum change that counts as an improvement (default 1e-4).</param>
    /// <param name="cooldown">Epochs to wait after a reduction before resuming normal operation (default 0).</param>
    /// <param name="minLr">Lower bound on the learning rate (default 0).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="factor"/> is not below 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="mode"/> is not auto/min/max.</exception>
    public ReduceLROnPlateau(string monitor = "val_loss", double factor = 0.1, int patience = 10, int verbose = 0,
        string mode = "auto", double minDelta = 1e-4, int cooldown = 0, double minLr = 0.0)
        : base(monitor, mode, minDelta)
    {
        if (!(factor < 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor,
                $"ReduceLROnPlateau does not support a factor >= 1.0. Received factor={PythonFormat.Float(factor)}");
        }

        Factor = factor;
        Patience = patience;
        Verbose = verbose;
        Cooldown = cooldown;
        MinLr = minLr;
    }

    /// <summary>Gets the reduction factor.</summary>
    public double Factor { get; }

    /// <summary>Gets the patience.</summary>
    public int Patience { get; }

    /// <summary>Gets the verbosity.</summary>
    public int Verbose { get; }

    /// <summary>Gets the cooldown.</summary>
    public int Cooldown { get; }

    /// <summary>Gets the minimum learning rate.</summary>
    public double MinLr { get; }

    /// <summary>Gets the number of epochs since the last improvement.</summary>
    public int Wait { get; private set; }

    /// <summary>Gets whether a cooldown is running.</summary>
    public bool InCooldown => _cooldownCounter > 0;

    /// <inheritdoc/>
    public override void OnTrainBegin(Logs logs)
    {
        ResetMonitor();
        _cooldownCounter = 0;
        Wait = 0;
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, Logs logs)
    {
        if (LowerIsBetter is null)
        {
            SetMonitorOp();
        }

        var optimizer = Model?.Optimizer ?? throw new InvalidOperationException("ReduceLROnPlateau needs a compiled model with an optimizer.");
        // Keras reads the learning rate from its float32 variable: 0.0010000000474974513, printed 0.0010.
        logs["learning_rate"] = (float)optimizer.LearningRate;
        if (GetMonitorValue(logs, "Learning rate reduction is conditioned on metric") is not { } current)
        {
            return;
        }

        if (InCooldown)
        {
            _cooldownCounter--;
            Wait = 0;
        }

        if (IsImprovement(current, Best))
        {
            Best = current;
            Wait = 0;
        }
        else if (!InCooldown)
        {
            Wait++;
            if (Wait >= Patience && Reduce(optimizer, epoch))
            {
                _cooldownCounter = Cooldown;
                Wait = 0;
            }
        }
    }

    private bool Reduce(Optimizers.Optimizer optimizer, int epoch)
    {
        var oldLr = (double)(float)optimizer.LearningRate;
        if (!(oldLr > (float)MinLr))
        {
            return false;
        }

        var newLr = Math.Max(oldLr * Factor, MinLr);
        optimizer.LearningRate = newLr;
        if (Verbose > 0)
        {
            Console.WriteLine($"\nEpoch {epoch + 1}: ReduceLROnPlateau reducing learning rate to {PythonFormat.Float(newLr)}.");
        }

        return true;
    }
}
