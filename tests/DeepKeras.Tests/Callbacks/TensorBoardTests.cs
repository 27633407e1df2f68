using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using DeepKeras.Callbacks;
using DeepKeras.Callbacks.Events;
using DeepKeras.Models;
using DeepKeras.Optimizers;
using DeepKeras.Optimizers.Schedules;
using DeepKeras.Tests.TestUtil;
using NumSharp;
using DeepKeras.Layers;

namespace DeepKeras.Tests.Callbacks;

/// <summary>
/// The TensorBoard callback against what Keras 3.15's own callback writes (scripts/keras-golden/gen_tensorboard.py:
/// the real callback with tf.summary recorded), read back from the event files with the tests' own reader (CRCs
/// checked), and once with an independent Python reader.
/// </summary>
public sealed class TensorBoardTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dk-tensorboard-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void EpochUpdates_WithHistograms_WriteKerasTagsStepsAndValues()
    {
        var g = KerasGolden.Case("tensorboard_epoch");
        var history = Train(g, new SGD(0.1), batchSize: 8, epochs: 3, validationBatchSize: null,
            new TensorBoard(_dir, histogramFreq: 2, writeGraph: false));

        var events = TfEvents.ReadLogDir(_dir);
        AssertEventsAsKeras(g.Json("events")["events"]!.AsArray(), events);
        AssertScalarsEqualHistory(events, history);
    }

    [Fact]
    public void BatchUpdates_EveryTwoBatches_WithADecayingLearningRate_WriteKerasTagsStepsAndValues()
    {
        var g = KerasGolden.Case("tensorboard_batch");
        var history = Train(g, new SGD(new ExponentialDecay(0.1, 2, 0.5)), batchSize: 6, epochs: 2, validationBatchSize: 4,
            new TensorBoard(_dir, updateFreq: 2, writeGraph: false));

        var events = TfEvents.ReadLogDir(_dir);
        AssertEventsAsKeras(g.Json("events")["events"]!.AsArray(), events);
        AssertScalarsEqualHistory(events, history);
    }

    [Fact]
    public void EventFiles_StartWithTheVersionRecord_AndHoldFloat32ScalarTensors()
    {
        var g = KerasGolden.Case("tensorboard_epoch");
        Train(g, new SGD(0.1), batchSize: 8, epochs: 1, validationBatchSize: null, new TensorBoard(_dir, writeGraph: true));

        var events = TfEvents.ReadLogDir(_dir);
        foreach (var run in new[] { "train", "validation" })
        {
            var file = Directory.GetFiles(Path.Combine(_dir, run)).Single();
            Assert.Matches(@"^events\.out\.tfevents\.\d{10}\..+\.\d+\.\d+\.v2$", Path.GetFileName(file));
            var first = events.First(e => e.Run == run);
            Assert.Equal("brain.Event:2", first.FileVersion);
            Assert.Empty(first.Values);
        }

        var loss = events.SelectMany(e => e.Values).First(v => v.Tag == "epoch_loss");
        Assert.Equal(("scalars", 1, 0), (loss.Plugin, loss.DType, loss.Shape.Length));
        // write_graph: the model's JSON config for the conceptual graph, as Keras's keras_model_summary writes it.
        var graph = events.Where(e => e.Run == "train").SelectMany(e => e.Values).Single(v => v.Tag == "keras");
        Assert.Equal("graph_keras_model", graph.Plugin);
        Assert.Equal("Sequential", JsonNode.Parse(graph.Strings.Single())!["class_name"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("normal")]
    [InlineData("ties")]
    [InlineData("constant")]
    [InlineData("single")]
    [InlineData("empty")]
    public void HistogramBuckets_AreTfSummaryHistograms(string name)
    {
        var g = KerasGolden.Case("tensorboard_histogram");
        var data = g.Array(name).astype(NPTypeCode.Double).ToArray<double>();
        var expected = g.Json("buckets")[name]!.AsArray().SelectMany(row => row!.AsArray().Select(v => v!.GetValue<double>())).ToArray();

        Assert.Equal(expected, HistogramBuckets.Compute(data));
    }

    [Fact]
    public void AnIndependentPythonReader_ReadsTheFiles_WithTheSameValues()
    {
        var g = KerasGolden.Case("tensorboard_epoch");
        Train(g, new SGD(0.1), batchSize: 8, epochs: 3, validationBatchSize: null,
            new TensorBoard(_dir, histogramFreq: 2, writeGraph: false));
        var script = Path.Combine(AppContext.BaseDirectory, "scripts", "read_tfevents.py");
        Assert.True(File.Exists(script), $"missing {script}");

        var start = new ProcessStartInfo("python3", [script, _dir]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var python = Process.Start(start)!;
        var stdout = python.StandardOutput.ReadToEnd();
        var stderr = python.StandardError.ReadToEnd();
        python.WaitForExit();
        Assert.True(python.ExitCode == 0, $"read_tfevents.py failed: {stderr}");

        var mine = TfEvents.ReadLogDir(_dir);
        var theirs = JsonNode.Parse(stdout)!.AsArray();
        Assert.Equal(mine.Count, theirs.Count);
        for (var i = 0; i < mine.Count; i++)
        {
            var e = theirs[i]!;
            Assert.Equal(mine[i].Run, e["run"]!.GetValue<string>());
            Assert.Equal(mine[i].Step, e["step"]!.GetValue<long>());
            var values = e["values"]!.AsArray();
            Assert.Equal(mine[i].Values.Select(v => v.Tag), values.Select(v => v!["tag"]!.GetValue<string>()));
            Assert.Equal(mine[i].Values.SelectMany(v => v.Numbers), values.SelectMany(v => v!["numbers"]!.AsArray().Select(n => n!.GetValue<double>())));
        }
    }

    [Fact]
    public void Arguments_KerasCannotHonourOnThisBackend_AreRefusedByName()
    {
        Assert.Contains("histogram_freq", Assert.Throws<ArgumentOutOfRangeException>(() => new TensorBoard(_dir, histogramFreq: -1)).Message);
        Assert.Equal("writeImages", Assert.Throws<ArgumentException>(() => new TensorBoard(_dir, writeImages: true)).ParamName);
        Assert.Equal("profileBatch", Assert.Throws<ArgumentException>(() => new TensorBoard(_dir, profileBatch: 3)).ParamName);
        Assert.Equal("epoch", new TensorBoard(_dir).UpdateFreq.ToString());
        Assert.Equal(1, new TensorBoard(_dir, updateFreq: "batch").UpdateFreq.Batches);
    }

    private static History Train(KerasGolden g, Optimizer optimizer, int batchSize, int epochs, int? validationBatchSize, Callback callback)
    {
        var model = new Sequential([
            Keras.Input(shape: 5),
            new Dense(4, activation: "relu", name: "dense"),
            new Dense(3, activation: "softmax", name: "dense_1"),
        ], name: "sequential");
        model.SetWeights([g.Array("w0"), g.Array("w1"), g.Array("w2"), g.Array("w3")]);
        model.Compile(optimizer: optimizer, loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
        return model.Fit(g.Array("x"), g.Array("y"), batchSize: batchSize, epochs: epochs, verbose: 0, shuffle: false,
            validationData: (g.Array("x_val"), g.Array("y_val")), validationBatchSize: validationBatchSize, callbacks: [callback]);
    }

    /// <summary>Per run, the same (tag, step) sequence as Keras, scalars within float32 noise, histograms equal.</summary>
    private static void AssertEventsAsKeras(JsonArray expected, List<TfEvent> events)
    {
        foreach (var run in new[] { "train", "validation" })
        {
            var want = expected.Where(e => e!["run"]!.GetValue<string>() == run).Select(e => e!).ToList();
            var got = events.Where(e => e.Run == run).SelectMany(e => e.Values.Select(v => (e.Step, Value: v))).ToList();
            Assert.Equal(
                want.Select(e => $"{e["tag"]}@{e["step"]}"),
                got.Select(x => $"{x.Value.Tag}@{x.Step}"));
            for (var i = 0; i < want.Count; i++)
            {
                var (e, v) = (want[i], got[i].Value);
                if (e["kind"]!.GetValue<string>() == "scalar")
                {
                    Assert.Equal("scalars", v.Plugin);
                    Assert.Equal(e["value"]!.GetValue<double>(), v.Numbers.Single(), 1e-5);
                }
                else
                {
                    Assert.Equal("histograms", v.Plugin);
                    Assert.Equal([30L, 3L], v.Shape);
                    var buckets = e["buckets"]!.AsArray().SelectMany(row => row!.AsArray().Select(x => x!.GetValue<double>())).ToArray();
                    Assert.Equal(buckets.Length, v.Numbers.Length);
                    for (var k = 0; k < buckets.Length; k++)
                    {
                        Assert.Equal(buckets[k], v.Numbers[k], 1e-5);
                    }
                }
            }
        }
    }

    /// <summary>The epoch scalars are exactly History's values (float32), train and validation.</summary>
    private static void AssertScalarsEqualHistory(List<TfEvent> events, History history)
    {
        foreach (var (key, values) in history.HistoryData)
        {
            var (run, tag) = key.StartsWith("val_", StringComparison.Ordinal) ? ("validation", "epoch_" + key[4..]) : ("train", "epoch_" + key);
            var written = TfEvents.Scalars(events, run).Where(s => s.Tag == tag).OrderBy(s => s.Step).Select(s => s.Value).ToList();
            Assert.Equal(values.Select(v => (double)(float)v), written);
        }
    }
}
