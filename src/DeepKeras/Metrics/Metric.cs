using DeepKeras.Initializers;
using static TorchSharp.torch;

namespace DeepKeras.Metrics;

/// <summary>
/// A stateful metric (Keras <c>keras.metrics.Metric</c>): <see cref="UpdateState"/> accumulates batches,
/// <see cref="Result"/> reads the value, <see cref="ResetState"/> clears it (done by <c>Fit</c> at each epoch start).
/// </summary>
/// <remarks>
/// Keep the state of a custom metric in variables from <see cref="AddVariable"/> and update them with
/// <see cref="Variable.AssignAdd(Tensor)"/>: they belong to no dispose scope, so they survive the per-batch scopes of
/// <c>Fit</c>. (A tensor moved to the outer scope from inside <see cref="UpdateState"/> lands in <c>Fit</c>'s per-batch
/// scope and is freed when the batch ends.) <c>Dispose()</c> frees the variables.
/// </remarks>
/// <example><code>
/// public sealed class CategoricalTruePositives : Metric
/// {
///     private readonly Variable _truePositives;
///     public CategoricalTruePositives() : base("categorical_true_positives") =>
///         _truePositives = AddVariable(new Shape(), "zeros", name: "ctp");
///     public override void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null) =>
///         _truePositives.AssignAdd(yPred.argmax(-1).eq(yTrue.flatten()).sum());
///     public override double Result() => _truePositives.Value.item&lt;float&gt;();
/// }
/// </code></example>
public abstract class Metric : Backend.NativeOwner
{
    private static readonly string[] Aggregations = ["none", "mean", "sum", "only_first_replica"];
    private readonly List<Variable> _variables = [];

    /// <summary>Initializes the metric.</summary>
    /// <param name="name">The name shown in the progress bar and History.</param>
    protected Metric(string name) => Name = name;

    /// <summary>Gets or sets the name shown in logs (Keras uses the string given to <c>Compile</c>).</summary>
    public string Name { get; set; }

    /// <summary>Gets the identifier the metric was resolved from (<c>"mae"</c>), saved as is in a model's compile config.</summary>
    internal string? Identifier { get; set; }

    /// <summary>Gets the name the metric had when first compiled, before a model prefixed it with an output name (<c>mae</c> of <c>priority_mae</c>).</summary>
    internal string? CompiledName { get; set; }

    /// <summary>Gets the state variables created with <see cref="AddVariable"/>, in creation order (Keras <c>metric.variables</c>).</summary>
    public IReadOnlyList<Variable> Variables => _variables;

    /// <summary>Accumulates one batch.</summary>
    /// <param name="yTrue">Targets.</param>
    /// <param name="yPred">Predictions.</param>
    /// <param name="sampleWeight">Optional per-sample weights.</param>
    public abstract void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null);

    /// <summary>Returns the current value.</summary>
    public abstract double Result();

    /// <summary>Clears the state. The default sets every variable from <see cref="AddVariable"/> to zeros, as Keras's <c>reset_state</c> does.</summary>
    public virtual void ResetState()
    {
        using var noGrad = no_grad();
        foreach (var v in _variables)
        {
            v.Value.zero_();
        }
    }

    /// <summary>
    /// Creates a state variable (Keras <c>add_variable</c>), e.g. a running count. It lives outside every dispose scope
    /// until the metric is disposed, is not trained, and is listed in <see cref="Variables"/>. Call it from the constructor.
    /// </summary>
    /// <param name="shape">The shape; <c>new Shape()</c> for a scalar.</param>
    /// <param name="initializer">The starting value (instance or name, e.g. <c>"zeros"</c>).</param>
    /// <param name="dtype">A Keras dtype name; default <c>float32</c>.</param>
    /// <param name="aggregation">How replicas would combine it: <c>sum</c> (default), <c>mean</c>, <c>none</c> or <c>only_first_replica</c>.</param>
    /// <param name="name">The variable's name; default <c>variable</c>.</param>
    /// <returns>The variable.</returns>
    /// <exception cref="ArgumentException">Unknown dtype or aggregation.</exception>
    /// <exception cref="ObjectDisposedException">The metric was disposed.</exception>
    protected Variable AddVariable(Shape shape, Initializer initializer, string? dtype = null, string aggregation = "sum", string? name = null)
    {
        ArgumentNullException.ThrowIfNull(initializer);
        ThrowIfDisposed();
        var type = Backend.DTypes.Parse(dtype ?? "float32", nameof(dtype));
        if (!Aggregations.Contains(aggregation))
        {
            throw new ArgumentException(
                $"Invalid value for argument `aggregation` of metric \"{Name}\": '{aggregation}'. Expected one of {string.Join(", ", Aggregations)}.",
                nameof(aggregation));
        }

        Keras.Backend.EnsureInitialized();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var value = initializer.Call(shape.ToLongArray()).to(type);
        name ??= "variable";
        var variable = new Variable(name, $"{Name}/{name}", value, trainable: false) { Aggregation = aggregation };
        _variables.Add(variable);
        return variable;
    }

    /// <summary>Creates a state variable; the same as <see cref="AddVariable"/> (Keras <c>add_weight</c>).</summary>
    /// <param name="shape">The shape; <c>new Shape()</c> for a scalar.</param>
    /// <param name="initializer">The starting value.</param>
    /// <param name="dtype">A Keras dtype name; default <c>float32</c>.</param>
    /// <param name="aggregation">How replicas would combine it; default <c>sum</c>.</param>
    /// <param name="name">The variable's name.</param>
    /// <returns>The variable.</returns>
    protected Variable AddWeight(Shape shape, Initializer initializer, string? dtype = null, string aggregation = "sum", string? name = null) =>
        AddVariable(shape, initializer, dtype, aggregation, name);

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
    /// Frees the metric's state (as <see cref="ResetState"/> frees the tensors of the built-in metrics) and its variables;
    /// override to free more, and call the base.
    /// </summary>
    /// <param name="disposing">True from <see cref="Backend.NativeOwner.Dispose()"/>.</param>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            ResetState();
            InnerMetric?.Dispose();
            foreach (var v in _variables)
            {
                v.Dispose();
            }
        }
    }

    /// <summary>Gets a metric this one delegates its state to (disposed with it), if any.</summary>
    private protected virtual Metric? InnerMetric => null;

    /// <inheritdoc/>
    private protected override string DisposedName => $"Metric \"{Name}\" ({GetType().Name})";

    /// <inheritdoc/>
    private protected override string DisposedAdvice => "create a new one.";

    /// <summary>
    /// Resolves a metric name: <c>"accuracy"</c>/<c>"acc"</c> (picked from the data, as Keras does), <c>"mae"</c>,
    /// <c>"mse"</c>, class-style names such as <c>"categorical_accuracy"</c>.
    /// </summary>
    public static implicit operator Metric(string identifier) => Metrics.Get(identifier);

    /// <inheritdoc/>
    public override string ToString() => $"<{GetType().Name} name={Name}>";
}
