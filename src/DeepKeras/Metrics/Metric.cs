using static TorchSharp.torch;

namespace DeepKeras.Metrics;

/// <summary>
/// A stateful metric (Keras <c>keras.metrics.Metric</c>): <see cref="UpdateState"/> accumulates batches,
/// <see cref="Result"/> reads the value, <see cref="ResetState"/> clears it (done by <c>Fit</c> at each epoch start).
/// </summary>
public abstract class Metric
{
    /// <summary>Initializes the metric.</summary>
    /// <param name="name">The name shown in the progress bar and History.</param>
    protected Metric(string name) => Name = name;

    /// <summary>Gets or sets the name shown in logs (Keras uses the string given to <c>Compile</c>).</summary>
    public string Name { get; set; }

    /// <summary>Gets the identifier the metric was resolved from (<c>"mae"</c>), saved as is in a model's compile config.</summary>
    internal string? Identifier { get; set; }

    /// <summary>Accumulates one batch.</summary>
    /// <param name="yTrue">Targets.</param>
    /// <param name="yPred">Predictions.</param>
    /// <param name="sampleWeight">Optional per-sample weights.</param>
    public abstract void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null);

    /// <summary>Returns the current value.</summary>
    public abstract double Result();

    /// <summary>Clears the state.</summary>
    public abstract void ResetState();

    /// <summary>
    /// Gets the tensors that hold the metric's accumulated state (Keras <c>metric.variables</c>) when every one of them is
    /// a sum over samples, such as a weighted total and count or confusion counts; empty before the first update. Under
    /// data-parallel training the processes add up these tensors after every step, so <see cref="Result"/> is that of all
    /// processes' samples. Null (the default) marks a state that cannot be summed: the metric's value in the logs is then
    /// the mean of the processes' own values.
    /// </summary>
    protected internal virtual IReadOnlyList<Tensor>? SummableState => null;

    /// <summary>Returns the Keras config.</summary>
    public virtual Dictionary<string, object?> GetConfig() => new() { ["name"] = Name, ["dtype"] = "float32" };

    /// <summary>
    /// Resolves a metric name: <c>"accuracy"</c>/<c>"acc"</c> (picked from the data, as Keras does), <c>"mae"</c>,
    /// <c>"mse"</c>, class-style names such as <c>"categorical_accuracy"</c>.
    /// </summary>
    public static implicit operator Metric(string identifier) => Metrics.Get(identifier);

    /// <inheritdoc/>
    public override string ToString() => $"<{GetType().Name} name={Name}>";
}
