using static TorchSharp.torch;

namespace DeepKeras.Callbacks;

/// <summary>
/// Stops training when a monitored quantity has stopped improving (Keras <c>keras.callbacks.EarlyStopping</c>).
/// At each epoch end the wait counter grows unless the value beats the best by more than <c>minDelta</c> (and the
/// <c>baseline</c>, when given); training stops once it reaches <c>patience</c>. With <c>restoreBestWeights</c> the
/// weights of the best epoch are put back when training ends, whether or not it stopped early.
/// </summary>
/// <example><code>
/// var stop = new EarlyStopping(monitor: "val_loss", patience: 3, restoreBestWeights: true);
/// model.Fit(x, y, epochs: 100, validationSplit: 0.2, callbacks: [stop]);
/// </code></example>
public sealed class EarlyStopping : MonitorCallback
{
    private Tensor[]? _bestWeights;

    /// <summary>Creates the callback.</summary>
    /// <param name="monitor">The log key to watch (default <c>val_loss</c>).</param>
    /// <param name="minDelta">Minimum change that counts as an improvement (default 0).</param>
    /// <param name="patience">Epochs without improvement after which training stops (default 0).</param>
    /// <param name="verbose">1 prints <c>Epoch N: early stopping</c> and the restore message.</param>
    /// <param name="mode"><c>"auto"</c> (default), <c>"min"</c> or <c>"max"</c>.</param>
    /// <param name="baseline">Value the monitored quantity must beat to reset the wait counter; null for none.</param>
    /// <param name="restoreBestWeights">Restore the weights of the best epoch at the end of training.</param>
    /// <param name="startFromEpoch">Epochs to wait before watching (warm-up).</param>
    /// <exception cref="ArgumentException"><paramref name="mode"/> is not auto/min/max.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="patience"/> or <paramref name="startFromEpoch"/> is negative.</exception>
    public EarlyStopping(string monitor = "val_loss", double minDelta = 0, int patience = 0, int verbose = 0, string mode = "auto",
        double? baseline = null, bool restoreBestWeights = false, int startFromEpoch = 0)
        : base(monitor, mode, minDelta)
    {
        if (patience < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(patience), patience, "Expected `patience` >= 0.");
        }

        if (startFromEpoch < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(startFromEpoch), startFromEpoch, "Expected `start_from_epoch` >= 0.");
        }

        Patience = patience;
        Verbose = verbose;
        Baseline = baseline;
        RestoreBestWeights = restoreBestWeights;
        StartFromEpoch = startFromEpoch;
    }

    /// <summary>Gets the patience.</summary>
    public int Patience { get; }

    /// <summary>Gets the verbosity.</summary>
    public int Verbose { get; }

    /// <summary>Gets the baseline, if any.</summary>
    public double? Baseline { get; }

    /// <summary>Gets whether the best weights are restored at the end of training.</summary>
    public bool RestoreBestWeights { get; }

    /// <summary>Gets the number of warm-up epochs.</summary>
    public int StartFromEpoch { get; }

    /// <summary>Gets the number of epochs since the last improvement.</summary>
    public int Wait { get; private set; }

    /// <summary>Gets the 0-based epoch at which training was stopped, or 0 when it was not.</summary>
    public int StoppedEpoch { get; private set; }

    /// <summary>Gets the 0-based epoch with the best monitored value.</summary>
    public int BestEpoch { get; private set; }

    /// <inheritdoc/>
    public override void OnTrainBegin(Logs logs)
    {
        // Instances can be reused across Fit calls.
        Wait = 0;
        StoppedEpoch = 0;
        BestEpoch = 0;
        ResetMonitor();
        DisposeBestWeights();
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, Logs logs)
    {
        if (LowerIsBetter is null)
        {
            SetMonitorOp();
        }

        var current = GetMonitorValue(logs, "Early stopping conditioned on metric");
        if (current is not { } value || epoch < StartFromEpoch)
        {
            return;
        }

        if (RestoreBestWeights && _bestWeights is null)
        {
            // If best weights were never set, the current weights are the best.
            _bestWeights = Snapshot();
            BestEpoch = epoch;
        }

        Wait++;
        if (IsImprovement(value, Best))
        {
            Best = value;
            BestEpoch = epoch;
            if (RestoreBestWeights)
            {
                DisposeBestWeights();
                _bestWeights = Snapshot();
            }

            // Only restart waiting when the value beats both the previous best and the baseline.
            if (Baseline is null || IsImprovement(value, Baseline))
            {
                Wait = 0;
            }

            return;
        }

        if (Wait >= Patience && epoch > 0)
        {
            StoppedEpoch = epoch;
            Model!.StopTraining = true;
        }
    }

    /// <inheritdoc/>
    public override void OnTrainEnd(Logs logs)
    {
        if (StoppedEpoch > 0 && Verbose > 0)
        {
            Console.WriteLine($"Epoch {StoppedEpoch + 1}: early stopping");
        }

        if (RestoreBestWeights && _bestWeights is not null)
        {
            if (Verbose > 0)
            {
                Console.WriteLine($"Restoring model weights from the end of the best epoch: {BestEpoch + 1}.");
            }

            var weights = Model!.Weights;
            for (var i = 0; i < weights.Count; i++)
            {
                weights[i].Assign(_bestWeights[i]);
            }

            DisposeBestWeights();
        }
    }

    // Copies of every weight (Keras get_weights), kept outside the per-batch dispose scopes.
    private Tensor[] Snapshot()
    {
        using var noGrad = no_grad();
        return Model!.Weights.Select(w => w.Value.detach().clone().DetachFromDisposeScope()).ToArray();
    }

    private void DisposeBestWeights()
    {
        if (_bestWeights is null)
        {
            return;
        }

        foreach (var t in _bestWeights)
        {
            t.Dispose();
        }

        _bestWeights = null;
    }
}
