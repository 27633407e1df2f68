namespace DeepKeras.Callbacks;

/// <summary>
/// Records the logs of every epoch (Keras <c>History</c>, returned by <c>Fit</c>):
/// <c>history.HistoryData["val_loss"]</c> is the list of validation losses.
/// </summary>
public sealed class History : Callback
{
    /// <summary>Gets the recorded values: metric name → one value per epoch.</summary>
    public Dictionary<string, List<double>> HistoryData { get; } = new();

    /// <summary>Gets the 0-based indices of the recorded epochs.</summary>
    public List<int> Epoch { get; } = [];

    /// <summary>Gets the list of values recorded for a metric.</summary>
    /// <param name="key">e.g. <c>loss</c> or <c>val_accuracy</c>.</param>
    /// <exception cref="KeyNotFoundException">The metric was not recorded; the message lists the recorded ones.</exception>
    public IReadOnlyList<double> this[string key] => HistoryData.TryGetValue(key, out var v)
        ? v
        : throw new KeyNotFoundException($"History has no '{key}'. Recorded: {string.Join(", ", HistoryData.Keys)}.");

    /// <inheritdoc/>
    public override void OnTrainBegin(Logs logs) => Epoch.Clear();

    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, Logs logs)
    {
        Epoch.Add(epoch);
        foreach (var (k, v) in logs.InKerasOrder(Model))
        {
            if (!HistoryData.TryGetValue(k, out var list))
            {
                HistoryData[k] = list = [];
            }

            list.Add(v);
        }
    }
}
