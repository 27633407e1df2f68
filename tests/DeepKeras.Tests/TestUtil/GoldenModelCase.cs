using DeepKeras.Models;
using DeepKeras.Tests.Saving;
using DeepKeras.Training;
using static TorchSharp.torch;

namespace DeepKeras.Tests.TestUtil;

/// <summary>
/// The checks shared by golden cases that are a Keras-saved model with inputs <c>x0.npy</c>, <c>x1.npy</c>, … and outputs
/// <c>y0.npy</c>, <c>y1.npy</c>, … in Keras's order: the file predicts Keras's outputs, prints Keras's summary, and a copy
/// saved here predicts the same.
/// </summary>
internal static class GoldenModelCase
{
    /// <summary>The case's inputs x0, x1, … as tensors.</summary>
    public static Tensor[] Inputs(KerasGolden g) => Numbered(g, "x").Select(g.Tensor).ToArray();

    /// <summary>Predicts the case's inputs with <paramref name="model"/>.</summary>
    public static Tensor[] Predict(Model model, KerasGolden g) => model.PredictTensors(Inputs(g).Select(t => (ArrayLike)t).ToArray());

    /// <summary>Asserts every output is within 1e-5 of Keras's, relative to the largest expected magnitude (at least 1).</summary>
    public static void AssertOutputs(KerasGolden g, Tensor[] outputs, string name)
    {
        var expected = Numbered(g, "y").ToArray();
        Assert.Equal(expected.Length, outputs.Length);
        for (var i = 0; i < outputs.Length; i++)
        {
            var y = g.Tensor(expected[i]);
            KerasGolden.AssertClose(y, outputs[i], 1e-5 * Math.Max(1, y.abs().max().item<float>()), $"{name} output {i}");
        }
    }

    /// <summary>The Keras-saved model predicts Keras's outputs.</summary>
    public static void AssertKerasSavedModelPredicts(string name)
    {
        var g = KerasGolden.Case(name);
        AssertOutputs(g, Predict(Keras.Models.LoadModel(g.File("model.keras")), g), name);
    }

    /// <summary>The Keras-saved model prints Keras's summary (line length 88).</summary>
    public static void AssertKerasSummary(string name)
    {
        var g = KerasGolden.Case(name);
        var lines = new List<string>();
        Keras.Models.LoadModel(g.File("model.keras")).Summary(lineLength: 88, printFn: lines.Add);
        Assert.Equal(g.Text("summary").TrimEnd('\n'), string.Join("\n", lines).TrimEnd('\n'));
    }

    /// <summary>The Keras-saved model, saved again here and loaded back, predicts Keras's outputs.</summary>
    public static void AssertSavedHereLoads(string name)
    {
        var g = KerasGolden.Case(name);
        using var dir = new TempDir();
        Keras.Models.LoadModel(g.File("model.keras")).Save(dir.File("again.keras"));
        AssertOutputs(g, Predict(Keras.Models.LoadModel(dir.File("again.keras")), g), name);
    }

    private static IEnumerable<string> Numbered(KerasGolden g, string prefix) =>
        Enumerable.Range(0, 8).Select(i => $"{prefix}{i}").TakeWhile(n => File.Exists(Path.Combine(g.Dir, n + ".npy")));
}
