using System.Diagnostics;
using DeepKeras.Callbacks;

namespace DeepKeras.Examples;

/// <summary>A callback that adds up the time spent in <c>Fit</c>: the <c>train_seconds</c> of the RESULT line.</summary>
internal sealed class TrainingClock : Callback
{
    private readonly Stopwatch _watch = new();

    /// <summary>Gets the seconds spent in every <c>Fit</c> this callback was given to.</summary>
    public double Seconds => _watch.Elapsed.TotalSeconds;

    /// <inheritdoc/>
    public override void OnTrainBegin(Logs logs) => _watch.Start();

    /// <inheritdoc/>
    public override void OnTrainEnd(Logs logs) => _watch.Stop();
}
