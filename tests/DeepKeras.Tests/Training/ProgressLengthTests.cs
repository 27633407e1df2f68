using System.Text.RegularExpressions;
using DeepKeras.Callbacks;
using DeepKeras.Layers;
using DeepKeras.Models;
using DeepKeras.Optimizers;
using DeepKeras.Tests.TestUtil;
using DeepKeras.Training;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Training;

/// <summary>
/// The progress text for data of known length (a PyDataset: <c>6/6</c> from the first epoch) and of unknown length (a
/// sequence: <c>1/Unknown</c> on the first epoch, then <c>7/7</c> once learned), against Keras's printed output
/// (golden case data_progress). Timings differ, so the texts are compared with the times masked.
/// </summary>
public sealed partial class ProgressLengthTests
{
    private static readonly KerasGolden G = KerasGolden.Case("data_progress");
    private static readonly KerasGolden Data = KerasGolden.Case("data_pydataset");

    [GeneratedRegex(@"\d+(\.\d+)?(s|ms|us)(?=/step| )")]
    private static partial Regex Time();

    [GeneratedRegex(@"loss: \d\.\d{4}")]
    private static partial Regex Loss();

    [GeneratedRegex(@"( *\d+/(?:\d+|Unknown))")]
    private static partial Regex Counter();

    private static string Masked(string text) => Loss().Replace(Time().Replace(text, "T"), "loss: L");

    private static Sequential Model()
    {
        var model = new Sequential(new Dense(1, inputShape: 3));
        model.Compile(optimizer: new SGD(0.01), loss: "mse");
        return model;
    }

    private static IEnumerable<(ArrayLike X, ArrayLike? Y)> Batches(int n)
    {
        var (x, y) = (Data.Tensor("x"), Data.Tensor("y"));
        for (var i = 0; i < n; i++)
        {
            yield return (x.narrow(0, 4 * (i % 6), 4), y.narrow(0, 4 * (i % 6), 4));
        }
    }

    private static string Printed(Action<Callback> fit, bool dynamic = false)
    {
        var sw = new StringWriter();
        fit(new ProgbarLogger(sw, dynamicDisplay: dynamic));
        return sw.ToString();
    }

    /// <summary>The first and the last step counter of every epoch, e.g. ("      1/Unknown", "7/7").</summary>
    private static List<(string First, string Last)> Counters(string text) =>
        Regex.Split(text, @"Epoch \d+/\d+\n").Where(part => part.Length > 0)
            .Select(part => Counter().Matches(part).Select(m => m.Groups[1].Value).ToList())
            .Select(c => (c[0], c[^1].TrimStart()))
            .ToList();

    [Fact]
    public void Sequence_Verbose2_EveryEpochLineShowsTheLearnedCount()
    {
        var ours = Printed(cb => Model().Fit(Batches(7), epochs: 2, verbose: 2, callbacks: [cb]));
        Assert.Equal(Masked(G.Text("generator_verbose2")), Masked(ours));
    }

    [Fact]
    public void Sequence_Verbose1_FirstEpochCountsUnknownThenLaterEpochsShowTheTotal()
    {
        var keras = Counters(G.Text("generator_verbose1"));
        var ours = Counters(Printed(cb => Model().Fit(Batches(7), epochs: 2, verbose: 1, callbacks: [cb]), dynamic: true));
        Assert.Equal([("      1/Unknown", "7/7"), ("1/7", "7/7")], keras);
        Assert.Equal(keras, ours);
    }

    [Fact]
    public void Sequence_Verbose1Redirected_WritesTheLearnedTotalOnEachEpochLine()
    {
        var ours = Printed(cb => Model().Fit(Batches(7), epochs: 2, verbose: 1, callbacks: [cb]));
        var lines = ours.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Matches(@"^7/7 ━{20} ", lines[1]);
        Assert.Matches(@"^7/7 ━{20} ", lines[3]);
    }

    [Fact]
    public void PyDataset_KnownLength_MatchesKeras()
    {
        var log = new List<string>();
        var model = Model();
        var verbose2 = Printed(cb => model.Fit(new RecordingDataset("t", log, Data.Tensor("x"), Data.Tensor("y")), epochs: 2, shuffle: false, verbose: 2,
            callbacks: [cb]));
        Assert.Equal(Masked(G.Text("pydataset_verbose2")), Masked(verbose2));

        var verbose1 = Printed(cb => model.Fit(new RecordingDataset("t", log, Data.Tensor("x"), Data.Tensor("y")), epochs: 2, shuffle: false, verbose: 1,
            callbacks: [cb]), dynamic: true);
        Assert.Equal(Counters(G.Text("pydataset_verbose1")), Counters(verbose1));
    }

    [Fact]
    public void Evaluate_OnASequence_Verbose2_PrintsTheCountedSteps()
    {
        var ours = Printed(cb => Model().Evaluate(Batches(7), verbose: 2, callbacks: [cb]));
        Assert.Equal(Masked(G.Text("generator_evaluate")), Masked(ours));
    }
}
