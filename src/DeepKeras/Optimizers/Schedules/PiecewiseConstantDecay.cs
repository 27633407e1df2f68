namespace DeepKeras.Optimizers.Schedules;

/// <summary>
/// Piecewise constant learning rate (Keras <c>PiecewiseConstantDecay</c>): <c>values[0]</c> while
/// <c>step ≤ boundaries[0]</c>, <c>values[i]</c> while <c>boundaries[i−1] &lt; step ≤ boundaries[i]</c>, and
/// <c>values[^1]</c> after the last boundary.
/// </summary>
public sealed class PiecewiseConstantDecay : LearningRateSchedule
{
    private readonly double[] _boundaries;
    private readonly double[] _values;

    /// <summary>Creates the schedule.</summary>
    /// <param name="boundaries">Increasing step boundaries.</param>
    /// <param name="values">The learning rates: one more than <paramref name="boundaries"/>.</param>
    /// <param name="name">Name (default <c>PiecewiseConstant</c>).</param>
    /// <exception cref="ArgumentException">The lengths do not match.</exception>
    public PiecewiseConstantDecay(IReadOnlyList<double> boundaries, IReadOnlyList<double> values, string name = "PiecewiseConstant")
    {
        ArgumentNullException.ThrowIfNull(boundaries);
        ArgumentNullException.ThrowIfNull(values);
        if (boundaries.Count != values.Count - 1)
        {
            throw new ArgumentException(
                "The length of boundaries should be 1 less than the length of values. " +
                $"Received: boundaries=[{string.Join(", ", boundaries)}] of length {boundaries.Count}, " +
                $"and values=[{string.Join(", ", values)}] of length {values.Count}.", nameof(values));
        }

        _boundaries = boundaries.ToArray();
        _values = values.ToArray();
        Name = name;
    }

    /// <summary>Gets the step boundaries.</summary>
    public IReadOnlyList<double> Boundaries => _boundaries;

    /// <summary>Gets the learning rates.</summary>
    public IReadOnlyList<double> Values => _values;

    /// <summary>Gets the name.</summary>
    public string Name { get; }

    /// <inheritdoc/>
    public override double Call(long step)
    {
        for (var i = 0; i < _boundaries.Length; i++)
        {
            if (step <= _boundaries[i])
            {
                return _values[i];
            }
        }

        return _values[^1];
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig() => new()
    {
        ["boundaries"] = _boundaries.ToArray(),
        ["values"] = _values.ToArray(),
        ["name"] = Name,
    };
}
