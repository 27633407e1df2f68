using DeepKeras.Engine;

namespace DeepKeras.Callbacks;

/// <summary>
/// Base of callbacks that watch one logged quantity (Keras <c>MonitorCallback</c>): <see cref="EarlyStopping"/>,
/// <see cref="ReduceLROnPlateau"/>. Mode <c>"min"</c> wants it lower, <c>"max"</c> higher, <c>"auto"</c> decides from
/// the name: losses and errors down, accuracy-like metrics (accuracy, AUC, precision, recall, IoU, …) up.
/// </summary>
public abstract class MonitorCallback : Callback
{
    private static readonly string[] UpMetrics =
    [
        "accuracy", "auc", "precision", "recall", "iou", "f1_score", "fbeta_score", "r2_score", "cosine_similarity",
        "true_positives", "true_negatives", "specificity", "sensitivity",
    ];

    private static readonly string[] DownMetrics =
    [
        "loss", "error", "crossentropy", "hinge", "divergence", "poisson", "log_cosh", "false_positives", "false_negatives",
    ];

    private bool? _lowerIsBetter;
    private double _minDelta;
    private bool _warned;

    /// <summary>Initializes the callback.</summary>
    /// <param name="monitor">The log key to watch, e.g. <c>val_loss</c>.</param>
    /// <param name="mode"><c>"auto"</c>, <c>"min"</c> or <c>"max"</c>.</param>
    /// <param name="minDelta">The smallest change that counts as an improvement (its absolute value is used).</param>
    /// <exception cref="ArgumentException"><paramref name="mode"/> is not auto/min/max.</exception>
    protected MonitorCallback(string monitor, string mode, double minDelta)
    {
        if (mode is not ("auto" or "min" or "max"))
        {
            throw new ArgumentException(
                $"{GetType().Name} mode '{mode}' is unknown. Expected one of 'auto', 'min', 'max'.", nameof(mode));
        }

        Monitor = monitor ?? throw new ArgumentNullException(nameof(monitor));
        Mode = mode;
        MinDelta = Math.Abs(minDelta);
    }

    /// <summary>Gets the watched log key.</summary>
    public string Monitor { get; }

    /// <summary>Gets the mode: auto, min or max.</summary>
    public string Mode { get; }

    /// <summary>Gets the minimum change that counts as an improvement (non-negative).</summary>
    public double MinDelta { get; }

    /// <summary>Gets the best value seen so far in this training run, or null before the first.</summary>
    public double? Best { get; protected set; }

    /// <summary>Gets whether lower values are better, once resolved at the first epoch end (null before).</summary>
    protected bool? LowerIsBetter => _lowerIsBetter;

    /// <summary>Resolves the direction (Keras <c>_set_monitor_op</c>); called lazily at the first epoch end.</summary>
    /// <exception cref="InvalidOperationException">Mode auto and the direction of the metric cannot be determined.</exception>
    protected void SetMonitorOp()
    {
        _lowerIsBetter = Mode switch
        {
            "min" => true,
            "max" => false,
            _ => AutoDirection(),
        };
        _minDelta = _lowerIsBetter.Value ? -MinDelta : MinDelta;
    }

    /// <summary>Whether <paramref name="value"/> beats <paramref name="reference"/> by more than <see cref="MinDelta"/> (always true without a reference).</summary>
    /// <param name="value">The new value.</param>
    /// <param name="reference">The value to beat, or null.</param>
    protected bool IsImprovement(double value, double? reference)
    {
        if (reference is not { } r)
        {
            return true;
        }

        if (_lowerIsBetter is null)
        {
            SetMonitorOp();
        }

        return _lowerIsBetter!.Value ? value - _minDelta < r : value - _minDelta > r;
    }

    /// <summary>Reads the monitored value from the logs; warns (once per run) on standard error when it is missing.</summary>
    /// <param name="logs">The epoch logs.</param>
    /// <param name="what">The start of the warning, e.g. <c>Early stopping conditioned on metric</c>.</param>
    protected double? GetMonitorValue(Logs logs, string what)
    {
        if (logs.TryGetValue(Monitor, out var v))
        {
            return v;
        }

        if (!_warned)
        {
            _warned = true;
            Console.Error.WriteLine(
                $"UserWarning: {what} `{Monitor}` which is not available. Available metrics are: {string.Join(",", logs.Keys)}");
        }

        return null;
    }

    /// <summary>Resets the per-run state: the best value and the missing-metric warning.</summary>
    protected void ResetMonitor()
    {
        Best = null;
        _warned = false;
    }

    private bool AutoDirection()
    {
        var name = Monitor.StartsWith("val_", StringComparison.Ordinal) ? Monitor[4..] : Monitor;
        if (name == "loss" || name.EndsWith("_loss", StringComparison.Ordinal))
        {
            return true;
        }

        var metric = Model?.Metrics.FirstOrDefault(m => m.Name == name);
        if (metric is not null)
        {
            var text = $"{NameScope.ToSnakeCase(metric.GetType().Name)} {name}";
            if (UpMetrics.Any(text.Contains) || name is "acc")
            {
                return false;
            }

            if (DownMetrics.Any(text.Contains) || name is "mse" or "mae" or "mape" or "msle")
            {
                return true;
            }
        }

        throw new InvalidOperationException(
            $"{GetType().Name} callback received monitor={Monitor}, but Keras isn't able to automatically determine whether " +
            "that metric should be maximized or minimized. Pass `mode='max'` in order to monitor based on the highest metric " +
            "value, or pass `mode='min'` in order to use the lowest value.");
    }
}
