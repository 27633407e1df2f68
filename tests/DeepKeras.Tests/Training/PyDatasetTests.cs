using System.Text.Json.Nodes;
using DeepKeras.Callbacks;
using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Optimizers;
using DeepKeras.Tests.TestUtil;
using DeepKeras.Training;
using DeepKeras.Utils;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Training;

/// <summary>
/// <see cref="PyDataset"/> in Fit, Evaluate and Predict against Keras's <c>PyDataset</c> (golden case data_pydataset:
/// the calls each method makes, in order, and the numbers), plus shuffling of the batch order, background workers,
/// <c>max_queue_size</c> and errors.
/// </summary>
public sealed class PyDatasetTests
{
    private static readonly KerasGolden G = KerasGolden.Case("data_pydataset");

    /// <summary>The golden model: Dense(1) on 3 features with Keras's initial weights, SGD(0.1), mse, mae.</summary>
    internal static Sequential GoldenModel(KerasGolden g)
    {
        var model = new Sequential(new Dense(1, inputShape: 3));
        model.Layers[0].SetWeights([g.Array("kernel"), g.Array("bias")]);
        model.Compile(optimizer: new SGD(0.1), loss: "mse", metrics: ["mae"]);
        return model;
    }

    /// <summary>
    /// Keras's log without the <c>on_epoch_end</c> call that Keras makes before every pass of fit and evaluate (its
    /// iterator resets the dataset at the start of a pass as well as at the end): we call it once per pass, at its end.
    /// </summary>
    private static List<string> KerasCalls(string method) =>
        G.Json("calls")[method]!.AsArray().Select(n => n!.GetValue<string>())
            .Where((call, i) => !(call.EndsWith(".end", StringComparison.Ordinal)
                && G.Json("calls")[method]!.AsArray().ElementAtOrDefault(i + 1)?.GetValue<string>() == call.Replace(".end", ".begin", StringComparison.Ordinal)))
            .ToList();

    private static void AssertHistory(JsonNode expected, History h, double tol)
    {
        foreach (var key in new[] { "loss", "mae", "val_loss", "val_mae" })
        {
            var want = expected[key]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
            Assert.Equal(want.Length, h[key].Count);
            for (var i = 0; i < want.Length; i++)
            {
                Assert.True(Math.Abs(want[i] - h[key][i]) <= tol, $"{key}[{i}]: Keras {want[i]}, ours {h[key][i]}");
            }
        }
    }

    internal static void AssertValues(JsonNode expected, IReadOnlyList<double> actual, double tol)
    {
        var want = expected.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        Assert.Equal(want.Length, actual.Count);
        for (var i = 0; i < want.Length; i++)
        {
            Assert.True(Math.Abs(want[i] - actual[i]) <= tol, $"value {i}: Keras {want[i]}, ours {actual[i]}");
        }
    }

    [Fact]
    public void FitEvaluatePredict_WithSampleWeightsAndValidationSteps_MatchKerasCallsAndNumbers()
    {
        var log = new List<string>();
        var model = GoldenModel(G);
        var h = model.Fit(new RecordingDataset("t", log, G.Tensor("x"), G.Tensor("y"), G.Tensor("w")),
            validationData: new RecordingDataset("v", log, G.Tensor("vx"), G.Tensor("vy")), validationSteps: 2, epochs: 2, shuffle: false, verbose: 0);
        Assert.Equal(KerasCalls("fit"), log);
        AssertHistory(G.Json("results")["history"]!, h, 1e-5);

        log.Clear();
        var evaluated = model.Evaluate(new RecordingDataset("e", log, G.Tensor("x"), G.Tensor("y"), G.Tensor("w")), verbose: 0);
        Assert.Equal(KerasCalls("evaluate"), log);
        AssertValues(G.Json("results")["evaluate"]!, evaluated, 1e-5);

        log.Clear();
        var predicted = model.PredictTensors(new RecordingDataset("p", log, G.Tensor("x"), G.Tensor("y")), verbose: 0)[0];
        Assert.Equal(KerasCalls("predict"), log);
        KerasGolden.AssertClose(G.Tensor("predictions"), predicted, 1e-5, "predictions");

        log.Clear();
        model.Fit(new RecordingDataset("s", log, G.Tensor("x"), G.Tensor("y")), epochs: 1, stepsPerEpoch: 2, shuffle: false, verbose: 0);
        Assert.Equal(KerasCalls("steps_per_epoch"), log);
    }

    [Fact]
    public void Fit_Shuffle_AsksForEveryBatchOnceInANewOrderEachEpoch_ValidationInIndexOrder()
    {
        Keras.Utils.SetRandomSeed(11);
        var log = new List<string>();
        var model = GoldenModel(G);
        model.Fit(new RecordingDataset("t", log, G.Tensor("x"), G.Tensor("y")), validationData: new RecordingDataset("v", log, G.Tensor("vx"), G.Tensor("vy")),
            epochs: 3, verbose: 0);

        var epochs = new List<int[]>();
        for (var start = log.IndexOf("t.begin"); start >= 0; start = log.IndexOf("t.begin", start + 1))
        {
            var end = log.IndexOf("t.end", start);
            var order = log.Skip(start + 1).Take(end - start - 1).Select(c => int.Parse(c[2..^1], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(Enumerable.Range(0, 6), order.Order());
            epochs.Add(order);
            Assert.Equal(["v.begin", "v[0]", "v[1]", "v[2]", "v.end"], log.Skip(end + 1).Take(5));
        }

        Assert.Equal(3, epochs.Count);
        Assert.False(epochs[0].SequenceEqual(epochs[1]) && epochs[1].SequenceEqual(epochs[2]), "the order did not change between epochs");
        Assert.Contains(epochs, e => !e.SequenceEqual(Enumerable.Range(0, 6)));
    }

    [Fact]
    public void Workers_MakeBatchesOnBackgroundThreadsInParallel_ModelSeesThemInOrder()
    {
        var x = arange(48 * 3, dtype: float32).reshape(48, 3) / 100;
        var y = arange(48, dtype: float32).reshape(48, 1);
        var serial = new TrackingDataset(x, y, workers: 1);
        var parallel = new TrackingDataset(x, y, workers: 2) { SleepMs = 30 };
        var model = GoldenModel(G);

        var expected = model.PredictTensors(serial, verbose: 0)[0];
        var actual = model.PredictTensors(parallel, verbose: 0)[0];

        KerasGolden.AssertClose(expected, actual, 0, "predictions in index order");
        Assert.Equal(new[] { Environment.CurrentManagedThreadId }, serial.Threads);
        Assert.DoesNotContain(Environment.CurrentManagedThreadId, parallel.Threads);
        Assert.Equal(2, parallel.Threads.Count);
        Assert.Equal(2, parallel.MostAtOnce);
    }

    [Fact]
    public void MaxQueueSize_BoundsHowFarTheWorkersRunAhead()
    {
        var x = zeros(48, 3);
        var y = zeros(48, 1);
        var data = new TrackingDataset(x, y, workers: 3, maxQueueSize: 2);
        var model = GoldenModel(G);
        var ahead = new List<(int Step, int Started)>();
        var probe = new LambdaCallback(onPredictBatchBegin: (step, _) =>
        {
            // Let the workers run as far ahead as they may, then check they stopped at the queue's bound.
            var bound = Math.Min(data.Count, step + 1 + data.MaxQueueSize);
            SpinWait.SpinUntil(() => data.Started >= bound, TimeSpan.FromSeconds(10));
            Thread.Sleep(20);
            ahead.Add((step, data.Started));
        });

        model.PredictTensors(data, verbose: 0, callbacks: [probe]);

        Assert.Equal(12, ahead.Count);
        Assert.All(ahead, a => Assert.Equal(Math.Min(12, a.Step + 1 + 2), a.Started));
    }

    [Fact]
    public void Workers_AnExceptionInGetItem_ReachesTheCallerAndEndsThePass()
    {
        var log = new List<string>();
        var data = new FailingDataset(log);
        var model = GoldenModel(G);
        var e = Assert.Throws<InvalidOperationException>(() => model.Fit(data, epochs: 1, shuffle: false, verbose: 0));
        Assert.Equal("no batch 3", e.Message);
        Assert.Equal("t.end", log[^1]);
    }

    [Fact]
    public void Count_KnownFromTheStart_ProgressShowsTheTotalOnTheFirstEpoch()
    {
        var log = new List<string>();
        var model = GoldenModel(G);
        var sw = new StringWriter();
        model.Fit(new RecordingDataset("t", log, G.Tensor("x"), G.Tensor("y")), epochs: 1, shuffle: false, verbose: 1,
            callbacks: [new ProgbarLogger(sw, dynamicDisplay: true)]);
        Assert.Contains("\x1b[1m1/6\x1b[0m", sw.ToString());
        Assert.DoesNotContain("Unknown", sw.ToString());
    }

    [Theory]
    [InlineData(-1, 10, "workers", "Expected `workers` >= 0 (0 or 1: no background threads). Received: workers=-1.")]
    [InlineData(1, 0, "MaxQueueSize", "Expected a positive `max_queue_size`. Received: max_queue_size=0.")]
    public void BadSettings_ThrowNamingTheArgument(int workers, int maxQueueSize, string param, string message)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new TrackingDataset(zeros(4, 3), zeros(4, 1), workers, maxQueueSize));
        Assert.StartsWith(message, e.Message);
        Assert.Equal(param == "workers" ? "Workers" : param, e.ParamName);
    }

    /// <summary>Batches of 4 rows; records the threads that made them, how many were made at once and how many started.</summary>
    private sealed class TrackingDataset(Tensor x, Tensor y, int workers, int maxQueueSize = 10) : PyDataset(workers, maxQueueSize)
    {
        private int _running;
        private int _started;
        private int _mostAtOnce;
        private readonly HashSet<int> _threads = [];

        public int SleepMs { get; init; }

        public HashSet<int> Threads => _threads;

        public int MostAtOnce => _mostAtOnce;

        public int Started => Volatile.Read(ref _started);

        public override int Count => (int)x.shape[0] / 4;

        public override DataBatch GetItem(int index)
        {
            Interlocked.Increment(ref _started);
            var now = Interlocked.Increment(ref _running);
            lock (_threads)
            {
                _threads.Add(Environment.CurrentManagedThreadId);
                _mostAtOnce = Math.Max(_mostAtOnce, now);
            }

            Thread.Sleep(SleepMs);
            Interlocked.Decrement(ref _running);
            return (x.narrow(0, 4 * index, 4), y.narrow(0, 4 * index, 4));
        }
    }

    /// <summary>Six batches made by two workers, of which batch 3 fails.</summary>
    private sealed class FailingDataset(List<string> log) : PyDataset(workers: 2)
    {
        public override int Count => 6;

        public override DataBatch GetItem(int index) => index == 3 ? throw new InvalidOperationException("no batch 3") : (zeros(4, 3), zeros(4, 1));

        public override void OnEpochEnd() => log.Add("t.end");
    }
}
