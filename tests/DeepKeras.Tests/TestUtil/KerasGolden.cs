using System.Text.Json.Nodes;
using DeepKeras.Datasets;
using DeepKeras.Training;
using NumSharp;
using static TorchSharp.torch;

namespace DeepKeras.Tests.TestUtil;

/// <summary>
/// Reads one case of the golden files written by the real Keras 3 (scripts/keras-golden/*.py, run in the oracle) from
/// Data/keras3/&lt;case&gt;/: arrays (.npy), texts (summaries), JSON (configs, logs) and saved models.
/// </summary>
internal sealed class KerasGolden
{
    private KerasGolden(string dir) => Dir = dir;

    /// <summary>Gets the case folder.</summary>
    public string Dir { get; }

    /// <summary>Opens a case; fails with the path when the case was not generated.</summary>
    public static KerasGolden Case(string name)
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "Data", "keras3", name);
        Assert.True(Directory.Exists(dir), $"golden case '{name}' is missing: run scripts/keras-golden/run.sh ({dir})");
        return new KerasGolden(dir);
    }

    /// <summary>The path of a file of the case.</summary>
    public string File(string name)
    {
        var path = Path.Combine(Dir, name);
        Assert.True(System.IO.File.Exists(path), $"golden file missing: {path}");
        return path;
    }

    /// <summary>An array as NumSharp.</summary>
    public NDArray Array(string name)
    {
        using var s = System.IO.File.OpenRead(File(name + ".npy"));
        return NpyReader.Read(s, name);
    }

    /// <summary>An array as a tensor (float arrays as float32, integers as int64).</summary>
    public Tensor Tensor(string name) => TensorConvert.ToTensor(Array(name), null);

    /// <summary>A text file (e.g. "summary" for summary.txt), line endings normalized.</summary>
    public string Text(string name) => System.IO.File.ReadAllText(File(name + ".txt")).Replace("\r\n", "\n");

    /// <summary>A JSON file.</summary>
    public JsonNode Json(string name) => JsonNode.Parse(System.IO.File.ReadAllText(File(name + ".json")))!;

    /// <summary>Asserts two tensors have the same shape and are element-wise within <paramref name="tol"/>.</summary>
    public static void AssertClose(Tensor expected, Tensor actual, double tol, string what = "value")
    {
        Assert.Equal(expected.shape, actual.shape);
        var diff = (expected.to(float64).cpu() - actual.detach().to(float64).cpu()).abs().max().item<double>();
        Assert.True(diff <= tol, $"{what}: max |difference| {diff:E3} > {tol:E1}");
    }
}
