using DeepKeras.Distribution;

namespace DeepKeras.Callbacks;

/// <summary>
/// Marks a callback whose effects lie outside the training — files, console output, logs for other tools — so that,
/// under data-parallel training (<see cref="DataParallel"/> in a job of several processes), only process 0 runs it.
/// Progress output, <see cref="ModelCheckpoint"/>, <see cref="CSVLogger"/> and <see cref="BackupAndRestore"/> carry it;
/// put it on your own callbacks that write files. Callbacks without it run on every process, where they see the same
/// (all-process) logs and so decide the same (<see cref="EarlyStopping"/>, <see cref="ReduceLROnPlateau"/>). A callback
/// marked with it must not call collective methods such as <c>Evaluate</c>, which the other processes would not join.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true, AllowMultiple = false)]
public sealed class RankZeroOnlyAttribute : Attribute
{
    /// <summary>Returns whether <paramref name="callback"/> runs on this process.</summary>
    /// <param name="callback">The callback.</param>
    internal static bool RunsHere(Callback callback) =>
        DataParallelTraining.Communicator is not { Rank: > 0 } || !callback.GetType().IsDefined(typeof(RankZeroOnlyAttribute), inherit: true);
}
