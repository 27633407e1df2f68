namespace DeepKeras.Optimizers.Schedules;

/// <summary>
/// A learning rate that changes with the optimizer step (Keras
/// <c>keras.optimizers.schedules.LearningRateSchedule</c>). Pass one instead of a number as an optimizer's
/// <c>learningRate</c>: the optimizer calls <see cref="Call"/> with its <c>Iterations</c> (0-based) before each update.
/// </summary>
public abstract class LearningRateSchedule
{
    /// <summary>Returns the learning rate for a step.</summary>
    /// <param name="step">The 0-based optimizer step (<c>optimizer.Iterations</c>).</param>
    public abstract double Call(long step);

    /// <summary>Returns the Keras config (constructor arguments under snake_case keys).</summary>
    public abstract Dictionary<string, object?> GetConfig();

    /// <summary>Gets the Keras class name used in configs.</summary>
    public virtual string ClassName => GetType().Name;

    /// <summary>Checks that a step count is positive (Keras's <c>decay_steps</c> check).</summary>
    /// <param name="value">The value.</param>
    /// <param name="name">The Keras argument name.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Not positive.</exception>
    protected static double CheckPositive(double value, string name) => value > 0
        ? value
        : throw new ArgumentOutOfRangeException(name, value, $"Argument `{name}` must be > 0. Received: {name}={value}");

    /// <inheritdoc/>
    public override string ToString() =>
        $"<{ClassName} {string.Join(", ", GetConfig().Select(kv => $"{kv.Key}={kv.Value}"))}>";
}
