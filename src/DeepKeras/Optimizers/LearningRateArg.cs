using DeepKeras.Optimizers.Schedules;

namespace DeepKeras.Optimizers;

/// <summary>
/// An optimizer's <c>learningRate</c> argument: a number or a <see cref="LearningRateSchedule"/>, as Keras accepts
/// either (<c>new Adam(0.01)</c>, <c>new SGD(new ExponentialDecay(0.1, 1000, 0.96))</c>). Converted implicitly.
/// </summary>
public readonly struct LearningRateArg
{
    private LearningRateArg(double? value, LearningRateSchedule? schedule)
    {
        Value = value;
        Schedule = schedule;
    }

    /// <summary>Gets the constant learning rate, or null when a schedule is given.</summary>
    public double? Value { get; }

    /// <summary>Gets the schedule, or null for a constant learning rate.</summary>
    public LearningRateSchedule? Schedule { get; }

    /// <summary>A constant learning rate.</summary>
    /// <param name="value">The learning rate.</param>
    public static implicit operator LearningRateArg(double value) => new(value, null);

    /// <summary>A learning rate that follows a schedule.</summary>
    /// <param name="schedule">The schedule.</param>
    public static implicit operator LearningRateArg(LearningRateSchedule schedule) =>
        new(null, schedule ?? throw new ArgumentNullException(nameof(schedule)));

    /// <inheritdoc/>
    public override string ToString() => Schedule?.ToString() ?? Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
