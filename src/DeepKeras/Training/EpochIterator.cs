namespace DeepKeras.Training;

/// <summary>
/// The one batch loop of <c>Fit</c>, <c>Evaluate</c>, <c>Predict</c> and the <c>*OnBatch</c> methods (Keras's
/// <c>EpochIterator</c>): one pass over a data adapter, at most <see cref="Steps"/> batches when a limit was given.
/// </summary>
/// <remarks>
/// The adapter's enumerator advances outside the step's dispose scope, so a user's sequence may allocate state that
/// outlives the step; the tensors the adapter created for the batch are attached to the step's scope
/// (<see cref="DataAdapter.StepScope"/>) and freed when the step ends.
/// </remarks>
/// <param name="data">The batches.</param>
/// <param name="steps">The most batches a pass runs (<c>steps_per_epoch</c>, <c>validation_steps</c>, <c>steps</c>), or null for all.</param>
internal sealed class EpochIterator(DataAdapter data, int? steps)
{
    /// <summary>Gets the number of steps of a pass: the limit when one was given, else the adapter's count, if known.</summary>
    public int? Steps => steps ?? data.Steps;

    /// <summary>
    /// Runs <paramref name="step"/> on every batch of one pass, each in its own dispose scope, and returns the number of
    /// steps run. Before each step, <paramref name="stop"/> (when given) may end the pass; it is asked before the step
    /// limit is checked, so that processes of a distributed job ask it equally often.
    /// </summary>
    /// <param name="shuffle">Whether the adapter shuffles this pass.</param>
    /// <param name="step">The step: its index in the pass and the batch on the device.</param>
    /// <param name="stop">Asked before every step; true ends the pass.</param>
    public int Run(bool shuffle, Action<int, Batch> step, Func<bool>? stop = null)
    {
        var done = 0;
        using var e = data.Epoch(shuffle).GetEnumerator();
        while (!(stop?.Invoke() ?? false) && (steps is null || done < steps))
        {
            if (!e.MoveNext())
            {
                break;
            }

            using var scope = DataAdapter.StepScope(e.Current);
            step(done, e.Current);
            done++;
        }

        return done;
    }
}
