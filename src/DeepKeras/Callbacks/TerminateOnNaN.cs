namespace DeepKeras.Callbacks;

/// <summary>
/// Stops training when a batch's loss is NaN or infinite (Keras <c>keras.callbacks.TerminateOnNaN</c>): prints
/// <c>Batch N: Invalid loss, terminating training</c> and sets <c>Model.StopTraining</c>, so the epoch ends and the
/// other callbacks' end events still run; with <c>raiseError</c> it throws instead.
/// </summary>
/// <param name="raiseError">Throw at once instead of stopping gracefully.</param>
public sealed class TerminateOnNaN(bool raiseError = false) : Callback
{
    /// <summary>Gets whether an exception is thrown instead of stopping gracefully.</summary>
    public bool RaiseError { get; } = raiseError;

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The loss is NaN or infinite and <see cref="RaiseError"/> is set.</exception>
    public override void OnTrainBatchEnd(int batch, Logs logs)
    {
        if (!logs.TryGetValue("loss", out var loss) || double.IsFinite(loss))
        {
            return;
        }

        if (RaiseError)
        {
            throw new InvalidOperationException(
                $"NaN or Inf loss encountered at batch {batch}. Loss value: {PythonFormat.Float(loss)}. Terminating training immediately.");
        }

        Console.WriteLine($"Batch {batch}: Invalid loss, terminating training");
        Model!.StopTraining = true;
    }
}
