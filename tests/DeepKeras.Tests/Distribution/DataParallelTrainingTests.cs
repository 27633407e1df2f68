using DeepKeras.Tests.Saving;
using DeepKeras.Tests.TestUtil;
using static DeepKeras.Tests.Distribution.DistributedRun;

namespace DeepKeras.Tests.Distribution;

/// <summary>
/// Data-parallel training across real processes: tests/DeepKeras.DistributedCheck runs under <c>mpiexec -n 2</c> and as
/// one process with the same global batches, and both must end with the same weights and History. The model has no
/// dropout; every process initializes it with a different seed, so the runs only agree when process 0's weights are
/// broadcast.
/// </summary>
public class DataParallelTrainingTests
{
    private static readonly Dictionary<string, int> BatchNormSizes = new()
    {
        ["sequential/dense/kernel"] = 96, ["sequential/dense/bias"] = 16, ["sequential/batch_normalization/gamma"] = 16,
        ["sequential/batch_normalization/beta"] = 16, ["sequential/batch_normalization/moving_mean"] = 16,
        ["sequential/batch_normalization/moving_variance"] = 16, ["sequential/dense_1/kernel"] = 48, ["sequential/dense_1/bias"] = 3,
    };

    [MpiTheory]
    [InlineData("adam")]
    [InlineData("sgd")]
    public void Fit_TwoProcesses_EqualsOneProcess_AndOnlyProcess0WritesFilesAndProgress(string optimizer)
    {
        using var one = new TempDir();
        using var two = new TempDir();
        var (reference, _) = Reports(1, one.Path, "train", optimizer);
        var (reports, run) = Reports(2, two.Path, "train", optimizer);

        // 161 training samples in global batches of 32 (the last of 1 sample: process 0 pads it), 41 for validation.
        foreach (var report in reports)
        {
            Assert.Equal(2, report.Processes);
            AssertSameTraining(reference[0], report);
            AssertClose(reference[0].Evaluate, report.Evaluate, 1e-5, $"Evaluate on process {report.Rank}");
            AssertClose(reference[0].Predict.Select(v => (double)v).ToArray(), report.Predict.Select(v => (double)v).ToArray(), 1e-5,
                $"Predict on process {report.Rank}");
        }

        Assert.Equal(3, reports[0].History["val_loss"].Length);
        Assert.Equal(37 * 3, reports[1].Predict.Length);
        Assert.Equal(["best.weights.h5", "log.csv"], reports[0].Files);
        Assert.Empty(reports[1].Files);
        Assert.Equal(reference[0].Files, reports[0].Files);
        var csv = File.ReadAllLines(Path.Combine(two.Path, "rank0", "log.csv"));
        Assert.Equal(File.ReadAllLines(Path.Combine(one.Path, "rank0", "log.csv"))[0], csv[0]);
        Assert.Equal(4, csv.Length);

        // verbose: 2 prints one line per epoch, on process 0 only.
        Assert.Equal(3, run.Output.Split('\n').Count(l => l.StartsWith("Epoch ", StringComparison.Ordinal)));
        Assert.Equal(3, run.Output.Split('\n').Count(l => l.Contains(" - val_loss: ", StringComparison.Ordinal)));
    }

    [MpiFact]
    public void FitOnBatchSequence_EachProcessComputesEveryOtherBatch_EqualsOneProcessOnJoinedPairs() =>
        AssertTwoProcessesTrainAsOne(["sequence", "--merged"], ["sequence"]);

    [MpiFact]
    public void FitOnPyDataset_ProcessesTakeTheBatchesInTurns_EqualsOneProcessOnJoinedPairs() =>
        AssertTwoProcessesTrainAsOne(["pydataset", "--merged"], ["pydataset"]);

    [MpiFact]
    public void FitOnDataLoader_WhoseBatchesAreFreedOnMoveNext_EqualsOneProcessOnJoinedPairs() =>
        AssertTwoProcessesTrainAsOne(["dataloader", "--merged"], ["dataloader"]);

    [MpiFact]
    public void FitOnShuffledPyDataset_EveryProcessFollowsProcess0sOrder()
    {
        using var two = new TempDir();
        Reports(2, two.Path, "pydataset", "--shuffle");
        var calls = Enumerable.Range(0, 2)
            .Select(r => File.ReadAllLines(Path.Combine(two.Path, $"calls.rank{r}.txt")).Select(l => l.Split(' ').Select(int.Parse).ToArray()).ToArray())
            .ToArray();
        for (var epoch = 0; epoch < 2; epoch++)
        {
            var (mine, theirs) = (calls[0][epoch], calls[1][epoch]);
            // In turns over one shared order: 4 batches on process 0, 3 on process 1 plus the padding of the last step
            // (the turn's first batch, process 0's last), so together every batch once.
            Assert.Equal(4, mine.Length);
            Assert.Equal(4, theirs.Length);
            Assert.Equal(Enumerable.Range(0, 7), mine.Union(theirs).Order());
            Assert.Equal(mine[^1], theirs[^1]);
        }

        Assert.False(calls[0][0].SequenceEqual([0, 2, 4, 6]) && calls[0][1].SequenceEqual([0, 2, 4, 6]), "the batches were not shuffled");
    }

    [MpiFact]
    public void AutoShardOff_EachProcessPassesItsOwnData_EqualsOneProcessOnAllOfIt() =>
        AssertTwoProcessesTrainAsOne(["local", "--whole"], ["local"]);

    [MpiFact]
    public void BatchNormalization_KeepsPerProcessStatistics_UnlessSynchronized()
    {
        using var one = new TempDir();
        using var two = new TempDir();
        var (perProcess, _) = Reports(2, two.Path, "batchnorm");
        var trainable = BatchNormSizes.Keys.Where(k => !k.Contains("moving", StringComparison.Ordinal)).ToList();
        foreach (var name in trainable)
        {
            AssertClose(Weight(perProcess[0], BatchNormSizes, name), Weight(perProcess[1], BatchNormSizes, name), 1e-6, name);
        }

        var movingMean0 = Weight(perProcess[0], BatchNormSizes, "sequential/batch_normalization/moving_mean");
        var movingMean1 = Weight(perProcess[1], BatchNormSizes, "sequential/batch_normalization/moving_mean");
        Assert.True(movingMean0.Zip(movingMean1, (a, b) => Math.Abs(a - b)).Max() > 1e-3,
            "without synchronized: true each process's moving mean follows its own half of every batch");

        AssertTwoProcessesTrainAsOne(["batchnorm", "--synchronized"], ["batchnorm", "--synchronized"]);
    }

    [MpiFact]
    public void BackupAndRestore_ResumesADistributedRunAfterACrash()
    {
        using var one = new TempDir();
        using var two = new TempDir();
        var (reference, _) = Reports(1, one.Path, "resume");

        var crashed = Mpiexec(2, ["resume", two.Path, "--crash"]);
        Assert.NotEqual(0, crashed.ExitCode);
        Assert.Contains("simulated crash of process 1 in epoch 2", crashed.Error);
        Assert.True(File.Exists(Path.Combine(two.Path, "backup", "latest.weights.h5")), "process 0 wrote the backup");

        var (resumed, _) = Reports(2, two.Path, "resume");
        foreach (var report in resumed)
        {
            Assert.Equal([2, 3], report.Epochs);
            AssertClose(reference[0].Weights.Select(v => (double)v).ToArray(), report.Weights.Select(v => (double)v).ToArray(), 1e-5, "weights");
            foreach (var (key, values) in reference[0].History)
            {
                AssertClose(values[2..], report.History[key], 1e-5, $"History[{key}]");
            }
        }

        Assert.False(Directory.Exists(Path.Combine(two.Path, "backup")), "a completed Fit deletes the backup");
    }

    private static void AssertTwoProcessesTrainAsOne(string[] oneProcess, string[] twoProcesses)
    {
        using var one = new TempDir();
        using var two = new TempDir();
        var (reference, _) = Reports(1, one.Path, oneProcess);
        var (reports, _) = Reports(2, two.Path, twoProcesses);
        foreach (var report in reports)
        {
            AssertSameTraining(reference[0], report);
        }
    }
}
