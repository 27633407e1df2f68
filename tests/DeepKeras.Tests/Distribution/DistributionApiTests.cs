using DeepKeras.Callbacks;
using DeepKeras.Distribution;
using DeepKeras.Layers;
using DeepKeras.Tests.TestUtil;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Distribution;

/// <summary>The distribution API in a process that no MPI launcher started, and the launcher and library checks.</summary>
public class DistributionApiTests
{
    [Fact]
    public void WithoutALauncher_TheProgramIsOneProcess()
    {
        Keras.Distribution.Initialize();
        Keras.Distribution.Initialize();
        Assert.Equal(1, Keras.Distribution.NumProcesses);
        Assert.Equal(0, Keras.Distribution.ProcessId);
        Assert.Equal("1 process (not started by an MPI launcher)", Keras.Distribution.Describe());
        var dataParallel = new DataParallel();
        Assert.Equal(1, dataParallel.NumModelReplicas);
        Assert.True(dataParallel.AutoShardDataset);
        Assert.False(new DataParallel(autoShardDataset: false).AutoShardDataset);
        Assert.Equal("<DataParallel num_processes=1, process_id=0>", dataParallel.ToString());
    }

    [Fact]
    public void Scope_SetsTheDistributionAndRestoresThePreviousOne()
    {
        var outer = new DataParallel();
        var inner = new DataParallel(autoShardDataset: false);
        Keras.Distribution.SetDistribution(outer);
        try
        {
            using (inner.Scope())
            {
                Assert.Same(inner, Keras.Distribution.Current);
            }

            Assert.Same(outer, Keras.Distribution.Current);
        }
        finally
        {
            Keras.Distribution.SetDistribution(null);
        }

        Assert.Null(Keras.Distribution.Current);
    }

    [Fact]
    public void DataParallelInOneProcess_TrainsExactlyAsWithout()
    {
        static (List<double> Loss, float[] Weights) Train(bool dataParallel)
        {
            var (x, y) = TestData.Blobs(n: 70, features: 4, seed: 3);
            Keras.Utils.SetRandomSeed(11);
            var model = Keras.Sequential(Keras.Input(shape: 4), Keras.Layers.Dense(8, activation: "relu"),
                Keras.Layers.BatchNormalization(synchronized: true), Keras.Layers.Dense(3, activation: "softmax"));
            model.Compile(optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
            using var scope = dataParallel ? new DataParallel().Scope() : null;
            var history = model.Fit(x, y, batchSize: 16, epochs: 2, verbose: 0);
            return (history.HistoryData["loss"], model.Weights.SelectMany(w => w.Value.detach().reshape(-1).data<float>().ToArray()).ToArray());
        }

        var plain = Train(dataParallel: false);
        var distributed = Train(dataParallel: true);
        Assert.Equal(plain.Loss, distributed.Loss);
        Assert.Equal(plain.Weights, distributed.Weights);
    }

    [Fact]
    public void Shares_CoverEveryGlobalBatchOnce()
    {
        for (var processes = 1; processes <= 4; processes++)
        {
            for (var size = 0L; size <= 9; size++)
            {
                var shares = Enumerable.Range(0, processes).Select(r => ShardedArrayAdapter.Share(size, r, processes)).ToList();
                Assert.Equal(size, shares.Sum(s => s.Count));
                for (var r = 1; r < processes; r++)
                {
                    Assert.Equal(shares[r - 1].Offset + shares[r - 1].Count, shares[r].Offset);
                }

                Assert.True(shares.Max(s => s.Count) - shares.Min(s => s.Count) <= 1, $"uneven shares of {size} over {processes}");
            }
        }

        Assert.Equal((0, 0), ShardedArrayAdapter.Share(1, 0, 2));
        Assert.Equal((0, 1), ShardedArrayAdapter.Share(1, 1, 2));
        Assert.Equal((5, 6), ShardedArrayAdapter.Share(11, 1, 2));
    }

    [Fact]
    public void LaunchedWithoutAnMpiLibrary_FailsWithTheFix()
    {
        var run = RunCheck(new Dictionary<string, string> { ["PMI_RANK"] = "0", ["PMI_SIZE"] = "1", ["DEEPKERAS_MPI_LIBRARY"] = "/nonexistent/libmpi.so.12" });
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("DEEPKERAS_MPI_LIBRARY=/nonexistent/libmpi.so.12 could not be loaded", run.Error);
        Assert.Contains("needs an MPI with MPICH's ABI", run.Error);
        Assert.Contains("apt-get install mpich", run.Error);
    }

    [Fact]
    public void LaunchedWithALibraryThatIsNotMpi_SaysSo()
    {
        var run = RunCheck(new Dictionary<string, string> { ["PMI_RANK"] = "0", ["PMI_SIZE"] = "1", ["DEEPKERAS_MPI_LIBRARY"] = "libz.so.1" });
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("libz.so.1 is not an MPI library (it has no MPI_Allreduce)", run.Error);
    }

    [Fact]
    public void LaunchedByOpenMpi_IsRefusedWithTheReason()
    {
        var run = RunCheck(new Dictionary<string, string> { ["OMPI_COMM_WORLD_SIZE"] = "2" });
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("This process was started by Open MPI's mpirun.", run.Error);
        Assert.Contains("Open MPI is not supported: its ABI differs from MPICH's.", run.Error);
    }

    [Fact]
    public void BatchNormalization_Synchronized_IsInItsConfig()
    {
        var layer = new BatchNormalization(synchronized: true);
        Assert.True(layer.Synchronized);
        Assert.Equal(true, layer.GetConfig()["synchronized"]);
        Assert.Equal(false, new BatchNormalization().GetConfig()["synchronized"]);
        var model = Keras.Sequential(Keras.Input(shape: 3), Keras.Layers.BatchNormalization(synchronized: true));
        using var dir = new Saving.TempDir();
        model.Save(dir.File("bn.keras"));
        Assert.True(((BatchNormalization)Keras.Models.LoadModel(dir.File("bn.keras")).Layers[0]).Synchronized);
    }

    [Fact]
    public void SideEffectCallbacks_RunOnProcess0Only()
    {
        Assert.All([typeof(ProgbarLogger), typeof(ModelCheckpoint), typeof(CSVLogger), typeof(BackupAndRestore)],
            t => Assert.True(t.IsDefined(typeof(RankZeroOnlyAttribute), inherit: true), t.Name));
        Assert.All([typeof(History), typeof(EarlyStopping), typeof(ReduceLROnPlateau), typeof(TerminateOnNaN), typeof(LambdaCallback)],
            t => Assert.False(t.IsDefined(typeof(RankZeroOnlyAttribute), inherit: true), t.Name));
    }

    [Fact]
    public void SummableMetricState_IsTheSumsTheMetricAccumulates()
    {
        var mean = new DeepKeras.Metrics.Mean();
        Assert.Empty(mean.SummableState!);
        mean.UpdateState(tensor(new[] { 1f, 2f, 6f }));
        Assert.Equal([9.0, 3.0], mean.SummableState!.Select(t => t.item<double>()));
        var precision = new DeepKeras.Metrics.Precision();
        precision.UpdateState(tensor(new[] { 1f, 0f }), tensor(new[] { 0.9f, 0.8f }));
        Assert.Equal(4, precision.SummableState!.Count);
        Assert.Null(new CustomMetric().SummableState);
    }

    private static ChildProcess.Result RunCheck(IReadOnlyDictionary<string, string> environment)
    {
        using var dir = new Saving.TempDir();
        var run = ChildProcess.Run(ChildProcess.DotnetHost, [ChildProcess.HelperDll("DeepKeras.DistributedCheck"), "train", dir.Path, "sgd"],
            TimeSpan.FromSeconds(120), environment);
        Assert.False(run.TimedOut);
        return run;
    }

    private sealed class CustomMetric() : DeepKeras.Metrics.Metric("custom")
    {
        public override void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null)
        {
        }

        public override double Result() => 0;

        public override void ResetState()
        {
        }
    }
}
